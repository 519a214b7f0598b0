//! The rules: gazetteer matches, capitalised runs classified by titles, given names,
//! organisation heads and context, then document-level passes for acronyms and name parts.

use std::collections::HashSet;

use super::words::{is_calendar, is_month};
use crate::lexicon::{title_case, Entry, Gazetteer, Lexicon, TitleKind, WordSet};
use crate::model::{Document, EntityKind, Mention, MentionForm, MentionRule, Span, TokenKind};

struct Ctx<'a> {
    doc: &'a Document,
    lexicon: &'a Lexicon,
    gazetteer: &'a Gazetteer,
    mentions: Vec<Mention>,
    /// For each token, whether a mention already covers it.
    taken: Vec<bool>,
}

pub(super) fn recognize(doc: &Document, lexicon: &Lexicon, gazetteer: &Gazetteer) -> Vec<Mention> {
    let starts: Vec<usize> = doc.tokens.iter().map(|t| t.span.start).collect();
    let ends: Vec<usize> = doc.tokens.iter().map(|t| t.span.end).collect();
    let gaz = gazetteer.find(&doc.text, &starts, &ends);
    let mut ctx = Ctx { doc, lexicon, gazetteer, mentions: Vec::new(), taken: vec![false; doc.tokens.len()] };
    for sentence in &doc.sentences {
        if doc.in_layout_line(sentence.span) {
            continue;
        }
        let tokens = sentence.tokens();
        // matches come sorted by start: the sentence's are one slice
        let first = gaz.partition_point(|(s, _)| s.start < sentence.span.start);
        let in_sentence: Vec<(Span, &Entry)> = gaz[first..]
            .iter()
            .take_while(|(s, _)| s.start < sentence.span.end)
            .filter(|(s, _)| sentence.span.contains(*s))
            .map(|(s, e)| (*s, *e))
            .collect();
        ctx.sentence(tokens, &in_sentence);
    }
    ctx.mentions.sort_by_key(|m| m.span);
    ctx.acronyms_and_name_parts();
    ctx.mentions.sort_by_key(|m| m.span);
    ctx.mentions
}

