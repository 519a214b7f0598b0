//! Tiers that join the other forms news writes one entity with: an organisation's short form
//! ("Labour" = "Labour Party", "Conservatives" = "Conservative Party", "First Interstate" =
//! "First Interstate Bancorp"), a person's name with the words before it ("U.S. President Ana
//! Silva" = "Ana Silva"), a person named by the title alone ("the Director", after "Ana Silva,
//! Director of …"), a surname misspelt once ("Bauchtman" for "Buchtmann"), and a bare
//! lower-case state body ("the defence ministry") bound to the one country of its article.

use super::state::State;
use super::{normalize, Input, ListResolver};
use crate::lexicon::{title_case, WordSet};
use crate::model::{EntityKind, MentionForm, Tier};

impl ListResolver {
    /// The key words of a person's name (normalised): without the words before the name that
    /// are titles, countries or demonyms, or written in lower case ("U.S. President Donald
    /// Trump", "nonpartisan Junius Ho"), without an owner ("New People Party's Regina Ip") and
    /// without "of" and an organisation after it ("Nathan Law of Demosisto"). Two words stay.
    pub(super) fn person_core(&self, surface: &str, norm: &str) -> String {
        let mut norm = norm;
        if let Some((_, name)) = norm.rsplit_once("'s ").filter(|(_, name)| name.contains(' ')) {
            norm = name;
        }
        // not in a list ("Ann Chiang of DAB and Ben Chan of FTU" names two)
        let listed = |rest: &str| rest.contains(" and ") || rest.contains(',');
        // not a title's "of" ("Mary Queen of Scots")
        let titled = |name: &str| name.rsplit(' ').next().is_some_and(|w| self.lexicon.title(w).is_some());
        if let Some((name, _)) =
            norm.split_once(" of ").filter(|(name, rest)| name.contains(' ') && !listed(rest) && !titled(name))
        {
            norm = name;
        }
        let lower: Vec<String> = surface
            .split_whitespace()
            .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
            .map(str::to_lowercase)
            .collect();
        let words: Vec<&str> = norm.split(' ').collect();
        let mut k = 0;
        'strip: while words.len() - k > 2 {
            for n in (1..=3.min(words.len() - k - 2)).rev() {
                let phrase = words[k..k + n].join(" ");
                if self.lexicon.title(&phrase).is_some() || self.countries.contains_key(&phrase) {
                    k += n;
                    continue 'strip;
                }
            }
            if lower.iter().any(|w| w == words[k]) && !self.lexicon.is_given_name(&title_case(words[k])) {
                k += 1;
                continue;
            }
            break;
        }
        // "NASA Administrator Charles Bolden": the name after the last title
        let start = k;
        for p in start..words.len().saturating_sub(2) {
            let title = (1..=3.min(words.len() - 2 - p))
                .rev()
                .find(|&n| self.lexicon.title(&words[p..p + n].join(" ")).is_some());
            if let Some(n) = title {
                k = k.max(p + n);
            }
        }
        words[k..].join(" ")
    }

    /// True when a person's name form is a title alone ("Director", "the State Department
    /// Spokesperson"): a title, or a title after the name of an organisation or country (not
    /// "John Major" or "Oona King", names whose last word is a title too).
    pub(super) fn is_title_alone(&self, surface: &str) -> bool {
        let norm = normalize(surface);
        let Some((body, last)) = norm.rsplit_once(' ') else { return self.lexicon.title(&norm).is_some() };
        self.lexicon.title(&norm).is_some()
            || (self.lexicon.title(last).is_some()
                && body.split(' ').any(|w| self.lexicon.is_org_head(w) || self.countries.contains_key(w)))
    }

    /// A person mention that is a title alone ("Director", "President", "State Department
    /// Spokesperson") joins the person it stands in apposition to ("Ana Silva, Director of …,
    /// and Chairman of …"; "Spokesperson Ana Silva"), or else the one person titled with it
    /// in the article ("President Ana Silva" … "the President").
    pub(super) fn title_mentions(&self, input: &Input<'_>, state: &mut State) {
        let (doc, mentions) = (input.doc, input.mentions);
        for i in 0..mentions.len() {
            let norm = normalize(input.surface(i));
            if mentions[i].kind != EntityKind::Person || !self.is_title_alone(&norm) {
                continue;
            }
            let gap = |a: usize, b: usize| doc.text.get(a..b).unwrap_or("");
            let sentence = doc.sentence_at(mentions[i].span.start);
            let person = |j: usize| mentions[j].kind == EntityKind::Person && state.of_mention[j].is_some();
            // apposition: the person before it, after a comma, in the same sentence
            let before = (0..i).rev().find(|&j| mentions[j].kind == EntityKind::Person).filter(|&j| {
                person(j) && doc.sentence_at(mentions[j].span.start) == sentence && {
                    // "Ana Silva, Director of the Institute, and Chairman of …"
                    let between = gap(mentions[j].span.end, mentions[i].span.start);
                    between.starts_with(',') || (between.starts_with(" of ") && between.ends_with(", and "))
                }
            });
            // a title right before the name
            let after = Some(i + 1).filter(|&j| {
                j < mentions.len() && person(j) && gap(mentions[i].span.end, mentions[j].span.start) == " "
            });
            let target =
                before.or(after).and_then(|j| state.of_mention[j]).or_else(|| self.titled(input, state, &norm));
            let Some(target) = target else { continue };
            match state.of_mention[i] {
                Some(from) if from != target => {
                    // only a draft of titles moves ("person:director"), never a named person
                    if state.drafts[from].mentions.iter().all(|&k| normalize(input.surface(k)) == norm) {
                        state.merge(from, target, Tier::Description);
                    }
                }
                Some(_) => {}
                None => state.join(i, target, Tier::Description),
            }
        }
    }

    /// The one live person draft named with the title `title` (normalised) right before one of
    /// its mentions or inside it ("President Ana Silva", "U.S. President Ana Silva").
    fn titled(&self, input: &Input<'_>, state: &State, title: &str) -> Option<usize> {
        let doc = input.doc;
        let words = title.split(' ').count();
        let inner = format!("{title} ");
        let fits: Vec<usize> = (0..state.drafts.len())
            .filter(|&d| {
                state.drafts[d].is_live_person()
                    && state.drafts[d].mentions.iter().any(|&k| {
                        let norm = normalize(input.surface(k));
                        let first = doc.token_at_or_after(input.mentions[k].span.start);
                        let before = (first >= words).then(|| normalize(&doc.phrase(first - words..first)));
                        norm != title && (norm.contains(&inner) || before.as_deref() == Some(title))
                    })
            })
            .collect();
        match fits[..] {
            [d] => Some(d),
            _ => None,
        }
    }
}

