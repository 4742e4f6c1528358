//! The core's layout, checked so it holds as the code grows: all SQL in
//! `tables/` (a newcomer finds any feature's SQL there), dependencies one way
//! (nothing below `features/` reaches up into it), and no source file,
//! test file or function too long to read.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::{Path, PathBuf};

fn core_src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`, with its path relative to `dir` (`/`
/// between folders).
fn sources(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                // Written with `/` on every system (the suite also runs
                // under Wine, where paths come back with `\`), so the
                // checks below can name folders and files one way.
                let name = path
                    .strip_prefix(dir)
                    .unwrap_or(&path)
                    .display()
                    .to_string()
                    .replace('\\', "/");
                out.push((name, fs::read_to_string(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// The code of a file without its comments and its `#[cfg(test)]` module.
fn code(text: &str) -> String {
    let text = text.split("#[cfg(test)]\nmod tests").next().unwrap_or(text);
    text.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_sql_statement_is_in_tables() {
    let keywords = [
        "SELECT ",
        "INSERT INTO",
        "DELETE FROM",
        "UPDATE ",
        "CREATE ",
    ];
    let mut found = Vec::new();
    for (name, text) in sources(&core_src().join("features")) {
        for (n, line) in code(&text).lines().enumerate() {
            // Only inside string literals: a word in an identifier is not SQL.
            let quoted: Vec<&str> = line.split('"').skip(1).step_by(2).collect();
            if quoted.iter().any(|q| {
                keywords
                    .iter()
                    .any(|k| q.to_uppercase().contains(k) && q.contains(k))
            }) {
                found.push(format!("features/{name}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "SQL outside tables/:\n{}",
        found.join("\n")
    );
}

#[test]
fn nothing_below_features_reaches_up_into_them() {
    let below = ["store", "tables", "domain", "audit", "vault", "import"];
    let files = ["dates.rs", "validate.rs", "matching.rs", "error.rs"];
    let mut found = Vec::new();
    let mut check = |name: String, text: &str| {
        for (n, line) in code(text).lines().enumerate() {
            if line.contains("crate::features") || line.contains("super::features") {
                found.push(format!("{name}:{}: {}", n + 1, line.trim()));
            }
        }
    };
    for dir in below {
        for (name, text) in sources(&core_src().join(dir)) {
            check(name, &text);
        }
    }
    for file in files {
        check(
            file.into(),
            &fs::read_to_string(core_src().join(file)).unwrap(),
        );
    }
    assert!(
        found.is_empty(),
        "a lower layer imports features:\n{}",
        found.join("\n")
    );
}

/// Every shipped source file (unit-test files aside) of the core, the PDF
/// crate, the server, the power-loss VFS and the shell: the crate's label,
/// the file's path in its crate, and its text before any `#[cfg(test)]`
/// module (a module of unit tests is test code, not source).
fn shipped_sources() -> Vec<(&'static str, String, String)> {
    let crates = core_src().join("../..");
    let shell = core_src().join("../../../src");
    let mut out = Vec::new();
    for (label, dir) in [
        ("core", crates.join("core/src")),
        ("pdf", crates.join("pdf/src")),
        ("server", crates.join("server/src")),
        ("powerloss-vfs", crates.join("powerloss-vfs/src")),
        ("shell", shell),
    ] {
        for (name, text) in sources(&dir) {
            if name.ends_with("tests.rs") {
                continue;
            }
            let before_tests = text
                .split("#[cfg(test)]\nmod tests")
                .next()
                .unwrap_or(&text)
                .to_owned();
            out.push((label, name, before_tests));
        }
    }
    out
}

#[test]
fn no_source_file_is_over_400_lines() {
    let long: Vec<String> = shipped_sources()
        .into_iter()
        .filter_map(|(label, name, code)| {
            let lines = code.lines().count();
            (lines > 400).then(|| format!("{label}: {name}: {lines} lines"))
        })
        .collect();
    assert!(long.is_empty(), "over 400 lines:\n{}", long.join("\n"));
}

/// Lists that are one function only because Rust spells them so: Tauri's
/// list of every command the window may call, and the header words an
/// import recognises for each field. Data, not steps to follow.
const LISTS: [&str; 2] = ["commands/mod.rs: handler", "import/mod.rs: synonyms"];

/// Each function's name and length in lines, from its `fn` line to the
/// closing brace rustfmt puts at the same indentation (a function without
/// a body, in a trait, has none and is skipped).
fn functions(text: &str) -> Vec<(String, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        let Some(name) = [
            "pub fn ",
            "pub(crate) fn ",
            "pub(super) fn ",
            "fn ",
            "pub async fn ",
            "async fn ",
            "pub const fn ",
            "const fn ",
        ]
        .iter()
        .find_map(|start| trimmed.strip_prefix(start))
        .and_then(|rest| rest.split(['(', '<']).next()) else {
            continue;
        };
        let Some(signature_end) = lines[i..].iter().position(|l| {
            let l = l.trim_end();
            l.ends_with('{') || l.ends_with(';') || l.ends_with('}')
        }) else {
            continue;
        };
        let end_line = lines[i + signature_end].trim_end();
        if !end_line.ends_with('{') {
            continue; // one line, or no body
        }
        let closing = format!("{indent}}}");
        if let Some(length) = lines[i..].iter().position(|l| *l == closing) {
            out.push((name.to_owned(), length + 1));
        }
    }
    out
}

#[test]
fn no_function_is_over_80_lines() {
    let mut long = Vec::new();
    for (label, name, code) in shipped_sources() {
        for (function, lines) in functions(&code) {
            let place = format!("{name}: {function}");
            if lines > 80 && !LISTS.contains(&place.as_str()) {
                long.push(format!("{label}: {place}: {lines} lines"));
            }
        }
    }
    assert!(long.is_empty(), "over 80 lines:\n{}", long.join("\n"));
}

#[test]
fn a_long_function_is_measured_from_its_fn_to_its_closing_brace() {
    let body: String = (0..81).map(|n| format!("    let x{n} = {n};\n")).collect();
    let text = format!(
        "trait T {{\n    fn bodiless(&self) -> u8;\n}}\n\npub(crate) fn long<A>(\n    a: A,\n) -> u8 {{\n{body}    0\n}}\n\nfn short() -> u8 {{ 1 }}\n"
    );
    assert_eq!(functions(&text), vec![("long".to_owned(), 86)]);
}

#[test]
fn no_test_file_is_over_400_lines() {
    let crates = core_src().join("../..");
    let mut long = Vec::new();
    for (label, dir) in [
        ("core tests", crates.join("core/tests")),
        ("server tests", crates.join("server/tests")),
        ("end-to-end", crates.join("../../tests/e2e")),
    ] {
        for (name, text) in sources(&dir) {
            let lines = text.lines().count();
            if lines > 400 {
                long.push(format!("{label}: {name}: {lines} lines"));
            }
        }
    }
    assert!(long.is_empty(), "over 400 lines:\n{}", long.join("\n"));
}
