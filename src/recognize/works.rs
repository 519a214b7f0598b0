//! Names of things that are no person, organisation or place: titles of works (films, books,
//! shows, songs), illnesses, events and products. The tagger learns them as `MISC` from CoNLL,
//! but on real news it often calls an unfamiliar title a person or an organisation ("the film
//! Harbour Lights", "Grey Harbour" as a person). Context settles it, and these passes drop them:
//!
//! - a name, or a list of names, after a noun for such a thing (`thing_noun` in
//!   `gazetteer/words.csv`: "the documentary Silent Harbour", "programmes such as Harbour Watch
//!   and Coast Road", "illnesses like Crohn's"); a noun that is also a verb ("show", "hit",
//!   `thing_noun_verb`) only after a determiner or modifier ("his latest show", "the West End
//!   show"), or before "such as", "like" or "including"; after a dash, only a list of three;
//! - a name that ends with an event word (`event_head`: "Harbour Marathon") or with an illness
//!   word (`illness_head`: "Fenwick Disease"), or before one in lower case ("the Kelso
//!   festival", "Motor Neurone disease"), unless the name is a place, a country or an
//!   organisation the gazetteer knows ("the Cannes festival", "BBC awards"), or a person before
//!   an event word ("the Shakespeare festival");
//! - an illness named after a person with its possessive ("Alzheimer's", `illness_name`);
//! - a name of two words or more before a product word (`product_head`: "the Fender Telecaster
//!   guitar"), and the plural of a non-person named in the article ("Skodas" after "Skoda": the
//!   cars), but not an organisation's plural after that organisation ("the Liberals": a group)
//!   unless of an acronym;
//!
//! and the same name is dropped wherever else the document uses it. A name the gazetteer knows
//! is kept unless its own words make it a thing, and so is a person the article also calls by
//! the surname alone ("one of the shows Ann Lee left … Lee said").
//!
//! ```
//! use newsgraph::recognize::{Recognizer, TaggerRecognizer};
//! let doc = newsgraph::segment::segment("The film Harbour Lights, directed by Ann Kerr, opens today.");
//! let names: Vec<&str> = TaggerRecognizer::builtin().recognize(&doc).iter().map(|m| doc.slice(m.span)).collect();
//! assert_eq!(names, ["Ann Kerr"]);
//! ```

use std::collections::{HashMap, HashSet};

use crate::lexicon::{Lexicon, WordSet};
use crate::model::{Document, EntityKind, Mention, MentionForm, Span, TokenKind};

/// Drops the mentions that name works, illnesses, events and products, with every other
/// mention of the same name that the gazetteer does not know. `known` says whether the
/// gazetteer knows a surface as an organisation.
pub(super) fn drop_things(
    doc: &Document,
    lexicon: &Lexicon,
    known: &dyn Fn(&str) -> bool,
    mentions: &mut Vec<Mention>,
) {
    let mut things: Vec<Span> = titles_after_thing_nouns(doc, lexicon);
    // not a name cut before a possessive: "McDonalds" is no plural of "McDonald's"
    let makers: HashMap<&str, EntityKind> = mentions
        .iter()
        .filter(|m| m.kind != EntityKind::Person && !possessive_after(doc, m.span))
        .map(|m| (doc.slice(m.span), m.kind))
        .collect();
    let own_words: Vec<Span> = mentions
        .iter()
        .filter(|m| is_thing_by_its_words(doc, lexicon, known, m) || is_plural_of(doc, m, &makers))
        .map(|m| m.span)
        .collect();
    things.extend(&own_words);
    // a person the article also names by the surname alone is a person, whatever comes before
    // ("one of the shows Ann Lee left", then "Lee")
    let surnames: HashSet<&str> = mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Person && !doc.slice(m.span).contains(' '))
        .map(|m| doc.slice(m.span))
        .collect();
    let named_alone = |m: &Mention| {
        let text = doc.slice(m.span);
        m.kind == EntityKind::Person
            && text.contains(' ')
            && text.rsplit(' ').next().is_some_and(|w| surnames.contains(w))
    };
    // a name the gazetteer knows ("BBC", "Egypt") is kept, and no title drops it elsewhere
    let in_title = |m: &Mention| things.iter().any(|t| t.overlaps(m.span));
    let dropped: HashSet<&str> = mentions
        .iter()
        .filter(|m| m.form != MentionForm::Demonym && !named_alone(m) && in_title(m))
        .filter(|m| m.gazetteer_key.is_none() || own_words.contains(&m.span))
        .map(|m| surface(doc, m.span))
        .collect();
    if dropped.is_empty() {
        return;
    }
    mentions.retain(|m| {
        !dropped.contains(surface(doc, m.span)) || m.gazetteer_key.is_some() && !own_words.contains(&m.span)
    });
}

/// A mention's surface without a possessive or exclamation mark ("Alzheimer's" → "Alzheimer").
fn surface(doc: &Document, span: Span) -> &str {
    let s = doc.slice(span).trim_end_matches('!');
    s.strip_suffix("'s").or_else(|| s.strip_suffix("’s")).unwrap_or(s)
}