/// An organisation's short form joins the one full name it leaves a word of out: an
/// organisation word ("Labour" → "Labour Party", "First Interstate" → "First Interstate
/// Bancorp"), or "Party" after a plural ("Conservatives" → "Conservative Party").
pub(super) fn short_forms(lexicon: &crate::lexicon::Lexicon, state: &mut State) {
    // an organisation's name in its key ("labour party"), without its country
    let name = |d: &super::state::Draft| -> Option<String> {
        if d.key.starts_with("org:") {
            return d.table_name.as_deref().map(normalize);
        }
        let rest = d.key.strip_prefix("organization:")?;
        Some(match d.part_of {
            Some(_) => rest.split_once(' ').map_or(rest, |(_, r)| r).to_owned(),
            None => rest.to_owned(),
        })
    };
    let live = |d: &super::state::Draft| d.kind == EntityKind::Organisation && !d.mentions.is_empty();
    for b in 0..state.drafts.len() {
        let short = match name(&state.drafts[b]) {
            Some(short) if live(&state.drafts[b]) && state.drafts[b].part_of.is_none() => short,
            _ => continue,
        };
        let longer: Vec<usize> = (0..state.drafts.len())
            .filter(|&a| a != b && live(&state.drafts[a]))
            .filter(|&a| {
                let Some(long) = name(&state.drafts[a]) else { return false };
                match long.strip_prefix(short.as_str()).and_then(|r| r.strip_prefix(' ')) {
                    Some(word) => !word.contains(' ') && lexicon.is(WordSet::ShortFormDrop, word),
                    None => {
                        short.len() > 3 && short.strip_suffix('s').is_some_and(|stem| long == format!("{stem} party"))
                    }
                }
            })
            .collect();
        if let [a] = longer[..] {
            state.merge(b, a, Tier::NameVariant);
        }
    }
}

/// A bare lower-case state body ("the defence ministry") that joined no country's body of its
/// name is the body of the one country its article names; with none or several it stays
/// unresolved.
pub(super) fn bind_descriptions(input: &Input<'_>, state: &mut State) {
    let mut countries: Vec<String> = state
        .drafts
        .iter()
        .filter(|d| d.kind == EntityKind::Country && !d.mentions.is_empty())
        .map(|d| d.key.clone())
        .collect();
    countries.sort_unstable();
    countries.dedup();
    for d in 0..state.drafts.len() {
        let draft = &state.drafts[d];
        if draft.kind != EntityKind::Organisation
            || draft.part_of.is_some()
            || draft.mentions.is_empty()
            || draft.mentions.iter().any(|&i| input.mentions[i].form != MentionForm::Description)
        {
            continue;
        }
        match (&countries[..], draft.key.strip_prefix("organization:")) {
            ([country], Some(rest)) => {
                let iso = country.trim_start_matches("country:").to_lowercase();
                state.rekey(d, format!("organization:{iso} {rest}"), country.clone(), Tier::Description);
            }
            _ => state.unresolve(d),
        }
    }
}

/// True when `a` is `b` misspelt once: the same first letter, both of five letters or more,
/// and one letter added, dropped, changed or two swapped (two edits for eight letters or more).
///
/// ```ignore
/// assert!(misspelt("bauchtman", "buchtmann"));
/// ```
pub(super) fn misspelt(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a == b || a.len().min(b.len()) < 5 || a.first() != b.first() {
        return false;
    }
    let most = if a.len().min(b.len()) >= 8 { 2 } else { 1 };
    if a.len().abs_diff(b.len()) > most {
        return false;
    }
    // optimal string alignment distance
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()] <= most
}
