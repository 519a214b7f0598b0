//! A check of a SPARQL text's shape before it is parsed: Oxigraph parses, optimises and
//! evaluates queries by recursion, so a text nested thousands of levels deep (`{{{…}}}`,
//! `((…))`, a long `1+1+…` or `<p>/<p>/…` chain, a long UNION or collection) would overflow
//! the stack and abort the process. Queries run on threads with [`QUERY_STACK_BYTES`] of
//! stack, which holds every text within [`ShapeLimits::DEFAULT`].
//!
//! The check reads the text as a light lexer does: strings, IRIs and comments are skipped,
//! brackets, operators, `UNION` keywords and the terms of each parenthesised group counted.
//!
//! ```
//! use newsgraph::rdf::{check_shape, ShapeLimits};
//! assert!(check_shape("SELECT * { ?s ?p ?o FILTER(?o > 1) }", &ShapeLimits::DEFAULT).is_ok());
//! let nested = format!("SELECT * WHERE {}{}", "{".repeat(500), "}".repeat(500));
//! let refused = check_shape(&nested, &ShapeLimits::DEFAULT).unwrap_err();
//! assert_eq!(refused.limit, ShapeLimits::DEFAULT.depth);
//! ```

/// The stack of a thread that parses and evaluates SPARQL (the CLI's main work thread and the
/// server's evaluation threads). It is reserved address space: only the pages a query touches
/// take memory.
pub const QUERY_STACK_BYTES: usize = 1 << 30;

/// The most a SPARQL text may hold of each thing the parser and evaluator recurse over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShapeLimits {
    /// Brackets `{`, `(` and `[` open at once.
    pub depth: usize,
    /// Group patterns (`{`) in the whole text: UNION branches, OPTIONAL, MINUS, GRAPH, subqueries.
    pub groups: usize,
    /// `UNION` keywords.
    pub unions: usize,
    /// Parenthesised groups: FILTER, BIND, function calls, sub-expressions.
    pub parentheses: usize,
    /// Expression and property path operators (`+ - * / | ^ ! && || = != < > <= >=`).
    pub operators: usize,
    /// Terms in one parenthesised group (a collection `( 1 2 3 … )`, an `IN` list).
    pub group_terms: usize,
}

impl ShapeLimits {
    /// The limits of the CLI and the server: far above any query a person writes.
    pub const DEFAULT: ShapeLimits = ShapeLimits {
        depth: 128,
        groups: 2_048,
        unions: 1_024,
        parentheses: 8_192,
        operators: 8_192,
        group_terms: 4_096,
    };
}

impl Default for ShapeLimits {
    fn default() -> Self {
        ShapeLimits::DEFAULT
    }
}

/// Why a text was refused: what it holds too much of, how much, and the limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShapeRefusal {
    /// What was counted, in words ("brackets open at once").
    pub what: &'static str,
    /// How many the text has (for depth: the depth at which the limit was passed).
    pub found: usize,
    /// The limit.
    pub limit: usize,
}

impl std::fmt::Display for ShapeRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the query has more than {} {} (found {})", self.limit, self.what, self.found)
    }
}

#[derive(Default)]
struct Counts {
    depth: usize,
    groups: usize,
    unions: usize,
    parentheses: usize,
    operators: usize,
    /// Terms of each open bracket, innermost last (`true` for a parenthesis).
    open: Vec<(bool, usize)>,
}

impl Counts {
    fn check(&self, limits: &ShapeLimits) -> Result<(), ShapeRefusal> {
        let over = |what, found: usize, limit: usize| {
            if found > limit {
                Err(ShapeRefusal { what, found, limit })
            } else {
                Ok(())
            }
        };
        over("brackets ({, ( and [) open at once", self.depth, limits.depth)?;
        over("group patterns ({ … })", self.groups, limits.groups)?;
        over("UNION branches", self.unions, limits.unions)?;
        over("parenthesised groups", self.parentheses, limits.parentheses)?;
        over("expression and path operators", self.operators, limits.operators)?;
        let terms = self.open.last().filter(|(paren, _)| *paren).map_or(0, |(_, n)| *n);
        over("terms in one parenthesised group", terms, limits.group_terms)
    }

    fn term(&mut self) {
        if let Some((_, n)) = self.open.last_mut() {
            *n += 1;
        }
    }
}

/// Checks that `text` (a query or an update) stays within `limits`.
pub fn check_shape(text: &str, limits: &ShapeLimits) -> Result<(), ShapeRefusal> {
    let b = text.as_bytes();
    let mut c = Counts::default();
    let mut i = 0;
    while i < b.len() {
        i = match b[i] {
            b'#' => b[i..].iter().position(|&x| x == b'\n').map_or(b.len(), |p| i + p),
            q @ (b'"' | b'\'') => {
                c.term();
                skip_string(b, i, q)
            }
            b'<' => match iri_end(b, i) {
                Some(end) => {
                    c.term();
                    end
                }
                None => {
                    c.operators += 1;
                    i + if b.get(i + 1) == Some(&b'=') { 2 } else { 1 }
                }
            },
            open @ (b'{' | b'(' | b'[') => {
                c.term();
                c.depth += 1;
                c.groups += usize::from(open == b'{');
                c.parentheses += usize::from(open == b'(');
                c.open.push((open == b'(', 0));
                i + 1
            }
            b'}' | b')' | b']' => {
                c.depth = c.depth.saturating_sub(1);
                c.open.pop();
                i + 1
            }
            x @ (b'|' | b'&' | b'=' | b'!' | b'>' | b'+' | b'-' | b'*' | b'/' | b'^') => {
                c.operators += 1;
                let pair = matches!((x, b.get(i + 1)), (b'|', Some(b'|')) | (b'&', Some(b'&')) | (_, Some(b'=')));
                i + if pair && x != b'=' { 2 } else { 1 }
            }
            x if is_word(x) => {
                let end = b[i..].iter().position(|&y| !is_word(y)).map_or(b.len(), |p| i + p);
                c.unions += usize::from(b[i..end].eq_ignore_ascii_case(b"UNION"));
                c.term();
                end
            }
            _ => i + 1,
        };
        c.check(limits)?;
    }
    Ok(())
}

