//! What the pdf crate's tests share: a recipient's tools (poppler's and
//! qpdf's) run on a file, and the frame of a MARAC's minutes around the
//! blocks a test is about, so each test file says only what it checks.

// Each test file is its own crate and uses only the part it needs.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::{Command, Output};

use roundtable_pdf::{Block, Document};

/// Runs `tool` and returns what it did, whatever its exit status.
pub fn output(tool: &str, args: &[&str]) -> Output {
    Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} (poppler-utils / qpdf) must be installed: {e}"))
}

/// Runs `tool`, which must succeed, and returns what it printed.
pub fn run(tool: &str, args: &[&str]) -> String {
    let out = output(tool, args);
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Lowbridge MARAC's minutes holding `blocks`, prepared for Children's
/// Social Care.
pub fn minutes(blocks: Vec<Block>) -> Document {
    Document {
        title: "Minutes".into(),
        subtitle: "Lowbridge MARAC, 4 December 2026".into(),
        marking: "OFFICIAL-SENSITIVE".into(),
        author: "Lowbridge MARAC".into(),
        draft: false,
        created_unix: 1_795_000_000,
        footer: "Prepared for Children's Social Care".into(),
        keywords: Vec::new(),
        blocks,
    }
}
