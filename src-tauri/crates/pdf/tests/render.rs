//! Renders documents and reads them back as a recipient's tools would:
//! `pdftotext` for the words, `pdffonts` for embedding, `qpdf --check`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::run;
use roundtable_pdf::{Block, Column, Document, Style, render};

const NAMES: [&str; 14] = roundtable_pdf::SAMPLE_NAMES;

fn sample(rows: usize, draft: bool) -> Document {
    let mut blocks = vec![
        Block::heading(1, "Attendance"),
        Block::key_values(vec![
            ("Venue".into(), "Lowbridge Civic Centre, Room 4".into()),
            ("Chair".into(), "DI Marcus Bell".into()),
        ]),
        Block::text("Information shared at this meeting is confidential."),
        Block::heading(2, "Actions"),
    ];
    blocks.push(Block::Table {
        columns: vec![
            Column::new("Agency", 0.2),
            Column::new("Person", 0.3),
            Column::new("Action", 0.5),
        ],
        rows: (0..rows)
            .map(|i| {
                vec![
                    format!("CSC {i}"),
                    NAMES[i % NAMES.len()].to_string(),
                    format!("Row {i}: complete a home visit and share what was found with the panel before the next meeting"),
                ]
            })
            .collect(),
    });
    blocks.push(Block::styled("End of the minutes.", Style::Italic));
    Document {
        subtitle: "Lowbridge Youth MARAC, 4 December 2026".into(),
        marking: "Official-Sensitive".into(),
        author: "Lowbridge Youth MARAC".into(),
        draft,
        footer: String::new(),
        ..common::minutes(blocks)
    }
}

fn write(name: &str, bytes: &[u8]) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let p = path.display().to_string();
    (dir, p)
}

#[test]
fn names_in_every_script_come_back_out_of_the_pdf() {
    let bytes = render(&sample(NAMES.len(), false)).unwrap();
    let (_dir, path) = write("minutes.pdf", &bytes);
    let text = run("pdftotext", &["-layout", &path, "-"]);
    for name in NAMES {
        // Right-to-left names come back in reading order; compare letters.
        let found = text.contains(name) || name.split(' ').all(|word| text.contains(word)) || {
            let letters: String = name.chars().filter(|c| !c.is_whitespace()).collect();
            let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            flat.contains(&letters) || flat.contains(&letters.chars().rev().collect::<String>())
        };
        assert!(found, "{name} not in the extracted text:\n{text}");
    }
    assert!(text.contains("OFFICIAL-SENSITIVE"));
    assert!(text.contains("Page 1 of"));
    assert!(!text.contains("DRAFT"));
}

#[test]
fn fonts_are_embedded_and_subset_and_the_file_is_well_formed() {
    let bytes = render(&sample(NAMES.len(), true)).unwrap();
    let (_dir, path) = write("minutes.pdf", &bytes);
    let fonts = run("pdffonts", &[&path]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(rows.len() >= 10, "a face per script: {fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type encoding emb sub uni object ID
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            &["yes", "yes", "yes"],
            "embedded, subset, unicode: {row}"
        );
    }
    run("qpdf", &["--check", &path]);
    let info = run("pdfinfo", &[&path]);
    assert!(
        info.contains("Author:          Lowbridge Youth MARAC"),
        "{info}"
    );
    assert!(!info.contains("1970"), "a real creation date: {info}");
    assert!(bytes.len() < 300_000, "{} bytes", bytes.len());
}

#[test]
fn long_tables_repeat_their_header_on_every_page_and_number_the_pages() {
    let bytes = render(&sample(120, true)).unwrap();
    let (_dir, path) = write("long.pdf", &bytes);
    let info = run("pdfinfo", &[&path]);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(pages >= 4, "{pages} pages");
    for page in 1..=pages {
        let p = page.to_string();
        let text = run("pdftotext", &["-f", &p, "-l", &p, "-layout", &path, "-"]);
        assert!(
            text.contains(&format!("Page {page} of {pages}")),
            "page {page}: {text}"
        );
        assert!(text.contains("DRAFT"), "page {page}");
        assert_eq!(
            text.matches("OFFICIAL-SENSITIVE").count(),
            2,
            "top and bottom of page {page}"
        );
        if page > 1 && page < pages {
            assert!(
                text.contains("Agency") && text.contains("Action"),
                "header repeated on page {page}"
            );
        }
    }
    // Every row is there exactly once: none lost or duplicated across breaks.
    let all = run("pdftotext", &[&path, "-"]);
    for i in 0..120 {
        assert!(all.contains(&format!("Row {i}:")), "row {i}");
    }
}

/// Names with stacked combining marks (Yoruba dot below and tone, Vietnamese
/// hook and circumflex, Polish), in every style and block, read back from the
/// PDF exactly as typed, so searching the file finds them. A name stored with
/// its marks decomposed (NFD, as some exports hold them) reads back composed
/// (NFC): one form per file, see `roundtable_pdf::lines`.
#[test]
fn names_with_stacked_marks_read_back_exactly() {
    let names = [
        "Olúwaṣẹ́gun Adébáyọ̀",
        "Ṣàdé Ọláyínká",
        "Ǹjídé Ọ̀gúndìran",
        "Nguyễn Thị Ánh Tuyết",
        "Trần Quốc Hưng",
        "Zofia Wiśniewska-Łęcka",
        "Olúwaṣẹ́gun",
    ];
    let decomposed = "Nguye\u{302}\u{303}n Thi\u{323} A\u{301}nh";
    let mut blocks = Vec::new();
    for name in names.iter().copied().chain([decomposed]) {
        blocks.push(Block::heading(1, format!("YM-0042 {name}")));
        blocks.push(Block::heading(2, name));
        blocks.push(Block::styled(name, Style::Bold));
        blocks.push(Block::styled(name, Style::Italic));
        blocks.push(Block::text(format!("{name} was seen at the station.")));
        blocks.push(Block::key_values(vec![("Name".into(), name.into())]));
        blocks.push(Block::Table {
            columns: vec![Column::new("Case", 0.3), Column::new("Person", 0.7)],
            rows: vec![vec!["YM-0042".into(), name.into()]],
        });
    }
    let mut doc = sample(0, false);
    doc.blocks = blocks;
    let (_dir, path) = write("marks.pdf", &render(&doc).unwrap());
    for mode in [&[][..], &["-raw"][..]] {
        let mut args = mode.to_vec();
        args.extend([path.as_str(), "-"]);
        let text = run("pdftotext", &args);
        let composed = "Nguyễn Thị Ánh";
        for name in names.iter().copied().chain([composed]) {
            let lines = text.lines().filter(|l| l.contains(name)).count();
            assert!(
                lines >= 6,
                "{name:?} read back whole in only {lines} places (pdftotext {mode:?}):\n{text}"
            );
        }
    }
}

#[test]
fn a_long_foot_of_page_wraps_onto_a_second_line_on_every_page() {
    let mut doc = sample(60, false);
    doc.footer =
        "Prepared for Lowbridge and District Child and Adolescent Mental Health Services, \
                  17 December 2026 · Audit log at 1234 · 3f9a2b1c"
            .into();
    let bytes = render(&doc).unwrap();
    let (_dir, path) = write("plan.pdf", &bytes);
    let text = run("pdftotext", &["-raw", &path, "-"]);
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert!(pages.len() > 1, "the sample runs over several pages");
    for page in pages {
        let flat = page.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains("Prepared for Lowbridge and District"),
            "{flat}"
        );
        assert!(
            flat.contains("Audit log at 1234"),
            "the anchor is kept: {flat}"
        );
    }
}