fn is_word(x: u8) -> bool {
    x.is_ascii_alphanumeric() || matches!(x, b'_' | b'?' | b'$' | b':' | b'.' | b'%' | b'@') || x >= 0x80
}

/// The end of the string literal that starts at `start` with quote `q` (short or long form).
fn skip_string(b: &[u8], start: usize, q: u8) -> usize {
    let long = b.get(start + 1) == Some(&q) && b.get(start + 2) == Some(&q);
    let mut i = start + if long { 3 } else { 1 };
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            x if x == q && !long => return i + 1,
            x if x == q && b.get(i + 1) == Some(&q) && b.get(i + 2) == Some(&q) => return i + 3,
            b'\n' if !long => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

/// The end of the IRI `<…>` that starts at `start`, or `None` when `<` is an operator.
fn iri_end(b: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    while i < b.len() {
        match b[i] {
            b'>' => return Some(i + 1),
            b'<' | b'"' | b'{' | b'}' | b'|' | b'^' | b'`' | b'\\' => return None,
            x if x <= b' ' => return None,
            _ => i += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(text: &str) -> &'static str {
        check_shape(text, &ShapeLimits::DEFAULT).expect_err("refused").what
    }

    #[test]
    fn shape_passes_ordinary_queries() {
        for q in [
            "SELECT ?s (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s a <http://ex.org/C> ; ng:says ?o } FILTER(?n >= 2 && ?n != 3) } GROUP BY ?s ORDER BY DESC(?n)",
            "PREFIX ex: <http://ex.org/> SELECT * { ?s ex:p/ex:q* ?o . ?o ex:r [ ex:s ( 1 2 3 ) ] } # a { comment (",
            "SELECT * { ?s ?p \"a string with { and ( and UNION\" . ?s ?p '''long\n{{{''' }",
            "SELECT * { ?s ?p ?o FILTER(?o < 5) FILTER(?o<5) } LIMIT 10",
        ] {
            assert_eq!(check_shape(q, &ShapeLimits::DEFAULT), Ok(()), "{q}");
        }
    }

    #[test]
    fn shape_refuses_each_hostile_pattern_with_its_limit() {
        let n = 10_000;
        assert_eq!(
            refused(&format!("SELECT * WHERE {}{}", "{".repeat(n), "}".repeat(n))),
            "brackets ({, ( and [) open at once"
        );
        assert_eq!(
            refused(&format!("ASK {{ FILTER({}1{}) }}", "(".repeat(n), ")".repeat(n))),
            "brackets ({, ( and [) open at once"
        );
        assert_eq!(refused(&format!("SELECT * {{ {} }}", vec!["{?s ?p ?o}"; n].join(" UNION "))), "UNION branches");
        assert_eq!(
            refused(&format!("SELECT * {{ {} }}", "OPTIONAL { ?s ?p ?o } ".repeat(n))),
            "group patterns ({ … })"
        );
        // a long sum passes the limit of terms in its parentheses first
        assert_eq!(refused(&format!("ASK {{ FILTER({}1) }}", "1+".repeat(n))), "terms in one parenthesised group");
        assert_eq!(
            refused(&format!("ASK {{ ?s {} ?o }}", vec!["<urn:p>"; n].join("/"))),
            "expression and path operators"
        );
        assert_eq!(refused(&format!("ASK {{ ?s <urn:p> ({}) }}", " 1".repeat(n))), "terms in one parenthesised group");
        assert_eq!(refused(&format!("ASK {{ {} }}", "BIND(1 AS ?x) ".repeat(n))), "parenthesised groups");
        let unions = format!("SELECT * {{ {} }}", vec!["{?s ?p ?o}"; 1_100].join(" UNION "));
        assert_eq!(refused(&unions), "UNION branches");
    }

    #[test]
    fn shape_counts_strings_and_iris_as_terms_not_brackets() {
        let inside = format!("ASK {{ ?s ?p \"{}\" . ?s ?p <urn:{}> }}", "{(".repeat(5_000), "x".repeat(5_000));
        assert_eq!(check_shape(&inside, &ShapeLimits::DEFAULT), Ok(()));
        let refusal = check_shape("ASK { ?s ?p ?o }", &ShapeLimits { depth: 0, ..ShapeLimits::DEFAULT }).unwrap_err();
        assert_eq!(refusal.to_string(), "the query has more than 0 brackets ({, ( and [) open at once (found 1)");
    }
}
