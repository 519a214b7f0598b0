//! Tiers 6 and 7 of the resolver: definite descriptions ("the ministry") and, when asked
//! for, "he" and "she", each joined to the one entity named before it that it fits. They
//! work on the finished entities and add mentions without merging any.

use super::{normalize, ListResolver};
use crate::lexicon::{Sex, WordSet};
use crate::model::{Document, Entity, EntityId, EntityKind, Mention, Span};

impl ListResolver {
    /// Tier 6: "the ministry", "the company", "the spokesman" refer to the one entity named
    /// earlier in the article that fits: an organisation whose name ends with the word (a
    /// company, with a legal form, for "company" and "firm"), or a person titled with it.
    /// Two that fit, or none, and the description stays unresolved.
    pub(super) fn descriptions(
        &self,
        doc: &Document,
        mentions: &[Mention],
        entities: &[Entity],
        mention_entity: &[Option<EntityId>],
    ) -> Vec<(Span, EntityId)> {
        let inside_mention = |i: usize| {
            let t = doc.tokens[i].span;
            mentions.iter().any(|m| m.span.overlaps(t))
        };
        // titles right before each person mention ("spokesman Kenji Watanabe")
        let titled = |m: &Mention, word: &str| {
            let first = doc.token_at_or_after(m.span.start);
            (1..=3.min(first)).any(|n| {
                let phrase = doc.phrase(first - n..first).to_lowercase();
                phrase.split(' ').next_back() == Some(word) && self.lexicon.title(&phrase).is_some()
            })
        };
        let mut out = Vec::new();
        for i in 1..doc.tokens.len() {
            if !matches!(doc.token_text(i - 1), "the" | "The") || inside_mention(i) {
                continue;
            }
            let word = doc.token_text(i);
            if !word.chars().all(char::is_lowercase) {
                continue;
            }
            let org = self.lexicon.is_org_head(word) || self.lexicon.is(WordSet::CompanyWord, word);
            let person = self.lexicon.is(WordSet::RoleWord, word);
            if !org && !person {
                continue;
            }
            // "the ministry's" and "the ministry" alike; not "the ministry of ..." (a new name)
            if doc.token_text(i + 1) == "of" {
                continue;
            }
            let start = doc.tokens[i - 1].span.start;
            let mut fits: Vec<EntityId> = Vec::new();
            for (j, m) in mentions.iter().enumerate().filter(|(_, m)| m.span.end <= start) {
                let Some(e) = mention_entity[j] else { continue };
                let entity = &entities[e.0 as usize];
                let ok = match entity.kind {
                    EntityKind::Organisation if org => {
                        if self.lexicon.is(WordSet::CompanyWord, word) {
                            std::iter::once(&entity.name)
                                .chain(&entity.aliases)
                                .any(|n| n.rsplit(' ').next().is_some_and(|w| self.lexicon.is_legal_form(w)))
                        } else {
                            normalize(&entity.name).rsplit(' ').next() == Some(word)
                        }
                    }
                    EntityKind::Person if person => titled(m, word),
                    _ => false,
                };
                if ok && !fits.contains(&e) {
                    fits.push(e);
                }
            }
            if let [e] = fits[..] {
                out.push((Span::new(start, doc.tokens[i].span.end), e));
            }
        }
        out
    }

    /// Tier 7: "he" or "she" refers to the nearest person before it, in its sentence or the two
    /// before, who is a sentence's subject (named at the sentence's start, after titles at
    /// most), whose given name does not say the other sex, and when no other person who could
    /// be meant is named between the two. A pronoun inside a quotation is left alone.
    pub(super) fn pronouns(
        &self,
        doc: &Document,
        mentions: &[Mention],
        entities: &[Entity],
        mention_entity: &[Option<EntityId>],
    ) -> Vec<(Span, EntityId)> {
        let sentence_of = |offset: usize| doc.sentence_at(offset).unwrap_or(0);
        // named at the sentence's start, after titles and capitalised words at most
        let is_subject = |span: Span| {
            let first = doc.token_at_or_after(doc.sentences[sentence_of(span.start)].span.start);
            let at = doc.token_at_or_after(span.start);
            (first..at).all(|k| {
                let w = doc.token_text(k);
                matches!(w, "The" | "\"" | "“")
                    || doc.is_capitalised(k)
                    || self.lexicon.title(&w.to_lowercase()).is_some()
            })
        };
        let sex_of = |e: EntityId| {
            let first = entities[e.0 as usize].name.split_whitespace().next().unwrap_or("");
            self.lexicon.given_name_sex(first)
        };
        // people named, then pronouns as they are resolved: (span, entity, is a subject)
        let mut people: Vec<(Span, EntityId, bool)> = mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.kind == EntityKind::Person)
            .filter_map(|(i, m)| Some((m.span, mention_entity[i]?, is_subject(m.span))))
            .collect();
        let mut out = Vec::new();
        for (k, token) in doc.tokens.iter().enumerate() {
            let wanted = match doc.token_text(k) {
                "he" | "He" => Sex::Male,
                "she" | "She" => Sex::Female,
                _ => continue,
            };
            let at = token.span.start;
            let line_start = doc.text[..at].rfind('\n').map_or(0, |n| n + 1);
            let before = &doc.text[line_start..at];
            let quotes = before.matches('"').count() + before.matches('“').count() + before.matches('”').count();
            if quotes % 2 == 1 {
                continue;
            }
            let floor = doc.sentences[sentence_of(at).saturating_sub(2)].span.start;
            let fits = |e: EntityId| sex_of(e).is_none_or(|sex| sex == wanted);
            let window: Vec<&(Span, EntityId, bool)> =
                people.iter().filter(|(span, ..)| span.start >= floor && span.end <= at).collect();
            let Some(i) = window.iter().rposition(|&&(_, e, subject)| subject && fits(e)) else {
                continue;
            };
            let e = window[i].1;
            let rival = window[i + 1..].iter().any(|&&(_, other, _)| other != e && fits(other));
            if !rival {
                out.push((token.span, e));
                let position = people.partition_point(|(span, ..)| span.start < at);
                // a resolved pronoun carries its person on ("He was born … where he met …")
                people.insert(position, (token.span, e, true));
            }
        }
        out
    }
}
