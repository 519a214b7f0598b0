//! Sports team sheets: lines that list players by surname, separated by commas and semicolons,
//! under labels ("Replacements:", "Subs Not Used:", a team's name), with substitutions as "X for
//! Y (67)" or "Y (X 67)". Every name in such a line is a person, and "X for Y" or "X and Y" is
//! two of them; the tagger, which reads them as a sentence, fuses pairs ("Mills for Ward") and
//! misses or mistypes lone surnames.
//!
//! A line is a team sheet when all its items are short capitalised names (connectors such as
//! `van der`, numbers and "og" allowed) and it has a label of `lineup_label`
//! (`gazetteer/words.csv`), two semicolons, or eight names or more after a label or with a
//! numbered substitute. Names in parentheses without a number are left as they were ("Jean Roux
//! (Toulon)": a club).

use crate::lexicon::{Lexicon, WordSet};
use crate::model::{Document, EntityKind, Mention, MentionForm, MentionRule, Span};

/// One item of a line: its byte span in the document, and what it is.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Item {
    /// A player's name.
    Name(Span),
    /// A label before a colon: one `lineup_label` knows ("Replacements"), or a team's name.
    Label {
        /// `lineup_label` knows it.
        known: bool,
        /// Its byte span in the document.
        span: Span,
    },
    /// Numbers only ("(53)"), or a name in parentheses without a number (a club).
    Ignored,
}

/// Replaces the mentions in team-sheet lines by one person per listed name; a team's name
/// before a colon is an organisation.
pub(super) fn team_sheet_players(doc: &Document, lexicon: &Lexicon, mentions: &mut Vec<Mention>) {
    let mut players: Vec<Span> = Vec::new();
    let mut teams: Vec<Span> = Vec::new();
    let mut offset = 0;
    for raw in doc.text.split_inclusive('\n') {
        // a list of countries or of names the gazetteer knows is no team sheet ("Voting against:
        // Austria, Belgium, …"): a squad is made of players, whom no table lists
        let known = |span: &Span| {
            mentions
                .iter()
                .any(|m| m.span.overlaps(*span) && (m.kind == EntityKind::Country || m.gazetteer_key.is_some()))
        };
        let items = team_sheet(lexicon, raw, offset)
            .filter(|items| !items.iter().any(|i| matches!(i, Item::Name(span) if known(span))));
        if let Some(items) = items {
            for item in items {
                match item {
                    Item::Name(span) => players.push(span),
                    Item::Label { known: false, span } => teams.push(span),
                    _ => {}
                }
            }
        }
        offset += raw.len();
    }
    if players.is_empty() {
        return;
    }
    for m in mentions.iter_mut().filter(|m| teams.contains(&m.span) && m.kind == EntityKind::Person) {
        m.kind = EntityKind::Organisation;
    }
    mentions.retain(|m| {
        !players.iter().any(|p| p.overlaps(m.span)) || players.contains(&m.span) && m.kind == EntityKind::Person
    });
    for p in players {
        if !mentions.iter().any(|m| m.span == p) {
            mentions.push(Mention {
                span: p,
                kind: EntityKind::Person,
                form: MentionForm::Name,
                score: 0.8,
                rule: MentionRule::LineUp,
                gazetteer_key: None,
            });
        }
    }
    mentions.sort_by_key(|m| m.span);
}

/// The items of `line` (starting at byte `offset`), if it is a team sheet.
fn team_sheet(lexicon: &Lexicon, line: &str, offset: usize) -> Option<Vec<Item>> {
    let items = items(lexicon, line, offset)?;
    let names = items.iter().filter(|i| matches!(i, Item::Name(_))).count();
    let known_label = items.iter().any(|i| matches!(i, Item::Label { known: true, .. }));
    let any_label = items.iter().any(|i| matches!(i, Item::Label { .. }));
    let numbered_sub = line.contains('(') && line.chars().any(|c| c.is_ascii_digit());
    let sheet =
        names >= 2 && (known_label || line.matches(';').count() >= 2 || names >= 8 && (any_label || numbered_sub));
    sheet.then_some(items)
}

/// The items of a line, or `None` as soon as one is no name, label or number.
fn items(lexicon: &Lexicon, line: &str, offset: usize) -> Option<Vec<Item>> {
    let mut items = Vec::new();
    let mut start = 0;
    let mut in_parens = false;
    for (i, c) in line.char_indices().chain(std::iter::once((line.len(), '\n'))) {
        if !matches!(c, ',' | ';' | '(' | ')' | ':' | '.' | '\n' | '\r') {
            continue;
        }
        let piece = &line[start..i];
        if c == ':' {
            let label = piece.trim_end().trim_start_matches(|c: char| c.is_ascii_digit() || c.is_whitespace());
            if label.split_whitespace().count() > 4 || label.is_empty() {
                return None;
            }
            let at = offset
                + start
                + (piece.len() - piece.trim_start_matches(|c: char| c.is_ascii_digit() || c.is_whitespace()).len());
            let known = lexicon.is(WordSet::LineupLabel, &label.to_lowercase());
            items.push(Item::Label { known, span: Span::new(at, at + label.len()) });
        } else {
            for (from, part) in players_of(piece) {
                items.push(item(lexicon, part, offset + start + from, in_parens)?);
            }
        }
        in_parens = match c {
            '(' => true,
            ')' => false,
            _ => in_parens,
        };
        start = i + c.len_utf8();
    }
    Some(items)
}

