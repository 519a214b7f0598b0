//! Surface-form normalisation and acronym matching.

/// The normalised form of a name: lower case, no leading "the", no possessive, no dots,
/// single spaces. "U.S." and "US" normalise alike; so do "the IAEA's" and "IAEA".
///
/// ```
/// use newsgraph::resolve::normalize;
/// assert_eq!(normalize("the U.S.’s"), "us");
/// assert_eq!(normalize("Foreign  Ministry"), "foreign ministry");
/// ```
pub fn normalize(surface: &str) -> String {
    let mut s = surface.trim().replace('’', "'");
    for suffix in ["'s", "'"] {
        if let Some(stripped) = s.strip_suffix(suffix) {
            s = stripped.to_owned();
        }
    }
    let lower = s.to_lowercase();
    let lower = lower.strip_prefix("the ").unwrap_or(&lower);
    let cleaned: String = lower.chars().filter(|c| *c != '.').collect();
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// True when `acronym` is made of the initials of the capitalised words of `name`
/// ("IAEA" ↔ "International Atomic Energy Agency", "NATO" ↔ "North Atlantic Treaty Organization").
///
/// ```
/// use newsgraph::resolve::is_acronym_of;
/// assert!(is_acronym_of("IAEA", "International Atomic Energy Agency"));
/// assert!(is_acronym_of("EU", "the European Union"));
/// assert!(!is_acronym_of("UN", "European Union"));
/// ```
pub fn is_acronym_of(acronym: &str, name: &str) -> bool {
    let letters: String = acronym.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.chars().count() < 2 {
        return false;
    }
    let words: Vec<&str> = name
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .collect();
    let initials: String = words.iter().filter_map(|w| w.chars().next()).collect();
    initials.eq_ignore_ascii_case(&letters)
}
