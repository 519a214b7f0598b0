//! BILOU tags: a token is the Begin, Inside, Last or Unit of a name of one label, or Outside
//! any (`O`), and Viterbi decoding of the best tag sequence that obeys them.
//!
//! ```
//! use newsgraph::recognize::tagger::tags::{spans, tag, Label, Position};
//! let tags = [tag(Label::Per, Position::Begin), tag(Label::Per, Position::Last), 0];
//! assert_eq!(spans(&tags), [(0, 2, Label::Per)]);
//! ```

use std::sync::LazyLock;

/// The entity labels the tagger learns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Label {
    /// A person.
    Per,
    /// An organisation.
    Org,
    /// A location (country, city, region …).
    Loc,
    /// Other names: nationalities, events, works … (learnt, not put in the graph).
    Misc,
}

impl Label {
    /// All labels, in tag order.
    pub const ALL: [Label; 4] = [Label::Per, Label::Org, Label::Loc, Label::Misc];

    /// CoNLL name: `PER`, `ORG`, `LOC`, `MISC`.
    pub const fn name(self) -> &'static str {
        match self {
            Label::Per => "PER",
            Label::Org => "ORG",
            Label::Loc => "LOC",
            Label::Misc => "MISC",
        }
    }

    /// The label of a gold type in the datasets' common format (`GPE` counts as `LOC`,
    /// `NORP` as `MISC`); `None` for types the tagger does not learn (dates, events …).
    pub fn from_gold(name: &str) -> Option<Label> {
        match name {
            "PER" => Some(Label::Per),
            "ORG" => Some(Label::Org),
            "LOC" | "GPE" => Some(Label::Loc),
            "MISC" | "NORP" => Some(Label::Misc),
            _ => None,
        }
    }
}

/// Number of BILOU tags: `O` and B/I/L/U for each label.
pub const TAGS: usize = 1 + 4 * Label::ALL.len();

/// Position of a token in an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// First of several tokens.
    Begin,
    /// Inside, neither first nor last.
    Inside,
    /// Last of several tokens.
    Last,
    /// A one-token entity.
    Unit,
}

impl Position {
    /// The position of token `index` (0-based) in a name of `len` tokens.
    pub const fn of(index: usize, len: usize) -> Position {
        if len == 1 {
            Position::Unit
        } else if index == 0 {
            Position::Begin
        } else if index + 1 == len {
            Position::Last
        } else {
            Position::Inside
        }
    }
}

/// A BILOU tag as an index: 0 is `O`.
pub type Tag = u8;

/// The tag of `label` at `position`.
pub const fn tag(label: Label, position: Position) -> Tag {
    1 + 4 * label as u8 + position as u8
}

/// The label and position of a tag, `None` for `O`.
pub fn untag(t: Tag) -> Option<(Label, Position)> {
    if t == 0 {
        return None;
    }
    let label = Label::ALL[usize::from((t - 1) / 4)];
    let position = [Position::Begin, Position::Inside, Position::Last, Position::Unit][usize::from((t - 1) % 4)];
    Some((label, position))
}

/// True when tag `next` may follow tag `prev` (`None` = sentence start).
pub fn allowed(prev: Option<Tag>, next: Tag) -> bool {
    let open = prev.and_then(untag).filter(|(_, p)| matches!(p, Position::Begin | Position::Inside));
    match (open, untag(next)) {
        (Some((l, _)), Some((m, Position::Inside | Position::Last))) => l == m,
        (Some(_), _) => false,
        (None, Some((_, Position::Inside | Position::Last))) => false,
        (None, _) => true,
    }
}

/// True when a sentence may end with tag `t`.
pub fn may_end(t: Tag) -> bool {
    !matches!(untag(t), Some((_, Position::Begin | Position::Inside)))
}

/// Entity spans `(first token, end token, label)` of a tag sequence.
pub fn spans(tags: &[Tag]) -> Vec<(usize, usize, Label)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, Label)> = None;
    for (i, &t) in tags.iter().enumerate() {
        match untag(t) {
            Some((l, Position::Unit)) => out.push((i, i + 1, l)),
            Some((l, Position::Begin)) => open = Some((i, l)),
            Some((l, Position::Last)) => {
                if let Some((s, m)) = open.take() {
                    if m == l {
                        out.push((s, i + 1, l));
                    }
                }
            }
            Some((_, Position::Inside)) => {}
            None => open = None,
        }
    }
    out
}

/// Best tag sequence under emission scores `emit[i][t]` and transition scores
/// `trans[prev][t]` (row `TAGS` is the sentence start), with BILOU constraints.
pub fn viterbi(emit: &[[f32; TAGS]], trans: &[[f32; TAGS]; TAGS + 1]) -> Vec<Tag> {
    // for each tag, the tags that may precede it
    static BEFORE: LazyLock<Vec<Vec<usize>>> = LazyLock::new(|| {
        (0..TAGS).map(|t| (0..TAGS).filter(|&p| allowed(Some(p as Tag), t as Tag)).collect()).collect()
    });
    let before = &*BEFORE;
    let n = emit.len();
    if n == 0 {
        return Vec::new();
    }
    let mut score = vec![[f32::NEG_INFINITY; TAGS]; n];
    let mut back = vec![[0u8; TAGS]; n];
    for t in 0..TAGS {
        if allowed(None, t as Tag) {
            score[0][t] = emit[0][t] + trans[TAGS][t];
        }
    }
    for i in 1..n {
        for t in 0..TAGS {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0u8;
            for &p in &before[t] {
                if score[i - 1][p] == f32::NEG_INFINITY {
                    continue;
                }
                let s = score[i - 1][p] + trans[p][t];
                if s > best {
                    best = s;
                    arg = p as u8;
                }
            }
            score[i][t] = best + emit[i][t];
            back[i][t] = arg;
        }
    }
    let mut last = 0u8;
    let mut best = f32::NEG_INFINITY;
    for (t, &s) in score[n - 1].iter().enumerate() {
        if may_end(t as Tag) && s > best {
            best = s;
            last = t as u8;
        }
    }
    let mut tags = vec![0u8; n];
    tags[n - 1] = last;
    for i in (1..n).rev() {
        tags[i - 1] = back[i][usize::from(tags[i])];
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip() {
        for l in Label::ALL {
            for p in [Position::Begin, Position::Inside, Position::Last, Position::Unit] {
                assert_eq!(untag(tag(l, p)), Some((l, p)));
            }
        }
        assert_eq!(untag(0), None);
    }

    #[test]
    fn bilou_constraints() {
        let b = tag(Label::Per, Position::Begin);
        assert!(!allowed(None, tag(Label::Per, Position::Last)));
        assert!(allowed(Some(b), tag(Label::Per, Position::Last)));
        assert!(!allowed(Some(b), tag(Label::Org, Position::Last)));
        assert!(!allowed(Some(b), 0));
        assert!(!may_end(b));
    }

    #[test]
    fn viterbi_respects_constraints() {
        // emissions prefer B-PER then O, which is invalid: the best valid path is U-PER, O
        let mut emit = [[0f32; TAGS]; 2];
        emit[0][usize::from(tag(Label::Per, Position::Begin))] = 5.0;
        emit[0][usize::from(tag(Label::Per, Position::Unit))] = 4.0;
        emit[1][0] = 3.0;
        let tags = viterbi(&emit, &[[0f32; TAGS]; TAGS + 1]);
        assert_eq!(tags, [tag(Label::Per, Position::Unit), 0]);
        assert_eq!(spans(&tags), [(0, 1, Label::Per)]);
    }
}
