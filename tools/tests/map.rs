//! The map of the code (docs/ARCHITECTURE.md, "The map"), kept true by reading the sources:
//! every area has the same places in each crate; server functions live in their area's
//! `server/` folder and pages in its `pages/` folder; the shared parts use no area; an area
//! reaches another only through what that area's `mod.rs` makes public; and no module of a
//! crate imports, through any chain, a module that imports it back.
//!
//! The sources are read as text: comments, strings and `#[cfg(test)]` modules are set
//! aside, then every path that starts `crate::`, `super::` or `self::` (in a `use` or in
//! code) is resolved to the file it names, following the `use` re-exports of each module.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The areas: each has a folder in `domain/src`, `services/src` and `app/src`, and in the
/// app a `pages/` and a `server/` folder.
const AREAS: &[&str] = &[
    "accounts", "audit", "meetings", "register", "evidence", "equality", "work",
];

/// Besides the areas, the folders each crate may have: shared parts, which use no area, and
/// (in services) the demo data set, which uses them all.
const SHARED: &[(&str, &[&str])] = &[
    ("domain/src", &["common"]),
    ("services/src", &["common", "db"]),
    ("app/src", &["components"]),
];
const ABOVE_AREAS: &[(&str, &[&str])] = &[("services/src", &["demo"])];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn folders(dir: &Path) -> BTreeSet<String> {
    fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| {
            let entry = entry.unwrap();
            entry
                .file_type()
                .unwrap()
                .is_dir()
                .then(|| entry.file_name().to_string_lossy().into_owned())
        })
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// One crate's modules: each file as its module path (`register::actions::input`), its
/// source with comments, strings and test modules blanked out.
struct Crate {
    modules: BTreeMap<Vec<String>, String>,
}

impl Crate {
    fn read(src: &str) -> Crate {
        let dir = root().join(src);
        let mut files = Vec::new();
        rust_files(&dir, &mut files);
        let mut modules = BTreeMap::new();
        for file in files {
            let relative = file.strip_prefix(&dir).unwrap().with_extension("");
            let mut path: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if matches!(
                path.last().map(String::as_str),
                Some("mod" | "lib" | "main")
            ) {
                path.pop();
            }
            let text = fs::read_to_string(&file).unwrap();
            modules.insert(path, code_only(&text));
        }
        Crate { modules }
    }

    /// What each module names with a `use`: the last segment (or its `as` name) → the path.
    fn imports(&self) -> BTreeMap<Vec<String>, BTreeMap<String, Vec<String>>> {
        self.modules
            .iter()
            .map(|(module, code)| {
                let mut names = BTreeMap::new();
                for tree in use_trees(code) {
                    for path in expand(&tree) {
                        let (path, alias) = match path.split_once(" as ") {
                            Some((p, a)) => (p.trim().to_owned(), Some(a.trim().to_owned())),
                            None => (path, None),
                        };
                        let segments: Vec<String> =
                            path.split("::").map(|s| s.trim().to_owned()).collect();
                        let Some(last) = segments.last() else {
                            continue;
                        };
                        if last == "*" || last == "self" {
                            continue;
                        }
                        let name = alias.unwrap_or_else(|| last.clone());
                        if let Some(absolute) = absolute(module, &segments) {
                            names.insert(name, absolute);
                        }
                    }
                }
                (module.clone(), names)
            })
            .collect()
    }

    /// The module a path names: the longest module prefix, following re-exports.
    fn resolve(
        &self,
        imports: &BTreeMap<Vec<String>, BTreeMap<String, Vec<String>>>,
        path: &[String],
    ) -> Option<Vec<String>> {
        let mut path = path.to_vec();
        for _ in 0..8 {
            let known = (0..=path.len())
                .rev()
                .find(|n| self.modules.contains_key(&path[..*n]))?;
            let module = path[..known].to_vec();
            let Some(next) = path.get(known) else {
                return Some(module);
            };
            match imports.get(&module).and_then(|names| names.get(next)) {
                Some(target) if target != &path[..=known] => {
                    let mut followed = target.clone();
                    followed.extend_from_slice(&path[known + 1..]);
                    path = followed;
                }
                _ => return Some(module),
            }
        }
        None
    }