/// A possessive "'s" ends the span or follows it ("Alzheimer's").
fn possessive_after(doc: &Document, span: Span) -> bool {
    let rest = &doc.text[span.end..];
    doc.slice(span).ends_with("'s") || rest.starts_with("'s") || rest.starts_with("’s")
}

/// The lower-case word just after a span, skipping a possessive ("Parkinson's disease").
fn word_after(doc: &Document, span: Span) -> &str {
    let mut i = doc.token_at_or_after(span.end);
    if matches!(doc.token_text(i), "'s" | "’s" | "'" | "’") {
        i += 1;
    }
    doc.token_text(i)
}

/// Named by its own words or the word after it: an event, an illness or a product.
fn is_thing_by_its_words(doc: &Document, lexicon: &Lexicon, known: &dyn Fn(&str) -> bool, m: &Mention) -> bool {
    let text = doc.slice(m.span);
    let last = text.rsplit(' ').next().unwrap_or(text);
    if lexicon.is_any(&[WordSet::EventHead, WordSet::IllnessHead], last) && text.contains(' ') {
        return true;
    }
    if lexicon.is(WordSet::IllnessName, surface(doc, m.span)) && possessive_after(doc, m.span) {
        return true;
    }
    let next = word_after(doc, m.span);
    let lower = next.chars().next().is_some_and(char::is_lowercase);
    let named_entity = matches!(m.kind, EntityKind::Place | EntityKind::Country)
        || known(surface(doc, m.span))
        || m.gazetteer_key.is_some();
    // "Parkinson's disease" names no person, but "the Shakespeare festival" is about one
    if lower
        && !named_entity
        && (lexicon.is(WordSet::IllnessHead, next)
            || lexicon.is(WordSet::EventHead, next) && m.kind != EntityKind::Person)
    {
        return true;
    }
    lower && text.contains(' ') && lexicon.is(WordSet::ProductHead, next) && !named_entity
}

/// "Saabs" when the article names "Saab" as an organisation or place (`makers`): the cars, not
/// the maker. An organisation's plural after an organisation is a group ("the Liberals" after
/// "Liberal MPs"), unless the singular is an acronym ("PDAs").
fn is_plural_of(doc: &Document, m: &Mention, makers: &HashMap<&str, EntityKind>) -> bool {
    let text = doc.slice(m.span);
    let Some(one) = text.strip_suffix('s').filter(|one| !text.contains(' ') && one.chars().count() >= 3) else {
        return false;
    };
    let group = |kind: EntityKind| {
        kind == EntityKind::Organisation && m.kind == EntityKind::Organisation && one.chars().any(char::is_lowercase)
    };
    makers.get(one).is_some_and(|&kind| !group(kind))
}

/// The spans of the titles after each noun for a work, illness or product ("the film X",
/// "hits such as X, Y and Z", "illnesses like X").
fn titles_after_thing_nouns(doc: &Document, lexicon: &Lexicon) -> Vec<Span> {
    let mut titles = Vec::new();
    for i in 0..doc.tokens.len() {
        let w = doc.token_text(i);
        let noun = lexicon.is(WordSet::ThingNoun, w);
        let noun_verb = lexicon.is(WordSet::ThingNounVerb, w);
        if !noun && !noun_verb {
            continue;
        }
        let mut j = i + 1;
        let list = match (doc.token_text(j), doc.token_text(j + 1)) {
            ("such", "as") => 2,
            ("like" | "including", _) => 1,
            ("-" | "–" | ":", _) if noun => 1,
            _ => 0,
        };
        if noun_verb && list == 0 && !after_modifier(doc, lexicon, i) {
            continue;
        }
        j += list;
        let dash = matches!(doc.token_text(i + 1), "-" | "–" | ":");
        let mut items = Vec::new();
        let mut last_item = false;
        loop {
            if matches!(doc.token_text(j), "the" | "a" | "an") {
                j += 1;
            }
            // an owner is no part of the title: "the BBC's Hill Farm"
            if doc.is_capitalised(j) && matches!(doc.token_text(j + 1), "'s" | "’s") {
                j += 2;
            }
            let Some(end) = title_end(doc, j) else { break };
            items.push(Span::new(doc.tokens[j].span.start, doc.tokens[end - 1].span.end));
            j = end;
            if list == 0 || last_item {
                break;
            }
            last_item = matches!(doc.token_text(j), "and" | "or" | "&") || doc.token_text(j + 1) == "and";
            // a list ends with its "and" item: "X, Y and Z, Ann Lee said"
            match (doc.token_text(j), doc.token_text(j + 1)) {
                (",", "and" | "or") => j += 2,
                ("and" | "or" | "&", _) => j += 1,
                (",", _) if !last_item => j += 1,
                _ => break,
            }
        }
        // after a dash only a list of three or more: "trilogy - X, Y and Z", not "opera - Ann Lee"
        if !dash || items.len() >= 3 {
            titles.extend(items);
        }
    }
    titles
}

