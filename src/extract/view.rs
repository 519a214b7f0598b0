//! The shared view of an article for the rules: tokens, the mention at each token, entities,
//! quotations and the lexicon, and the look-ups every rule makes (the subject before a verb,
//! the object after it, the person a pronoun stands for).

use crate::lexicon::{Cue, Lexicon, Sex, WordSet};
use crate::model::{Document, EntityId, EntityKind, Mention, Polarity, Predicate, Resolution, Span, TokenKind};

/// Words that may stand between a subject and its verb ("Estonia on Tuesday accused"): the
/// `between` words of the lexicon, weekdays, and the passive, negation and modal words.
pub(super) const BETWEEN: &[WordSet] =
    &[WordSet::Between, WordSet::Weekday, WordSet::Passive, WordSet::Negation, WordSet::Modal];

/// Whether a word is an adverb in "-ly" ("personally", "bitterly"), which may stand between a
/// subject and its verb like the `between` words; the nouns and adjectives of the word set
/// `not_adverb` ("ally", "daily") are not.
pub(super) fn adverb(lexicon: &Lexicon, w: &str) -> bool {
    w.len() >= 4 && w.ends_with("ly") && w.chars().all(|c| c.is_ascii_lowercase()) && !lexicon.is(WordSet::NotAdverb, w)
}

/// An article as the rules see it: tokens, mentions by token, entities, the lexicon.
pub(super) struct View<'a> {
    pub doc: &'a Document,
    pub mentions: &'a [Mention],
    pub resolution: &'a Resolution,
    pub lexicon: &'a Lexicon,
    /// For each token, the mention covering it.
    pub mention_at: Vec<Option<usize>>,
    /// Spans of quoted text.
    pub quotes: Vec<Span>,
}

/// A subject found before a verb.
pub(super) struct Subject {
    pub entity: EntityId,
    pub span: Span,
    pub polarity: Polarity,
    pub passive: bool,
    /// True when it came through a pronoun.
    pub pronoun: bool,
    /// A coordinated co-subject ("Kenya and Ethiopia signed").
    pub partner: Option<EntityId>,
    /// True when it is the subject of an earlier verb ("X said … and accused Y").
    pub coordinated: bool,
}

impl<'a> View<'a> {
    pub fn new(doc: &'a Document, mentions: &'a [Mention], resolution: &'a Resolution, lexicon: &'a Lexicon) -> Self {
        let mut mention_at = vec![None; doc.tokens.len()];
        for (i, m) in mentions.iter().enumerate() {
            let first = doc.token_at_or_after(m.span.start);
            let mut t = first;
            while t < doc.tokens.len() && doc.tokens[t].span.end <= m.span.end {
                mention_at[t] = Some(i);
                t += 1;
            }
        }
        let quotes = find_quotes(doc);
        View { doc, mentions, resolution, lexicon, mention_at, quotes }
    }

