//! Tagged PDFs (issue 20): the structure a screen reader follows, read back
//! with poppler's `pdfinfo -struct-text` and qpdf: the language is set, the
//! file is marked, headings and paragraphs come in reading order, tables
//! have header cells, and a header repeated on a later page is not read
//! twice.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::run;
use roundtable_pdf::{Block, Column, Document, Style, render};

fn minutes(rows: usize) -> Document {
    common::minutes(vec![
        Block::heading(1, "The meeting"),
        Block::key_values(vec![("Chair".into(), "DI Marcus Bell".into())]),
        Block::heading(2, "Actions"),
        Block::Table {
            columns: vec![Column::new("Agency", 0.3), Column::new("Action", 0.7)],
            rows: (0..rows)
                .map(|i| vec![format!("CSC {i}"), format!("Visit the family, step {i}")])
                .collect(),
        },
        Block::styled("End of the minutes.", Style::Italic),
    ])
}

#[test]
fn headings_paragraphs_and_tables_are_tagged_in_reading_order() {
    let bytes = render(&minutes(80)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tagged.pdf");
    std::fs::write(&path, &bytes).unwrap();
    let path = path.to_str().unwrap();

    let info = run("pdfinfo", &[path]);
    let field = |name: &str| {
        info.lines()
            .find(|l| l.starts_with(name))
            .map(|l| l[name.len()..].trim().to_string())
            .unwrap_or_default()
    };
    assert_eq!(field("Tagged:"), "yes", "{info}");
    assert!(
        field("Pages:").parse::<u32>().unwrap() >= 2,
        "the table runs on: {info}"
    );
    assert_eq!(
        field("PDF version:"),
        "1.7",
        "tagged content needs PDF 1.4 or later"
    );
    let structure = run("pdfinfo", &["-struct-text", path]);
    // Reading order: the first heading, the key's row header, then the
    // second heading, the table's column headers, its cells, the last line.
    let order = [
        "The meeting",
        "Chair",
        "DI Marcus Bell",
        "Actions",
        "Agency",
        "Action",
        "CSC 0",
        "CSC 79",
        "End of the minutes.",
    ];
    let mut at = 0;
    for words in order {
        let found = structure[at..]
            .find(words)
            .unwrap_or_else(|| panic!("{words} after {at}: {structure}"));
        at += found;
    }
    for role in ["Document", "H1", "H2", "Table", "TR", "TH", "TD", "P"] {
        assert!(structure.contains(role), "{role}: {structure}");
    }
    // The column headers are read once, though drawn on every page.
    let header_cells = structure.matches("\"Agency\"").count();
    assert_eq!(header_cells, 1, "{structure}");
    // Page furniture (marking, title, page numbers) is not in the text.
    assert!(!structure.contains("Page 1 of"), "{structure}");

    let json = run("qpdf", &["--json=1", "--json-key=objects", path]);
    assert!(json.contains("/StructTreeRoot"));
    assert!(json.contains("\"/Lang\": \"en-GB\""), "the language is set");
    assert!(
        json.contains("\"/Scope\": \"/Column\""),
        "header cells scope their column"
    );
    let checked = run("qpdf", &["--check", path]);
    assert!(
        checked.contains("No syntax or stream encoding errors"),
        "{checked}"
    );
    // Hundreds of structure elements, all packed into compressed object
    // streams: none is written out in the file's own bytes.
    assert!(structure.matches("TD").count() >= 160, "{structure}");
    let raw = String::from_utf8_lossy(&bytes);
    assert!(raw.contains("/ObjStm"), "object streams are used");
    assert!(
        !raw.contains("/StructElem"),
        "no structure element left unpacked"
    );
}