/// Token `i` follows a determiner or modifier ("the", "his new", "latest"), maybe with a
/// capitalised run between ("the West End show").
fn after_modifier(doc: &Document, lexicon: &Lexicon, i: usize) -> bool {
    let modifier =
        |k: usize| lexicon.is_any(&[WordSet::Determiner, WordSet::ThingModifier], &doc.token_text(k).to_lowercase());
    (i.saturating_sub(3)..i).rev().take_while(|&k| k + 1 == i || doc.is_capitalised(k + 1)).any(modifier)
}

/// The end of a title starting at token `start`: capitalised words, with lower-case function
/// words, possessives and "!" between them ("Shape of the Moon", "Mamma Mia!"); `None` when
/// no capitalised word starts there ("The" alone does not).
fn title_end(doc: &Document, start: usize) -> Option<usize> {
    let mut end = start;
    let mut words = 0;
    loop {
        let w = doc.token_text(end);
        let word = doc.tokens.get(end).is_some_and(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number));
        let number = doc.tokens.get(end).is_some_and(|t| t.kind == TokenKind::Number);
        if doc.is_capitalised(end) && !(words == 0 && number) {
            words += 1;
            end += 1;
        } else if words > 0
            && (matches!(w, "'s" | "’s" | "!" | "-") || word && is_title_joiner(w) && doc.is_capitalised(end + 1))
        {
            end += 1;
        } else {
            break;
        }
    }
    // a lone "The" or "A" is no title
    let only_article = words == 1 && matches!(doc.token_text(start), "The" | "A" | "An");
    (words > 0 && !only_article).then_some(end)
}

/// Lower-case words inside titles ("Shape of the Moon", "Lost in Translation"); not "with" or
/// "for", which join a title to a person ("his song Home Again with Ann Lee").
fn is_title_joiner(w: &str) -> bool {
    matches!(w, "of" | "the" | "a" | "an" | "in" | "on" | "de")
}

#[cfg(test)]
mod tests {
    use crate::recognize::tagger_found as found;

    fn names(text: &str) -> Vec<String> {
        found(text).into_iter().map(|(s, _)| s).collect()
    }

    #[test]
    fn works_titles_after_a_work_noun_are_not_entities() {
        let got = names(
            "The Norwegian film The Salt Meadows of Varga won the prize, and the director Hanne Lund \
             thanked the cast. The musical Kiss Me Quick! opened in London.",
        );
        assert!(!got.iter().any(|n| n.contains("Salt") || n.contains("Varga") || n.contains("Kiss")), "{got:?}");
        assert!(got.contains(&"Hanne Lund".to_owned()), "{got:?}");
        assert!(got.contains(&"London".to_owned()), "{got:?}");
    }

    #[test]
    fn works_lists_after_such_as_are_all_titles() {
        let got = names(
            "The festival has shown hits such as Harbour Lights, Quiet Riot Boy, Garden Wall and Tin Cup Dan. \
             Viewers can download programmes such as Coastwatch and Fast Lane, Peter Hume said.",
        );
        assert_eq!(got, ["Peter Hume"], "{got:?}");
    }

    #[test]
    fn works_a_noun_that_is_also_a_verb_needs_a_determiner() {
        // "show" after "figures" is a verb: the party after it stays
        let got = found("New figures show Labour ahead. The West End show Pretty Ada closes.");
        assert!(got.iter().any(|(n, _)| n == "Labour"), "{got:?}");
        assert!(!got.iter().any(|(n, _)| n.contains("Ada")), "{got:?}");
    }

    #[test]
    fn works_illnesses_are_not_entities() {
        let got = names(
            "Research could help victims of Alzheimer's, Parkinson's and Motor Neurone disease, \
             said Professor Ian Marsh. People who suffer illnesses like Multiple Sclerosis need help.",
        );
        assert_eq!(got, ["Ian Marsh"], "{got:?}");
    }

    #[test]
    fn works_events_are_not_organisations_but_their_places_stay() {
        let got = names(
            "She ran the Bristol Marathon in April. The Kelso Festival was founded by Ray Dunn. \
             Actors flocked to the Cannes festival.",
        );
        assert!(!got.iter().any(|n| n.contains("Marathon") || n.contains("Kelso")), "{got:?}");
        assert!(got.contains(&"Ray Dunn".to_owned()), "{got:?}");
        assert!(got.contains(&"Cannes".to_owned()), "{got:?}");
    }

    #[test]
    fn works_products_and_plurals_of_makers_are_not_entities() {
        let got = names("The firm builds Skodas at the Skoda plant in Kaluga. He played the Harmon Skylark guitar.");
        assert!(got.contains(&"Skoda".to_owned()), "{got:?}");
        assert!(!got.iter().any(|n| n == "Skodas" || n.contains("Skylark")), "{got:?}");
        // a party's plural is the party's members, not its products
        assert_eq!(names("Liberal MPs met. The Liberals demanded a vote."), ["Liberal", "Liberals"]);
    }
}