    /// Every module each module refers to (itself, its ancestors and descendants aside).
    fn edges(&self) -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
        let imports = self.imports();
        let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
        for (module, code) in &self.modules {
            let mut paths: Vec<String> = use_trees(code).iter().flat_map(|t| expand(t)).collect();
            paths.extend(inline_paths(code));
            for path in paths {
                let path = path.split(" as ").next().unwrap_or_default();
                let segments: Vec<String> = path.split("::").map(|s| s.trim().to_owned()).collect();
                let Some(absolute) = absolute(module, &segments) else {
                    continue;
                };
                let Some(target) = self.resolve(&imports, &absolute) else {
                    continue;
                };
                if target.starts_with(module) || module.starts_with(&target) {
                    continue;
                }
                edges.entry(module.clone()).or_default().insert(target);
            }
        }
        edges
    }
}

/// The path from the crate's root that `segments`, written in `module`, names; `None` for a
/// path into another crate.
fn absolute(module: &[String], segments: &[String]) -> Option<Vec<String>> {
    let mut base: Vec<String>;
    let mut rest = segments;
    match rest.first().map(String::as_str) {
        Some("crate") => {
            base = Vec::new();
            rest = &rest[1..];
        }
        Some("super" | "self") => {
            base = module.to_vec();
            while let Some(first) = rest.first() {
                match first.as_str() {
                    "super" => {
                        base.pop();
                    }
                    "self" => {}
                    _ => break,
                }
                rest = &rest[1..];
            }
        }
        _ => return None,
    }
    base.extend(rest.iter().filter(|s| !s.is_empty()).cloned());
    Some(base)
}

/// `code` with comments and the contents of strings and chars blanked, and `#[cfg(test)]`
/// modules removed: what is left is what the crate's own modules use.
fn code_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Inside a test module: how deep in its braces (0 before its opening brace).
    let mut test_module: Option<usize> = None;
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        if rest.starts_with("//") {
            i += rest.find('\n').unwrap_or(rest.len());
            continue;
        }
        if rest.starts_with("/*") {
            i += rest.find("*/").map_or(rest.len(), |e| e + 2);
            continue;
        }
        let (length, kept) = if let Some(hashes) = raw_string(rest) {
            let close = format!("\"{}", "#".repeat(hashes));
            let start = 2 + hashes;
            let length = rest[start..]
                .find(&close)
                .map_or(rest.len(), |e| start + e + close.len());
            (length, "\"\"".to_owned())
        } else if rest.starts_with('"') {
            let bytes = rest.as_bytes();
            let mut j = 1;
            while j < bytes.len() && bytes[j] != b'"' {
                j += if bytes[j] == b'\\' { 2 } else { 1 };
            }
            (j + 1, "\"\"".to_owned())
        } else if let Some(length) = char_literal(rest) {
            (length, "' '".to_owned())
        } else if test_module.is_none()
            && rest.starts_with("#[cfg(test)]")
            && rest["#[cfg(test)]".len()..]
                .trim_start()
                .starts_with("mod ")
        {
            test_module = Some(0);
            ("#[cfg(test)]".len(), String::new())
        } else {
            let c = rest.chars().next().unwrap();
            if let Some(depth) = test_module {
                match c {
                    '{' => test_module = Some(depth + 1),
                    '}' if depth == 1 => test_module = None,
                    '}' => test_module = Some(depth - 1),
                    // `mod tests;`: the module is in a file of its own.
                    ';' if depth == 0 => test_module = None,
                    _ => {}
                }
                i += c.len_utf8();
                continue;
            }
            (c.len_utf8(), c.to_string())
        };
        if test_module.is_none() {
            out.push_str(&kept);
        }
        i += length;
    }
    out
}

