//! The architecture rules the source keeps, checked over `src/`:
//!
//! - the modules form the layers written at the top of `src/lib.rs`, and an import only points
//!   to a lower layer (so no two modules import each other);
//! - inside a module, no sibling files import each other, directly or round a cycle (a file may
//!   use the items of its own `mod.rs`);
//! - no function is over [`MAX_FUNCTION_LINES`] lines (run it with `--nocapture` to list
//!   the longest).
//!
//! Code inside `#[cfg(test)]` items is left out: a unit test may build its input with the
//! whole pipeline.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::common;

/// The longest a function in `src/` may be, in lines.
const MAX_FUNCTION_LINES: usize = 120;

/// One source file: its module path (`["extract", "quotes"]`; a `mod.rs` is its folder's
/// module) and its code with comments, strings and `#[cfg(test)]` items blanked out.
struct Source {
    path: PathBuf,
    module: Vec<String>,
    code: String,
}

fn sources() -> Vec<Source> {
    let src = common::root().join("src");
    let mut files = Vec::new();
    collect(&src, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let rel = path.strip_prefix(&src).unwrap();
            let mut module: Vec<String> = rel.iter().map(|c| c.to_string_lossy().into_owned()).collect();
            let last = module.pop().unwrap();
            if last != "mod.rs" && last != "lib.rs" && last != "main.rs" {
                module.push(last.trim_end_matches(".rs").to_owned());
            }
            let code = without_tests(&blank(&std::fs::read_to_string(&path).unwrap()));
            Source { path, module, code }
        })
        .collect()
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The text with comments, string and character literals replaced by spaces (line breaks kept),
/// so that what is left is code.
fn blank(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let keep_breaks = |s: &[char], out: &mut String| {
        out.extend(s.iter().map(|&c| if c == '\n' { '\n' } else { ' ' }));
    };
    let mut i = 0;
    while i < chars.len() {
        let rest = &chars[i..];
        let end = if rest.starts_with(&['/', '/']) {
            rest.iter().position(|&c| c == '\n').unwrap_or(rest.len())
        } else if rest.starts_with(&['/', '*']) {
            (2..rest.len()).find(|&k| rest[k - 1] == '*' && rest[k] == '/').map_or(rest.len(), |k| k + 1)
        } else if rest[0] == 'r'
            && rest.len() > 1
            && (rest[1] == '"' || rest[1] == '#')
            && !is_ident(chars.get(i.wrapping_sub(1)))
        {
            raw_string_len(rest).unwrap_or(1)
        } else if rest[0] == '"' {
            let mut k = 1;
            while k < rest.len() && rest[k] != '"' {
                k += if rest[k] == '\\' { 2 } else { 1 };
            }
            (k + 1).min(rest.len())
        } else if rest[0] == '\'' {
            // a character literal ('a', '\n', '\u{0}'); otherwise a lifetime
            match (rest.get(1), rest.get(2)) {
                (Some('\\'), _) => rest.iter().skip(2).position(|&c| c == '\'').map_or(1, |k| k + 3),
                (Some(_), Some('\'')) => 3,
                _ => 1,
            }
        } else {
            1
        };
        if end == 1 && !matches!(rest[0], '"' | '\'') {
            out.push(rest[0]);
        } else if rest[0] == '\'' && end == 1 {
            out.push('\'');
        } else {
            keep_breaks(&rest[..end], &mut out);
        }
        i += end;
    }
    out
}

fn is_ident(c: Option<&char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || *c == '_')
}

/// The length of a raw string literal (`r"…"`, `r#"…"#`) at the start of `s`.
fn raw_string_len(s: &[char]) -> Option<usize> {
    let hashes = s[1..].iter().take_while(|&&c| c == '#').count();
    if s.get(1 + hashes) != Some(&'"') {
        return None;
    }
    let body = 2 + hashes;
    (body..s.len())
        .find(|&k| s[k] == '"' && s[k + 1..].iter().take(hashes).filter(|&&c| c == '#').count() == hashes)
        .map(|k| k + 1 + hashes)
}

/// `code` with every item under `#[cfg(test)]` blanked out.
fn without_tests(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let item = &rest[at..];
        let open = body_or_end(item, 0).unwrap_or(item.len());
        let end = if item[open..].starts_with('{') { open + matching_brace(&item[open..]) } else { open + 1 };
        out.extend(item[..end].chars().map(|c| if c == '\n' { '\n' } else { ' ' }));
        rest = &item[end..];
    }
    out.push_str(rest);
    out
}

/// The length of the block `{ … }` at the start of `code`, its braces included.
fn matching_brace(code: &str) -> usize {
    let mut depth = 0usize;
    for (i, c) in code.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
    }
    code.len()
}

/// The items `src/lib.rs` re-exports at the crate root (`pub use build::{ArticleOutput, …}`),
/// with the module each comes from: `crate::BuildSummary` is an import of `build`.
fn root_items() -> BTreeMap<String, String> {
    let lib = blank(&std::fs::read_to_string(common::root().join("src/lib.rs")).unwrap());
    let mut items = BTreeMap::new();
    for path in use_paths(&lib) {
        let parts: Vec<&str> = path.split("::").collect();
        if let [module, .., item] = parts[..] {
            items.insert(item.to_owned(), module.to_owned());
        }
    }
    items
}