    /// The text of token `i`; empty past the end, so that rules can look ahead freely.
    pub fn text(&self, i: usize) -> &'a str {
        self.doc.token_text(i)
    }

    /// The entity and mention at token `i`, if a resolved mention covers it.
    pub fn entity_at(&self, token: usize) -> Option<(EntityId, usize)> {
        let m = self.mention_at.get(token).copied().flatten()?;
        Some((self.resolution.entity_of(crate::model::MentionId(m as u32))?, m))
    }

    pub fn kind(&self, e: EntityId) -> EntityKind {
        self.resolution.entity(e).kind
    }

    pub fn in_quote(&self, span: Span) -> bool {
        // quotes are sorted and disjoint: only the last one starting before `span` can hold it
        let i = self.quotes.partition_point(|q| q.start <= span.start);
        i > 0 && self.quotes[i - 1].contains(span)
    }

    /// The verb cue at token `i`: a lower-case word form in the cue table, in the sense the
    /// table gives it. Some senses are not: "agreed that …", "agreed with X" and a bare "agreed"
    /// share an opinion rather than cooperate (a deal, terms or a plan "to" are agreed); "refused
    /// to comment" rejects nothing; "complained of" names a symptom; "asked if …" (or whether,
    /// what, how …) asks a question
    /// rather than makes an appeal; "talked about" (or of, up, into) is no meeting, as only
    /// "talked to" and "talked with" are; "a host of" is no host; "denied him a goal" stops
    /// something rather than denies it.
    pub fn cue_at(&self, i: usize) -> Option<&'a Cue> {
        let w = self.text(i);
        if self.doc.tokens[i].kind != TokenKind::Word || !w.chars().next().is_some_and(char::is_lowercase) {
            return None;
        }
        let cue = self.lexicon.cue(w)?;
        let next = self.text(i + 1);
        let other_sense = match cue.lemma.as_str() {
            // a deal or a plan is agreed; "agreed that", "agreed with X" or a bare "agreed" shares
            // an opinion or concedes a point
            "agree" => !matches!(next, "to" | "on" | "upon" | "a" | "an" | "the" | "terms" | "deal"),
            // "refused to comment" (or say, elaborate …) rejects nothing
            "refuse" => next == "to" && self.comment_verb(i + 2),
            // "complained of breathing problems": a symptom
            "complain" => next == "of",
            "ask" => matches!(next, "if" | "whether" | "what" | "how" | "why" | "when" | "who" | "about"),
            "talk" => !matches!(next, "to" | "with"),
            "host" => next == "of",
            "deny" => self.double_object(i),
            _ => false,
        };
        (!other_sense).then_some(cue)
    }

    /// Whether token `k` is a verb of comment ("refused to comment", "refused to say"): a
    /// speech cue, or comment, elaborate, confirm, answer, disclose, discuss, speculate.
    fn comment_verb(&self, k: usize) -> bool {
        let w = self.text(k);
        matches!(w, "comment" | "elaborate" | "confirm" | "answer" | "disclose" | "discuss" | "speculate" | "be")
            || self.lexicon.cue(w).is_some_and(|c| c.predicate == Predicate::Said)
    }

    /// Whether the verb at token `v` takes two objects, a person or a pronoun and then a thing
    /// ("denied him a goal", "denied Chelsea the win").
    fn double_object(&self, v: usize) -> bool {
        let word = |k: usize| self.text(k);
        let after_object = match self.entity_at(v + 1) {
            Some((_, m)) => self.doc.token_at_or_after(self.mentions[m].span.end),
            None if matches!(word(v + 1), "him" | "her" | "them" | "us" | "me") => v + 2,
            None => return false,
        };
        matches!(word(after_object), "a" | "an" | "the" | "his" | "her" | "their" | "its")
    }

    /// Whether the event verb at token `v` is a bare passive participle, whose subject is the
    /// one acted on: "(was) accused of fraud", "(has been) criticised for …", "… praised by
    /// critics". Active uses of these verbs take an object first ("accused Russia of …").
    pub fn passive_participle(&self, v: usize) -> bool {
        let Some(cue) = self.cue_at(v) else { return false };
        let past = self.text(v).ends_with("ed") || matches!(self.text(v), "met" | "thought" | "told");
        let next = self.text(v + 1);
        past && match next {
            "by" => true,
            "of" => cue.predicate == Predicate::Accused,
            // "complained over X" is active: complain takes no object
            "for" | "over" => {
                matches!(cue.predicate, Predicate::Accused | Predicate::Criticised | Predicate::Praised)
                    && cue.lemma != "complain"
            }
            _ => false,
        }
    }

    /// The first token of the mention ending at token `k`.
    fn mention_start_token(&self, m: usize) -> usize {
        self.doc.token_at_or_after(self.mentions[m].span.start)
    }

    /// Entities mentioned inside `span`, in order, without duplicates.
    pub fn entities_in(&self, span: Span, except: EntityId) -> Vec<EntityId> {
        let mut out = Vec::new();
        let first = self.mentions.partition_point(|m| m.span.start < span.start);
        for (i, m) in self.mentions.iter().enumerate().skip(first).take_while(|(_, m)| m.span.start < span.end) {
            if span.contains(m.span) {
                if let Some(e) = self.resolution.entity_of(crate::model::MentionId(i as u32)) {
                    if e != except && !out.contains(&e) {
                        out.push(e);
                    }
                }
            }
        }
        out
    }

    /// The most recent person mentioned before byte `offset` within three sentences
    /// (for "he said" / "she said").
    pub fn pronoun_antecedent(&self, offset: usize, pronoun: &str) -> Option<(EntityId, Span)> {
        let wanted = if pronoun.eq_ignore_ascii_case("she") { Sex::Female } else { Sex::Male };
        // a person whose given name is clearly of the other sex is passed over, unless nobody
        // else fits (US birth data mislabel many names: Jean, Andrea, Laurence)
        let fits = |e: EntityId| {
            let first = self.resolution.entity(e).name.split_whitespace().next().unwrap_or("");
            self.lexicon.given_name_sex(first).is_none_or(|sex| sex == wanted)
        };
        let sentence = self.doc.sentence_at(offset)?;
        let floor = self.doc.sentences[sentence.saturating_sub(3)].span.start;
        let end = self.mentions.partition_point(|m| m.span.start < offset);
        // people named inside a quotation are not the ones "he" or "she" refers to
        let mut people = self.mentions[..end]
            .iter()
            .enumerate()
            .rev()
            .take_while(|(_, m)| m.span.start >= floor)
            .filter(|(_, m)| m.span.end <= offset && m.kind == EntityKind::Person && !self.in_quote(m.span))
            .filter_map(|(i, m)| Some((self.resolution.entity_of(crate::model::MentionId(i as u32))?, m.span)));
        let nearest = people.next()?;
        std::iter::once(nearest).chain(people).find(|&(e, _)| fits(e)).or(Some(nearest))
    }

    /// The subject of the verb at token `v`, walking back over adverbs, auxiliaries and an
    /// apposition ("X, a spokesman for Y, said").
    pub fn subject_before(&self, v: usize, floor: usize) -> Option<Subject> {
        let mut k = v;
        let mut polarity = Polarity::Asserted;
        let mut passive = false;
        for _ in 0..12 {
            if k <= floor {
                return None;
            }
            k -= 1;
            if let Some((entity, m)) = self.entity_at(k) {
                let span = self.mentions[m].span;
                let start = self.mention_start_token(m);
                // "Protesters in Moscow criticised …": a place after a preposition is no subject
                if start > floor && matches!(self.text(start - 1), "in" | "at" | "from" | "near" | "outside" | "across")
                {
                    return None;
                }
                // "Kenya and Ethiopia signed", "Kenyan President Ruto and Tanzanian President
                // Hassan met"
                let start = self.title_start(start, floor);
                let partner = (start >= floor + 2 && self.text(start - 1) == "and")
                    .then(|| self.entity_at(start - 2).map(|(e, _)| e))
                    .flatten()
                    .filter(|p| *p != entity);
                return Some(Subject { entity, span, polarity, passive, pronoun: false, partner, coordinated: false });
            }
            let w = self.text(k);
            if self.lexicon.is(WordSet::Negation, w) {
                polarity = Polarity::Negated;
            } else if self.lexicon.is(WordSet::Modal, w) && polarity == Polarity::Asserted {
                // "would not meet" stays negated
                polarity = Polarity::Hypothetical;
            }
            if self.lexicon.is(WordSet::Passive, w) {
                passive = true;
            }
            if self.lexicon.is_any(BETWEEN, w) || adverb(self.lexicon, w) {
                continue;
            }
            if matches!(w, "he" | "she" | "He" | "She") {
                let (entity, _) = self.pronoun_antecedent(self.doc.tokens[k].span.start, w)?;
                return Some(Subject {
                    entity,
                    span: self.doc.tokens[k].span,
                    polarity,
                    passive,
                    pronoun: true,
                    partner: None,
                    coordinated: false,
                });
            }
            // "the ministry said": a description the resolver joined to one entity
            if let Some((entity, span)) = self.description_ending_at(k) {
                let subject =
                    Subject { entity, span, polarity, passive, pronoun: false, partner: None, coordinated: false };
                return Some(subject);
            }
            if w == ")" {
                // skip a parenthetical: "the Agency (EASA) said"
                k = (floor..k).rev().take(8).find(|&j| self.text(j) == "(")?;
                continue;
            }
            if w == "," {
                // "X, a spokeswoman for Y, said": X, before the apposition
                if let Some(pc) = (floor..k).rev().take(25).find(|&j| self.text(j) == ",") {
                    if let Some(subject) = self.mention_subject(self.skip_parenthetical(pc, floor), polarity, passive) {
                        return Some(subject);
                    }
                }
                // "the regulator, the Agency (EASA), said": the apposition itself
                return self.mention_subject(self.skip_parenthetical(k, floor), polarity, passive);
            }
            return None;
        }
        None
    }

    /// The description ("the ministry", "the spokesman") that the resolver joined to an entity
    /// and whose last token is `k`: its entity and span.
    fn description_ending_at(&self, k: usize) -> Option<(EntityId, Span)> {
        let end = self.doc.tokens[k].span.end;
        let descriptions = &self.resolution.descriptions;
        // sorted and disjoint, so sorted by end too
        let i = descriptions.partition_point(|(s, _)| s.end < end);
        descriptions.get(i).filter(|(s, _)| s.end == end).map(|&(s, e)| (e, s))
    }

    /// A person right after a title starting at token `k` ("Prime Minister Tesfaye Alemu").
    pub fn titled_person_at(&self, k: usize, end: usize) -> Option<(EntityId, Span)> {
        let max = self.lexicon.max_title_words();
        (1..=max).rev().find_map(|n| {
            if k + n >= end {
                return None;
            }
            self.lexicon.title(&self.doc.phrase(k..k + n))?;
            let (e, m) = self.entity_at(k + n)?;
            (self.kind(e) == EntityKind::Person).then(|| (e, self.mentions[m].span))
        })
    }

    /// The first token of a title right before the mention starting at token `start`, with a
    /// demonym or country before the title ("Tanzanian President Samia Hassan"); `start` when
    /// there is none.
    fn title_start(&self, start: usize, floor: usize) -> usize {
        let max = self.lexicon.max_title_words();
        let Some(k) = (1..=max)
            .rev()
            .filter(|&len| start >= floor + len)
            .find(|&len| self.lexicon.title(&self.doc.phrase(start - len..start)).is_some())
            .map(|len| start - len)
        else {
            return start;
        };
        match k.checked_sub(1).filter(|&j| j >= floor).and_then(|j| self.entity_at(j)) {
            Some((e, m)) if self.kind(e) != EntityKind::Person => self.mention_start_token(m),
            _ => k,
        }
    }

    /// The last token before `k`, stepping over a parenthetical that ends right before it.
    fn skip_parenthetical(&self, k: usize, floor: usize) -> usize {
        if k > floor + 1 && self.text(k - 1) == ")" {
            if let Some(open) = (floor..k - 1).rev().take(8).find(|&j| self.text(j) == "(") {
                return open;
            }
        }
        k
    }

    /// The mention whose last token is `k - 1`, as a subject.
    fn mention_subject(&self, k: usize, polarity: Polarity, passive: bool) -> Option<Subject> {
        let (entity, m) = self.entity_at(k.checked_sub(1)?)?;
        Some(Subject {
            entity,
            span: self.mentions[m].span,
            polarity,
            passive,
            pronoun: false,
            partner: None,
            coordinated: false,
        })
    }

    /// The entity whose mention starts at token `k` when it heads its noun phrase, and the
    /// token after the mention. A name followed by "'s" owns something else ("Russia's
    /// ministry"), a demonym followed by a lower-case word is an adjective ("a German auditor",
    /// but "the Uzbek government" is the country), and a name followed by a title names an
    /// unnamed person ("Kenya's foreign ministry spokesman", "the Afghan team coach").
    pub fn head_entity_at(&self, k: usize) -> Option<(EntityId, Span, usize)> {
        let (e, m) = self.entity_at(k)?;
        let mention = &self.mentions[m];
        let next = self.doc.token_at_or_after(mention.span.end);
        let w = self.text(next);
        let lower = self.doc.tokens.get(next).is_some_and(|t| t.kind == TokenKind::Word)
            && w.chars().next().is_some_and(char::is_lowercase);
        let owner = matches!(w, "'s" | "’s");
        let adjective =
            mention.form == crate::model::MentionForm::Demonym && lower && !self.lexicon.is(WordSet::StateNoun, w);
        let titled = lower && self.lexicon.title(w).is_some();
        (!owner && !adjective && !titled).then_some((e, mention.span, next))
    }

    /// The first entity after the verb at `v` in its clause ("met with X", "accused X of").
    pub fn object_after(&self, v: usize, end: usize) -> Option<(EntityId, Span)> {
        let mut k = v + 1;
        let mut steps = 0;
        while k < end && steps < 6 {
            if let Some((e, m)) = self.entity_at(k) {
                // "met Ethiopian Prime Minister Tesfaye Alemu": the person, not the country
                let after = self.doc.token_at_or_after(self.mentions[m].span.end);
                if let Some(person) = self.titled_person_at(after, end) {
                    return Some(person);
                }
                return Some((e, self.mentions[m].span));
            }
            // only determiners, prepositions and agreement nouns may stand before the object
            if !self.lexicon.is(WordSet::ObjectGap, self.text(k)) {
                return None;
            }
            k += 1;
            steps += 1;
        }
        None
    }
}