/// The number of `#` of a raw string starting `text` (`r"…"`, `r#"…"#`), if it is one.
fn raw_string(text: &str) -> Option<usize> {
    let after = text.strip_prefix('r')?;
    let hashes = after.chars().take_while(|c| *c == '#').count();
    after[hashes..].starts_with('"').then_some(hashes)
}

/// The length of a char literal at the start of `text` (`'a'`, `'\n'`, `'\u{FEFF}'`), or
/// `None` for a lifetime.
fn char_literal(text: &str) -> Option<usize> {
    let mut chars = text.char_indices();
    if chars.next()?.1 != '\'' {
        return None;
    }
    let (_, c) = chars.next()?;
    if c == '\\' {
        // The escaped character may itself be a quote: `'\''`.
        let end = text.get(3..)?.find('\'')?;
        return Some(end + 4);
    }
    let (at, close) = chars.next()?;
    (close == '\'').then_some(at + 1)
}

/// The trees of every `use` item: `crate::{a::b, c}`.
fn use_trees(code: &str) -> Vec<String> {
    let mut trees = Vec::new();
    let mut rest = code;
    while let Some(at) = find_word(rest, "use") {
        let after = &rest[at + 3..];
        let Some(end) = after.find(';') else { break };
        trees.push(
            after[..end]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        );
        rest = &after[end..];
    }
    trees
}

/// Where `word` starts in `text` as a whole word.
fn find_word(text: &str, word: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = text[from..].find(word) {
        let at = from + at;
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        let boundary = |c: Option<char>| !c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        if boundary(before) && after.is_some_and(char::is_whitespace) {
            return Some(at);
        }
        from = at + word.len();
    }
    None
}

/// A use tree's paths, braces expanded: `a::{b, c::{d, self}}` → `a::b`, `a::c::d`, `a::c`.
fn expand(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        let words: Vec<&str> = tree.split_whitespace().collect();
        return vec![match words.iter().position(|w| *w == "as") {
            Some(at) => format!("{} as {}", words[..at].concat(), words[at + 1..].concat()),
            None => words.concat(),
        }];
    };
    let prefix = tree[..open].trim();
    let mut depth = 0;
    let mut close = tree.len();
    for (i, c) in tree.char_indices().skip(open) {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    close = i;
                    break;
                }
            }
            _ => {}
        }
    }
    let inner = &tree[open + 1..close];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .flat_map(|part| {
            if part == "self" {
                vec![prefix.trim_end_matches("::").to_owned()]
            } else {
                expand(&format!("{prefix}{part}"))
            }
        })
        .collect()
}

/// Paths written in code rather than in a `use`: `crate::register::actions::get(…)`.
fn inline_paths(code: &str) -> Vec<String> {
    let mut paths = Vec::new();
    for start in ["crate::", "super::", "self::"] {
        let mut from = 0;
        while let Some(at) = code[from..].find(start) {
            let at = from + at;
            let before = code[..at].chars().next_back();
            let end = code[at..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .map_or(code.len(), |e| at + e);
            let path = code[at..end].trim_end_matches(':');
            // `crate::{…}` is a use tree, read by `use_trees`.
            if path.contains("::")
                && !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':')
            {
                paths.push(path.to_owned());
            }
            from = end.max(at + start.len());
        }
    }
    paths
}