/// The layers, bottom first, from the `// layer N: a b c` lines at the top of `src/lib.rs`.
fn layers() -> BTreeMap<String, usize> {
    let lib = std::fs::read_to_string(common::root().join("src/lib.rs")).unwrap();
    let mut layers = BTreeMap::new();
    for line in lib.lines() {
        if let Some(rest) = line.strip_prefix("// layer ") {
            let (n, modules) = rest.split_once(':').expect("`// layer N: modules`");
            for m in modules.split_whitespace() {
                assert!(
                    layers.insert(m.trim_matches('`').to_owned(), n.parse::<usize>().unwrap()).is_none(),
                    "{m} twice"
                );
            }
        }
    }
    assert!(layers.len() > 5, "src/lib.rs lists the layers, one `// layer N: modules` line each");
    layers
}

/// Every module path named in `code`, resolved from the file's own module path: `crate::a::b`,
/// `super::b`, `self::b`.
fn references(module: &[String], code: &str) -> BTreeSet<Vec<String>> {
    let mut found = BTreeSet::new();
    let mut words: Vec<String> =
        code.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')).map(str::to_owned).collect();
    words.extend(use_paths(code));
    for word in &words {
        let parts: Vec<&str> = word.split("::").collect();
        let (base, rest): (Vec<String>, &[&str]) = match parts.first() {
            Some(&"crate") => (Vec::new(), &parts[1..]),
            Some(&"super") => {
                // `super::super::x`: one module up per `super`
                let ups = parts.iter().take_while(|&&p| p == "super").count();
                (module[..module.len().saturating_sub(ups)].to_vec(), &parts[ups..])
            }
            Some(&"self") => (module.to_vec(), &parts[1..]),
            _ => continue,
        };
        let mut path = base;
        path.extend(rest.iter().filter(|p| !p.is_empty()).map(|p| p.to_string()));
        found.insert(path);
    }
    found
}

/// The paths of every `use` declaration of `code`, groups expanded:
/// `use super::{a::B, c};` gives `super::a::B` and `super::c`.
fn use_paths(code: &str) -> Vec<String> {
    let mut paths = Vec::new();
    for (at, _) in code.match_indices("use ") {
        if at > 0 && code.as_bytes()[at - 1].is_ascii_alphanumeric() {
            continue;
        }
        let tree: String = code[at + 4..].split(';').next().unwrap_or("").split_whitespace().collect();
        expand("", &tree, &mut paths);
    }
    paths
}

fn expand(prefix: &str, tree: &str, out: &mut Vec<String>) {
    let Some(open) = tree.find('{') else {
        out.push(format!("{prefix}{tree}"));
        return;
    };
    let (head, body) = (&tree[..open], &tree[open + 1..tree.len().saturating_sub(1)]);
    let mut depth = 0;
    let mut start = 0;
    for (i, c) in body.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                expand(&format!("{prefix}{head}"), &body[start..i], out);
                start = i + 1;
            }
            _ => {}
        }
    }
    expand(&format!("{prefix}{head}"), &body[start..], out);
}

#[test]
fn architecture_imports_point_down_the_layers() {
    let layers = layers();
    let root = root_items();
    let mut wrong = Vec::new();
    for source in sources() {
        let Some(own) = source.module.first() else { continue }; // lib.rs and main.rs
        if own == "cli" {
            continue; // the binary's, on top of everything
        }
        let Some(&rank) = layers.get(own) else {
            wrong.push(format!("{}: module `{own}` is in no layer of src/lib.rs", source.path.display()));
            continue;
        };
        for target in references(&source.module, &source.code) {
            let Some(first) = target.first() else { continue };
            // `crate::Pipeline` is an import of the module lib.rs re-exports it from
            let to = root.get(first).unwrap_or(first);
            if to == own {
                continue;
            }
            match layers.get(to) {
                Some(&r) if r < rank => {}
                Some(&r) => {
                    wrong.push(format!("{}: `{own}` (layer {rank}) uses `{to}` (layer {r})", source.path.display()))
                }
                None => wrong.push(format!("{}: `{own}` uses `crate::{first}`, in no layer", source.path.display())),
            }
        }
    }
    assert!(wrong.is_empty(), "imports that point up or sideways:\n{}", wrong.join("\n"));
}