fn is_cap(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn is_all_caps(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

impl<'a> Ctx<'a> {
    /// The text of token `i`; empty past the end, so that rules can look ahead freely.
    fn text(&self, i: usize) -> &'a str {
        self.doc.token_text(i)
    }

    fn span(&self, from: usize, to: usize) -> Span {
        self.doc.span_of(from..to)
    }

    /// The tokens a span covers.
    fn tokens_of(&self, span: Span) -> std::ops::Range<usize> {
        self.doc.tokens_in(span)
    }

    /// Adds a mention unless a token of it is taken already.
    fn push(
        &mut self,
        span: Span,
        kind: EntityKind,
        form: MentionForm,
        score: f32,
        rule: MentionRule,
        key: Option<String>,
    ) {
        let tokens = self.tokens_of(span);
        if self.taken[tokens.clone()].iter().any(|&t| t) {
            return;
        }
        self.taken[tokens].fill(true);
        self.mentions.push(Mention { span, kind, form, score, rule, gazetteer_key: key });
    }

    /// A title phrase (up to the longest title) starting at token `i` and ending before `end`:
    /// its kind and its length in tokens.
    fn title_at(&self, i: usize, end: usize) -> Option<(TitleKind, usize)> {
        let max = self.lexicon.max_title_words().min(end - i);
        (1..=max).rev().find_map(|n| self.lexicon.title(&self.doc.phrase(i..i + n)).map(|k| (k, n)))
    }

    fn is_word(&self, i: usize) -> bool {
        self.doc.tokens[i].kind == TokenKind::Word
    }

    fn sentence(&mut self, tokens: std::ops::Range<usize>, gaz: &[(Span, &Entry)]) {
        let words = tokens.clone().filter(|&i| self.is_word(i)).count();
        let caps = tokens.clone().filter(|&i| self.is_word(i) && is_cap(self.text(i))).count();
        // a Title Case headline (no final stop): trust only the gazetteer
        let last = tokens.end - 1;
        let ends_like_sentence = matches!(self.text(last), "." | "?" | "!" | "\"" | "”" | ":");
        let title_case = !ends_like_sentence && words >= 4 && caps * 10 >= words * 7;
        self.dateline(tokens.clone());
        let mut i = tokens.start;
        while i < tokens.end {
            if !self.is_word(i) || !is_cap(self.text(i)) || is_calendar(self.lexicon, self.text(i)) {
                i += 1;
                continue;
            }
            // the maximal capitalised run, connectors allowed inside
            let mut j = i + 1;
            while j < tokens.end && self.is_word(j) {
                let w = self.text(j);
                if is_calendar(self.lexicon, w) {
                    break;
                }
                let capitalised = is_cap(w) || (w.contains('-') && w.split('-').any(is_cap));
                // "and" does not join two complete organisations ("the Foreign Ministry and Shell")
                let joins_orgs = matches!(w, "and" | "&") && self.lexicon.is_org_head(self.text(j - 1));
                let connector = self.lexicon.is(WordSet::Connector, w)
                    && !joins_orgs
                    && j + 1 < tokens.end
                    && self.is_word(j + 1)
                    && is_cap(self.text(j + 1));
                if capitalised || connector {
                    j += 1;
                } else {
                    break;
                }
            }
            self.run(i, j, tokens.start, tokens.end, gaz, title_case);
            i = j;
        }
    }

    /// "TALLINN, March 3 (Wire) -": an upper-case place at the start of a paragraph.
    fn dateline(&mut self, tokens: std::ops::Range<usize>) {
        let first = tokens.start;
        let before = self.doc.text[..self.doc.tokens[first].span.start].trim_end_matches([' ', '\t', '\r']);
        if !(before.is_empty() || before.ends_with('\n')) {
            return;
        }
        let mut j = first;
        while j < tokens.end && self.is_word(j) && is_all_caps(self.text(j)) {
            j += 1;
        }
        if j == first || j >= tokens.end || !matches!(self.text(j), "," | "(" | "-" | "—") {
            return;
        }
        // a dateline goes on with a date or an agency: "GENEVA, March 3", "PARIS (AFP) -", "LIMA, 3 May"
        let next = self.text(j + 1);
        let dateline_shape = match self.text(j) {
            "," => is_month(self.lexicon, next) || !next.is_empty() && next.chars().all(|c| c.is_ascii_digit()),
            "(" => is_cap(next),
            _ => true,
        };
        // an acronym opening a paragraph ("NATO, the alliance, said") is not a dateline
        if !dateline_shape || self.gazetteer.lookup(self.text(first)).is_some_and(|e| e.kind != EntityKind::Place) {
            return;
        }
        let name: Vec<String> = (first..j).map(|k| title_case(self.text(k))).collect();
        let name = name.join(" ");
        let span = self.span(first, j);
        match self.gazetteer.lookup(&name) {
            Some(e) => {
                let (kind, form, key) = (e.kind, e.form, e.key.clone());
                self.push(span, kind, form, 0.9, MentionRule::Dateline, Some(key));
            }
            None => self.push(span, EntityKind::Place, MentionForm::Name, 0.75, MentionRule::Dateline, None),
        }
    }

    fn run(
        &mut self,
        start: usize,
        end: usize,
        sent_start: usize,
        sent_end: usize,
        gaz: &[(Span, &Entry)],
        title_case: bool,
    ) {
        let mut i = start;
        let mut title: Option<TitleKind> = self.title_before(start, end, sent_start);
        while i < end {
            let w = self.text(i);
            // the rest of the run is a gazetteer name
            let rest = self.span(i, end);
            if let Some(&(span, entry)) = gaz.iter().find(|(s, _)| *s == rest) {
                self.push(span, entry.kind, entry.form, 0.95, MentionRule::Gazetteer, Some(entry.key.clone()));
                return;
            }
            let org_run = end - i >= 2 && !title_case && self.is_org_name(i, end);
            if self.lexicon.is(WordSet::Connector, w)
                || self.lexicon.is(WordSet::Stop, w) && title.is_none()
                || self.lexicon.is(WordSet::NameAdjective, w) && !org_run
            {
                i += 1;
                continue;
            }
            if let Some((kind, n)) = self.title_at(i, end) {
                if i + n < end || !matches!(kind, TitleKind::Honorific) {
                    title = Some(kind);
                    i += n;
                    continue;
                }
            }
            if org_run {
                // "Shares of Northwind Energy Ltd": the name starts after an "of" that no head
                // word comes before ("University of Tartu" keeps its "of")
                let start = (i..end)
                    .rev()
                    .find(|&p| self.text(p) == "of" && !(i..p).any(|q| self.lexicon.is_org_head(self.text(q))))
                    .map_or(i, |p| p + 1);
                let span = self.span(start, end);
                self.push(span, EntityKind::Organisation, MentionForm::Name, 0.85, MentionRule::OrgHead, None);
                return;
            }
            if end - i >= 2 && !title_case {
                let last = self.text(end - 1);
                if self.lexicon.is(WordSet::PlaceHead, last) {
                    self.push(rest, EntityKind::Place, MentionForm::Name, 0.8, MentionRule::PlaceHead, None);
                    return;
                }
            }
            if let Some(&(span, entry)) =
                gaz.iter().find(|(s, _)| s.start == self.doc.tokens[i].span.start && s.end <= rest.end)
            {
                self.push(span, entry.kind, entry.form, 0.95, MentionRule::Gazetteer, Some(entry.key.clone()));
                i = self.doc.token_at_or_after(span.end);
                title = None;
                continue;
            }
            // a name: up to the next gazetteer match or title
            let mut j = i + 1;
            while j < end
                && !gaz.iter().any(|(s, _)| s.start == self.doc.tokens[j].span.start)
                && !(self.title_at(j, end).is_some() && j + 1 < end)
            {
                j += 1;
            }
            while j > i + 1 && self.lexicon.is(WordSet::Connector, self.text(j - 1)) {
                j -= 1;
            }
            if !title_case {
                self.name(i, j, sent_start, sent_end, title);
            }
            title = None;
            i = j;
        }
    }

    /// True when tokens `[i, end)` name an organisation: they end with an organisation head or
    /// legal form, or a head is followed by "of" and at most two more words ("Municipality of
    /// Livorno", "Catholic University of Portugal").
    fn is_org_name(&self, i: usize, end: usize) -> bool {
        let last = self.text(end - 1);
        if self.lexicon.is_org_head(last) || self.lexicon.is_legal_form(last) {
            return true;
        }
        // after "of", up to five words that hold no title or given name ("Bank of England
        // Governor Andrew Bailey" is not one organisation)
        (i..end.saturating_sub(2)).any(|p| {
            self.lexicon.is_org_head(self.text(p))
                && self.text(p + 1) == "of"
                && end - (p + 2) <= 5
                && (p + 2..end).all(|k| {
                    let w = self.text(k);
                    self.lexicon.title(w).is_none() && !self.lexicon.is_given_name(w)
                })
        })
    }

    /// A title written just before a capitalised run ("spokesman Dmitry Orlov", "Mr. Li").
    /// A title set off by a comma counts too when a comma also closes the name ("whose chief
    /// executive, Anouk de Vries, said"; not "the minister, Kommersant reported").
    fn title_before(&self, start: usize, run_end: usize, sent_start: usize) -> Option<TitleKind> {
        let comma = start > sent_start && self.text(start - 1) == ",";
        if comma && self.text(run_end) != "," {
            return None;
        }
        let end = if comma { start - 1 } else { start };
        let max = self.lexicon.max_title_words();
        (1..=max.min(end - sent_start)).find_map(|n| self.lexicon.title(&self.doc.phrase(end - n..end)))
    }

    /// Classifies an unknown capitalised name `[i, j)` by its words and context.
    fn name(&mut self, i: usize, j: usize, sent_start: usize, sent_end: usize, title: Option<TitleKind>) {
        // trailing function words are not part of a name ("Regina Ip In", "Wilson Or")
        let mut j = j;
        while j > i && self.lexicon.is_any(&[WordSet::Stop, WordSet::Connector], self.text(j - 1)) {
            j -= 1;
        }
        // single letters ("I") are never names
        if j == i || (j == i + 1 && self.text(i).chars().count() < 2) {
            return;
        }
        let words: Vec<&str> = (i..j).map(|k| self.text(k)).collect();
        // "Minister of Education Stefania Giannini": the name starts at the given name
        let i = match words.iter().position(|w| self.lexicon.is_given_name(w)) {
            Some(p) if p > 0 && title.is_some() && j - (i + p) >= 2 => i + p,
            _ => i,
        };
        let words: Vec<&str> = (i..j).map(|k| self.text(k)).collect();
        let span = self.span(i, j);
        let n = words.len();
        let first = words[0];
        let last = words[n - 1];
        let prev = (i > sent_start).then(|| self.text(i - 1));
        let person_like = words.iter().all(|w| !is_all_caps(w) && !self.lexicon.is_org_head(w));
        let known_name = self.lexicon.is_given_name(first) || self.lexicon.is_surname(last);
        if n >= 2 && first == "New" {
            self.push(span, EntityKind::Place, MentionForm::Name, 0.6, MentionRule::PlaceNew, None);
        } else if n >= 2 && (self.lexicon.is_org_head(last) || self.lexicon.is_legal_form(last)) {
            self.push(span, EntityKind::Organisation, MentionForm::Name, 0.8, MentionRule::OrgHead, None);
        } else if n >= 2 && self.lexicon.is_any(&[WordSet::Compass, WordSet::PlaceHead], last) {
            self.push(span, EntityKind::Place, MentionForm::Name, 0.6, MentionRule::PlaceHead, None);
        } else if title.is_some() && person_like && n <= 4 {
            self.push(span, EntityKind::Person, MentionForm::Name, 0.9, MentionRule::TitleName, None);
        } else if n >= 2 && person_like && self.lexicon.is_given_name(first) && n <= 4 {
            self.push(span, EntityKind::Person, MentionForm::Name, 0.85, MentionRule::GivenName, None);
        } else if n == 1 && is_all_caps(first) && first.chars().count() <= 6 && !first.contains('.') {
            self.push(span, EntityKind::Organisation, MentionForm::Name, 0.6, MentionRule::Acronym, None);
        } else if (2..=4).contains(&n) && person_like && self.is_person_context(j, sent_end, known_name) {
            self.push(span, EntityKind::Person, MentionForm::Name, 0.7, MentionRule::PersonContext, None);
        } else if n >= 2 && person_like && self.lexicon.is_surname(last) && n <= 3 {
            self.push(span, EntityKind::Person, MentionForm::Name, 0.6, MentionRule::Surname, None);
        } else if prev.is_some_and(|p| self.lexicon.is(WordSet::Locative, p))
            && i > sent_start + 1
            && n <= 3
            && person_like
            && !(n == 1 && ["ish", "ese", "ian", "ans"].iter().any(|s| first.ends_with(s)))
        {
            self.push(span, EntityKind::Place, MentionForm::Name, 0.55, MentionRule::Locative, None);
        }
    }

    /// A name followed by a reporting verb ("… said") or an apposition with a title
    /// ("…, a spokeswoman for").
    /// A reporting verb counts only for a name with a known given name or surname
    /// ("Citizens Advice said" is not a person).
    fn is_person_context(&self, j: usize, sent_end: usize, known_name: bool) -> bool {
        if j >= sent_end {
            return false;
        }
        let next = self.text(j);
        if known_name && self.lexicon.cue(next).is_some_and(|c| c.speech) {
            return true;
        }
        if next == "," {
            let mut k = j + 1;
            while k < sent_end && matches!(self.text(k), "a" | "an" | "the") {
                k += 1;
            }
            // skip adjectives before the title: "a senior spokeswoman"
            for skip in 0..3 {
                if k + skip < sent_end && self.title_at(k + skip, sent_end).is_some() {
                    return true;
                }
            }
        }
        false
    }

    /// Acronyms defined in parentheses, and later uses of acronyms and of name parts.
    fn acronyms_and_name_parts(&mut self) {
        let tokens = &self.doc.tokens;
        // "International Atomic Energy Agency (IAEA)": the acronym takes the expansion's type
        let mut acronyms: Vec<(String, EntityKind)> = Vec::new();
        for m in &self.mentions {
            let k = self.doc.token_at_or_after(m.span.end);
            let short_name = |w: &str| is_cap(w) && w.chars().count() <= 10 && !w.contains(' ');
            let defines = m.kind == EntityKind::Organisation && k + 2 < tokens.len();
            if defines && self.text(k) == "(" && self.text(k + 2) == ")" && short_name(self.text(k + 1)) {
                acronyms.push((self.text(k + 1).to_owned(), m.kind));
            }
        }
        // parts of multi-word person names: "Merkel" after "Angela Merkel"
        let mut parts: HashSet<&str> = HashSet::new();
        for m in &self.mentions {
            if m.kind == EntityKind::Person {
                let words: Vec<&str> = self.doc.slice(m.span).split_whitespace().collect();
                if words.len() >= 2 {
                    parts.insert(words[words.len() - 1]);
                    parts.insert(words[0]);
                }
            }
        }
        let mut new = Vec::new();
        for (i, t) in tokens.iter().enumerate() {
            if t.kind != TokenKind::Word || self.doc.within_layout(t.span) {
                continue;
            }
            let w = self.text(i);
            // a weak place guess ("to Braverman") gives way to a known person's name part
            if parts.contains(w) && self.taken[i] {
                let at = self.mentions.partition_point(|m| m.span.start < t.span.start);
                if self.mentions.get(at).is_some_and(|m| m.span == t.span && m.rule == MentionRule::Locative) {
                    self.mentions.remove(at);
                    self.taken[i] = false;
                }
            }
            if self.taken[i] {
                continue;
            }
            if let Some((_, kind)) = acronyms.iter().find(|(a, _)| a == w) {
                new.push(Mention {
                    span: t.span,
                    kind: *kind,
                    form: MentionForm::Name,
                    score: 0.9,
                    rule: MentionRule::AcronymDefined,
                    gazetteer_key: None,
                });
            } else if parts.contains(w) && !self.lexicon.is(WordSet::Stop, w) {
                new.push(Mention {
                    span: t.span,
                    kind: EntityKind::Person,
                    form: MentionForm::Name,
                    score: 0.8,
                    rule: MentionRule::NamePart,
                    gazetteer_key: None,
                });
            }
        }
        for m in new {
            self.push(m.span, m.kind, m.form, m.score, m.rule, m.gazetteer_key);
        }
        // an acronym first recognised alone ("EASA" as a guess) takes the defined type
        for m in &mut self.mentions {
            let surface = self.doc.slice(m.span);
            if let Some((_, kind)) = acronyms.iter().find(|(a, _)| a == surface) {
                if m.rule == MentionRule::Acronym {
                    m.kind = *kind;
                    m.rule = MentionRule::AcronymDefined;
                    m.score = 0.9;
                }
            }
        }
    }
}