/// The strongly connected parts of a graph with more than one module: its circles.
fn circles(edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Vec<Vec<Vec<String>>> {
    struct Tarjan<'a> {
        edges: &'a BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        index: BTreeMap<Vec<String>, usize>,
        low: BTreeMap<Vec<String>, usize>,
        stack: Vec<Vec<String>>,
        found: Vec<Vec<Vec<String>>>,
    }
    impl Tarjan<'_> {
        fn visit(&mut self, v: &Vec<String>) {
            let n = self.index.len();
            self.index.insert(v.clone(), n);
            self.low.insert(v.clone(), n);
            self.stack.push(v.clone());
            for w in self.edges.get(v).into_iter().flatten() {
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let low = self.low[v].min(self.low[w]);
                    self.low.insert(v.clone(), low);
                } else if self.stack.contains(w) {
                    let low = self.low[v].min(self.index[w]);
                    self.low.insert(v.clone(), low);
                }
            }
            if self.low[v] == self.index[v] {
                let mut part = Vec::new();
                while let Some(w) = self.stack.pop() {
                    let last = &w == v;
                    part.push(w);
                    if last {
                        break;
                    }
                }
                if part.len() > 1 {
                    part.sort();
                    self.found.push(part);
                }
            }
        }
    }
    let mut tarjan = Tarjan {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        found: Vec::new(),
    };
    let nodes: BTreeSet<&Vec<String>> = edges
        .iter()
        .flat_map(|(from, to)| std::iter::once(from).chain(to))
        .collect();
    for node in nodes {
        if !tarjan.index.contains_key(node) {
            tarjan.visit(node);
        }
    }
    tarjan.found
}

fn shown(module: &[String]) -> String {
    if module.is_empty() {
        "(root)".to_owned()
    } else {
        module.join("::")
    }
}

#[test]
fn every_area_has_the_same_places_in_each_crate() {
    let mut missing = Vec::new();
    for area in AREAS {
        for place in [
            format!("domain/src/{area}/mod.rs"),
            format!("services/src/{area}/mod.rs"),
            format!("app/src/{area}/mod.rs"),
            format!("app/src/{area}/pages/mod.rs"),
            format!("app/src/{area}/server/mod.rs"),
        ] {
            if !root().join(&place).is_file() {
                missing.push(place);
            }
        }
    }
    assert!(missing.is_empty(), "the map's places missing: {missing:?}");

    // A folder that is neither an area nor a shared part is not on the map: put it on the
    // map (docs/ARCHITECTURE.md and the lists above) or into an area.
    for (src, shared) in SHARED {
        let above = ABOVE_AREAS
            .iter()
            .find(|(s, _)| s == src)
            .map_or(&[][..], |(_, a)| *a);
        let allowed: BTreeSet<&str> = AREAS
            .iter()
            .chain(shared.iter())
            .chain(above.iter())
            .copied()
            .collect();
        let strays: Vec<String> = folders(&root().join(src))
            .into_iter()
            .filter(|f| !allowed.contains(f.as_str()))
            .collect();
        assert!(
            strays.is_empty(),
            "{src}: folders not on the map: {strays:?}"
        );
    }
    for area in AREAS {
        let inside = folders(&root().join("app/src").join(area));
        let expected: BTreeSet<String> = ["pages", "server"].map(String::from).into();
        assert_eq!(
            inside, expected,
            "app/src/{area} holds pages/ and server/ only"
        );
    }
}

#[test]
fn server_functions_live_in_server_folders_and_pages_in_pages_folders() {
    let app = root().join("app/src");
    let mut files = Vec::new();
    rust_files(&app, &mut files);
    let mut misplaced = Vec::new();
    for file in files {
        let relative = file
            .strip_prefix(&app)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let code = code_only(&fs::read_to_string(&file).unwrap());
        let in_server = AREAS
            .iter()
            .any(|a| relative.starts_with(&format!("{a}/server/")));
        if code.contains("#[server(") && !in_server {
            misplaced.push(format!(
                "{relative}: a server function outside a server/ folder"
            ));
        }
        if in_server && (code.contains("#[component]") || code.contains("#[island]")) {
            misplaced.push(format!("{relative}: a component in a server/ folder"));
        }
    }
    assert!(misplaced.is_empty(), "{misplaced:#?}");
}