/// Spans of text between paired quotation marks. Curly and angle marks say which way they face
/// (and „ pairs with “); a straight `"` opens after a space and closes before one, so that
/// `a 5" screen` opens nothing. A quote does not run over a line break, except in the news
/// convention for a quotation over several paragraphs: each paragraph opens with a mark and only
/// the last one closes, and the span runs from the first opening mark to the last closing one.
pub(super) fn find_quotes(doc: &Document) -> Vec<Span> {
    let mut quotes = Vec::new();
    let mut open: Option<(usize, &str)> = None; // the opening mark: token index and text
    for (i, t) in doc.tokens.iter().enumerate() {
        let mark = doc.slice(t.span);
        let spaced_before =
            doc.text[..t.span.start].chars().next_back().is_none_or(|c| c.is_whitespace() || "([{—–-".contains(c));
        let spaced_after =
            doc.text[t.span.end..].chars().next().is_none_or(|c| c.is_whitespace() || c.is_ascii_punctuation());
        let opens = |open: Option<(usize, &str)>| match mark {
            "“" if matches!(open, Some((_, "„"))) => false,
            "“" | "«" | "„" | "‟" => true,
            "”" | "»" => false,
            _ if spaced_before != spaced_after => spaced_before,
            _ => open.is_none(),
        };
        if i > 0 && open.is_some() && doc.text[doc.tokens[i - 1].span.end..t.span.start].contains('\n') {
            // the next paragraph goes on with the quotation when it opens with a mark
            if t.kind == TokenKind::Quote && opens(None) {
                continue;
            }
            open = None;
        }
        if t.kind != TokenKind::Quote {
            continue;
        }
        match open {
            _ if opens(open) => open = Some((i, mark)),
            Some((o, _)) => {
                quotes.push(Span::new(doc.tokens[o].span.end, t.span.start));
                open = None;
            }
            None => {}
        }
    }
    quotes
}
