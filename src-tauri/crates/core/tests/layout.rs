//! The core's layout, checked so it holds as the code grows: all SQL in
//! `tables/` (a newcomer finds any feature's SQL there), dependencies one way
//! (nothing below `features/` reaches up into it), and no source file too
//! long to read.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::{Path, PathBuf};

fn core_src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`, with its path relative to `dir`.
fn sources(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let name = path
                    .strip_prefix(dir)
                    .unwrap_or(&path)
                    .display()
                    .to_string();
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

#[test]
fn no_source_file_is_over_400_lines() {
    let crates = core_src().join("../..");
    let shell = core_src().join("../../../src");
    let mut long = Vec::new();
    for (label, dir) in [
        ("core", crates.join("core/src")),
        ("pdf", crates.join("pdf/src")),
        ("shell", shell),
    ] {
        for (name, text) in sources(&dir) {
            // A module of unit tests is test code, not source.
            let before_tests = text
                .split("#[cfg(test)]\nmod tests")
                .next()
                .unwrap_or(&text);
            let lines = before_tests.lines().count();
            if lines > 400 && !name.ends_with("tests.rs") {
                long.push(format!("{label}: {name}: {lines} lines"));
            }
        }
    }
    assert!(long.is_empty(), "over 400 lines:\n{}", long.join("\n"));
}