#[test]
fn shared_parts_use_no_area() {
    let mut uses = Vec::new();
    for (src, shared) in SHARED {
        let krate = Crate::read(src);
        let edges = krate.edges();
        for (from, to) in &edges {
            if !from.first().is_some_and(|f| shared.contains(&f.as_str())) {
                continue;
            }
            for target in to {
                if target.first().is_some_and(|t| AREAS.contains(&t.as_str())) {
                    uses.push(format!("{src}: {} uses {}", shown(from), shown(target)));
                }
            }
        }
    }
    assert!(uses.is_empty(), "shared parts that use an area: {uses:#?}");
}

#[test]
fn areas_reach_one_another_only_through_what_each_makes_public() {
    let mut reaches = Vec::new();
    for src in ["domain/src", "services/src", "app/src"] {
        let krate = Crate::read(src);
        // An area's doors: the modules its mod.rs declares `pub mod` (not `pub(crate)`).
        let doors: BTreeMap<&str, BTreeSet<String>> = AREAS
            .iter()
            .map(|area| {
                let code = krate
                    .modules
                    .get(&vec![area.to_string()])
                    .cloned()
                    .unwrap_or_default();
                let public = code
                    .lines()
                    .filter_map(|l| l.trim().strip_prefix("pub mod "))
                    .map(|l| l.trim_end_matches(';').trim().to_owned())
                    .collect();
                (*area, public)
            })
            .collect();
        for (from, to) in krate.edges() {
            for target in to {
                let (Some(a), Some(b)) = (from.first(), target.first()) else {
                    continue;
                };
                if a == b || !AREAS.contains(&b.as_str()) {
                    continue;
                }
                if let Some(inner) = target.get(1) {
                    if !doors[b.as_str()].contains(inner) {
                        reaches.push(format!(
                            "{src}: {} reaches {}, which {b}'s mod.rs does not make public",
                            shown(&from),
                            shown(&target)
                        ));
                    }
                }
            }
        }
    }
    assert!(reaches.is_empty(), "{reaches:#?}");
}

#[test]
fn no_module_imports_in_a_circle() {
    for src in [
        "domain/src",
        "services/src",
        "app/src",
        "server/src",
        "tools/src",
    ] {
        let edges = Crate::read(src).edges();
        let found = circles(&edges);
        let described: Vec<String> = found
            .iter()
            .map(|part| {
                let inside: BTreeSet<&Vec<String>> = part.iter().collect();
                part.iter()
                    .flat_map(|from| {
                        edges[from]
                            .iter()
                            .filter(|to| inside.contains(to))
                            .map(move |to| format!("{} → {}", shown(from), shown(to)))
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .collect();
        assert!(
            described.is_empty(),
            "{src}: modules in a circle: {described:#?}"
        );
    }
}

/// The reader above must find what it is meant to find, or the tests pass by seeing
/// nothing.
#[test]
fn the_reader_finds_paths_and_circles() {
    let code = code_only(
        "use crate::{a::b, c::{d, self}};\n// use crate::hidden;\nlet s = \"crate::nope\";\nfn f() { super::x::y(); }\n#[cfg(test)]\nmod tests { use crate::tested; }\n",
    );
    let mut paths: Vec<String> = use_trees(&code).iter().flat_map(|t| expand(t)).collect();
    paths.extend(inline_paths(&code));
    paths.sort();
    paths.dedup();
    assert_eq!(
        paths,
        ["crate::a::b", "crate::c", "crate::c::d", "super::x::y"]
    );
    let m = |s: &str| vec![s.to_owned()];
    let edges = BTreeMap::from([
        (m("a"), BTreeSet::from([m("b")])),
        (m("b"), BTreeSet::from([m("a")])),
        (m("c"), BTreeSet::from([m("a")])),
    ]);
    assert_eq!(circles(&edges), vec![vec![m("a"), m("b")]]);
}