/// The parts of a piece around " for " and " and ", with their byte offsets in it: "X for Y"
/// and "X and Y" are two players.
fn players_of(piece: &str) -> Vec<(usize, &str)> {
    let mut parts = Vec::new();
    let mut from = 0;
    for part in piece.split(" for ") {
        let mut inner = from;
        for p in part.split(" and ") {
            if !p.trim().is_empty() {
                parts.push((inner, p));
            }
            inner += p.len() + " and ".len();
        }
        from += part.len() + " for ".len();
    }
    parts
}

/// One piece between separators, at byte `at`: a name (trailing minutes and "og" cut off),
/// numbers, or `None` for anything else (a lower-case word: the line is prose).
fn item(lexicon: &Lexicon, piece: &str, at: usize, in_parens: bool) -> Option<Item> {
    let words: Vec<(usize, &str)> = piece
        .split(' ')
        .scan(0, |pos, w| {
            let here = *pos;
            *pos += w.len() + 1;
            Some((here, w))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    let is_number =
        |w: &str| w.chars().all(|c| c.is_ascii_digit() || c == '+' || c == '\'') || matches!(w, "og" | "pen");
    let name: Vec<&(usize, &str)> = words.iter().filter(|(_, w)| !is_number(w)).collect();
    let numbered = name.len() < words.len();
    let (Some(first), Some(last)) = (name.first(), name.last()) else { return Some(Item::Ignored) };
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let name_like = name.len() <= 4
        && capitalised(last.1)
        && name.iter().all(|(_, w)| {
            (capitalised(w) || lexicon.is(WordSet::Connector, w) && !matches!(*w, "of" | "&" | "on"))
                && w.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
        });
    // the name's words must be contiguous: no number between them
    let contiguous = words.iter().skip_while(|w| is_number(w.1)).take(name.len()).all(|w| !is_number(w.1));
    if !name_like || !contiguous {
        return None;
    }
    if in_parens && !numbered {
        return Some(Item::Ignored);
    }
    Some(Item::Name(Span::new(at + first.0, at + last.0 + last.1.len())))
}

#[cfg(test)]
mod tests {
    use crate::model::EntityKind;
    use crate::recognize::tagger_found as found;

    fn people(text: &str) -> Vec<String> {
        found(text).into_iter().filter(|(_, k)| *k == EntityKind::Person).map(|(s, _)| s).collect()
    }

    #[test]
    fn lineups_replacements_x_for_y_are_two_players() {
        let text = "Harlow beat Kent Rovers 21-9 on Saturday.\n\n\
                    Ashby; Mills, Crane, Tovey, Lund; Pryce, Ward; Okafor, de Klerk, Baines.\n\n\
                    Replacements: Mills for Ward (61), Dunmore for de Klerk (70). Not used: Fell, Orme and Pike";
        let got = people(text);
        for name in [
            "Ashby", "Crane", "Tovey", "Lund", "Pryce", "Ward", "Okafor", "de Klerk", "Baines", "Dunmore", "Fell",
            "Orme",
        ] {
            assert!(got.contains(&name.to_owned()), "{name} missing from {got:?}");
        }
        assert!(!got.iter().any(|n| n.contains(" for ") || n.contains(" and ")), "{got:?}");
    }

    #[test]
    fn lineups_football_subs_and_bookings() {
        let text =
            "Kent Rovers: Pell, Garvey, Tosh, Amadi, Rourke (Finch 67), Lomax, Hurd, Cole, Baptiste, Neary, Quinn.\n\
                    Subs Not Used: Yates, Borg.\nBooked: Lomax, Quinn.";
        let got = found(text);
        for name in ["Pell", "Garvey", "Tosh", "Amadi", "Rourke", "Finch", "Lomax", "Neary", "Quinn", "Yates", "Borg"] {
            assert!(got.contains(&(name.to_owned(), EntityKind::Person)), "{name} missing from {got:?}");
        }
        assert!(got.contains(&("Kent Rovers".to_owned(), EntityKind::Organisation)), "{got:?}");
    }

    #[test]
    fn lineups_prose_and_clubs_in_parentheses_are_left_alone() {
        let text = "Replacements: Jean Roux (Toulon), Marc Abadie (Pau).\n\
                    Poland, Hungary, Slovakia and Romania have signed the deal, officials said.";
        let got = found(text);
        assert!(got.contains(&("Jean Roux".to_owned(), EntityKind::Person)), "{got:?}");
        assert!(!got.iter().any(|(n, k)| n == "Toulon" && *k == EntityKind::Person), "{got:?}");
        assert!(got.contains(&("Poland".to_owned(), EntityKind::Country)), "{got:?}");
    }

    #[test]
    fn lineups_a_list_of_countries_after_a_label_stays_countries() {
        let text = "Voting against: Austria; Belgium; Denmark; Finland; Ireland; Sweden.\n\
                    Group B: France; Germany; Italy.";
        let got = found(text);
        for country in ["Austria", "Belgium", "Sweden", "France", "Italy"] {
            assert!(got.contains(&(country.to_owned(), EntityKind::Country)), "{country}: {got:?}");
        }
        assert!(!got.iter().any(|(_, k)| *k == EntityKind::Person), "{got:?}");
    }
}