#[test]
fn architecture_sibling_files_do_not_import_each_other() {
    let sources = sources();
    let modules: BTreeSet<Vec<String>> = sources.iter().map(|s| s.module.clone()).collect();
    // an edge a -> b between two modules of one folder, both below the top level
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for source in &sources {
        for target in references(&source.module, &source.code) {
            let shared = source.module.iter().zip(&target).take_while(|(a, b)| a == b).count();
            if shared == 0 || shared >= source.module.len() || shared >= target.len() {
                continue; // across the top level (the layers test), or to an ancestor or a descendant
            }
            let (from, to) = (source.module[..=shared].to_vec(), target[..=shared].to_vec());
            if modules.contains(&to) {
                edges.entry(from).or_default().insert(to);
            }
        }
    }
    let mut cycles = Vec::new();
    for (start, next) in &edges {
        for to in next {
            if reaches(&edges, to, start, &mut BTreeSet::new()) {
                cycles.push(format!("{} -> {} -> … -> {}", start.join("::"), to.join("::"), start.join("::")));
            }
        }
    }
    assert!(cycles.is_empty(), "sibling modules that import each other:\n{}", cycles.join("\n"));
}

fn reaches(
    edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
    from: &Vec<String>,
    goal: &Vec<String>,
    seen: &mut BTreeSet<Vec<String>>,
) -> bool {
    if from == goal {
        return true;
    }
    if !seen.insert(from.clone()) {
        return false;
    }
    edges.get(from).is_some_and(|next| next.iter().any(|n| reaches(edges, n, goal, seen)))
}

/// Every function of `code` (`fn` to its closing brace) with its first line and its length.
fn functions(code: &str) -> Vec<(usize, usize, String)> {
    let mut found = Vec::new();
    let bytes = code.as_bytes();
    let mut from = 0;
    while let Some(at) = code[from..].find("fn ").map(|k| from + k) {
        from = at + 3;
        if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_') {
            continue;
        }
        let name: String = code[at + 3..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        if name.is_empty() {
            continue; // `fn(` in a type
        }
        let Some(open) = body_or_end(code, at) else { continue };
        if bytes[open] == b';' {
            continue; // a declaration in a trait
        }
        let end = open + matching_brace(&code[open..]);
        let first = code[..at].matches('\n').count() + 1;
        found.push((first, code[at..end].matches('\n').count() + 1, name));
    }
    found
}

/// The first `{` or `;` from `at` outside brackets: the body of an item, or the end of a
/// declaration (the `;` of `[f32; N]` is neither).
fn body_or_end(code: &str, at: usize) -> Option<usize> {
    let mut depth = 0i32;
    let mut prev = ' ';
    for (i, c) in code[at..].char_indices() {
        match c {
            '(' | '[' | '<' => depth += 1,
            '>' if prev == '-' => {} // `->`
            ')' | ']' | '>' => depth -= 1,
            '{' | ';' if depth <= 0 => return Some(at + i),
            _ => {}
        }
        prev = c;
    }
    None
}

#[test]
fn architecture_no_function_is_over_120_lines() {
    let src = common::root();
    let mut all: Vec<(usize, String)> = Vec::new();
    for source in sources() {
        let path = source.path.strip_prefix(&src).unwrap_or(&source.path).display().to_string();
        for (line, length, name) in functions(&source.code) {
            all.push((length, format!("{path}:{line}: fn {name}")));
        }
    }
    all.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    // the ten longest, for `cargo test --test integration architecture_no_function -- --nocapture`
    for (length, place) in all.iter().take(10) {
        println!("{length:5}  {place}");
    }
    let long: Vec<String> =
        all.iter().filter(|(n, _)| *n > MAX_FUNCTION_LINES).map(|(n, place)| format!("{place} is {n} lines")).collect();
    assert!(long.is_empty(), "functions over {MAX_FUNCTION_LINES} lines:\n{}", long.join("\n"));
}

#[test]
fn architecture_checks_see_code_and_not_comments_or_strings() {
    let code = blank("let a = \"crate::rdf\"; // crate::cli\nuse crate::model::Span; let c = '{'; r#\"}\"#;");
    assert_eq!(references(&["graph".into()], &code), BTreeSet::from([vec!["model".to_owned(), "Span".to_owned()]]));
    assert!(!code.contains('{') && !code.contains('}'), "{code}");
    let tests = without_tests("fn a() {}\n#[cfg(test)]\nmod tests {\n    use crate::pipeline;\n}\nfn b() {}");
    assert!(!tests.contains("pipeline") && tests.contains("fn b"));
    let f = functions(
        "fn a() {\n    if x {\n    }\n}\ntrait T { fn t(&self); }\nfn b(f: fn(u8)) { }\nfn c(x: [u8; 2]) -> Vec<[u8; 2]> {\n}",
    );
    assert_eq!(f, [(1, 4, "a".to_owned()), (6, 1, "b".to_owned()), (7, 2, "c".to_owned())]);
    let up = references(&["extract".into(), "quotes".into()], "use super::super::rdf::Minter;");
    assert!(up.contains(&vec!["rdf".to_owned(), "Minter".to_owned()]), "{up:?}");
    let quotes = ["extract".to_owned(), "quotes".to_owned()];
    let used = references(&quotes, "use super::{view::View, Arg};");
    assert!(used.contains(&vec!["extract".to_owned(), "view".to_owned(), "View".to_owned()]), "{used:?}");
    assert!(used.contains(&vec!["extract".to_owned(), "Arg".to_owned()]), "{used:?}");
}
