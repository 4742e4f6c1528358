//! Writes a sample document with names in every script the demo uses:
//! `cargo run -p roundtable-pdf --example sample -- out.pdf`, then look at it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use roundtable_pdf::{Block, Column, Document, render};

fn main() {
    let names = roundtable_pdf::SAMPLE_NAMES;
    let doc = Document {
        title: "Minutes".into(),
        subtitle: "Lowbridge Youth MARAC, 4 December 2026".into(),
        marking: "OFFICIAL-SENSITIVE".into(),
        author: "Lowbridge Youth MARAC".into(),
        draft: true,
        created_unix: 1_795_000_000,
        footer: String::new(),
        keywords: Vec::new(),
        blocks: vec![
            Block::heading(1, "Names in every script"),
            Block::Table {
                columns: vec![Column::new("Script", 0.3), Column::new("Name", 0.7)],
                rows: names
                    .iter()
                    .enumerate()
                    .map(|(i, n)| vec![format!("{i}"), n.to_string()])
                    .collect(),
            },
            Block::text(
                "Mixed: the worker spoke to مريم حسن (Maryam Hassan) and her brother on 3 November.",
            ),
        ],
    };
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "sample.pdf".into());
    std::fs::write(&out, render(&doc).unwrap()).unwrap();
}
