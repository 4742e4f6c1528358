//! Roundtable's documents as PDF. A [`Document`] is a plain description
//! (headings, paragraphs, key-value blocks, tables); [`render`] lays it out
//! on A4 pages with printpdf: text shaped with rustybuzz in the face for its
//! script, right-to-left runs ordered by the Unicode bidi algorithm, lines
//! broken at Unicode break opportunities, table headers repeated on every
//! page, rows never cut mid-line, and on every page the protective marking
//! top and bottom, the title and date, "Page N of M" (and "DRAFT" while the
//! document is one). Fonts are subset and embedded; each glyph carries its
//! own characters, so copying text or `pdftotext` gives the names back.

mod encrypt;
mod fonts;
mod licences;
mod page;
mod shape;
mod text;

pub use encrypt::{encrypt, is_encrypted};
pub use fonts::file as font_file;
pub use licences::{Licence, font_licences};
pub use text::{GlyphText, Line, lines, width};

use serde::Serialize;
use ts_rs::TS;

/// A name in each script the fonts cover: for tests, benchmarks and the
/// sample, so they all check the same scripts.
pub const SAMPLE_NAMES: [&str; 14] = [
    "Amara Okafor",
    "Zofia Wiśniewska",
    "Nguyễn Văn An",
    "Αλέξανδρος Παπαδόπουλος",
    "Дмитрий Иванов",
    "مريم حسن",
    "יעל כהן",
    "আয়েশা বেগম",
    "प्रिया शर्मा",
    "ਹਰਪ੍ਰੀਤ ਕੌਰ",
    "ધ્રુવ પટેલ",
    "கார்த்திக் ராஜா",
    "ሰላም ተስፋዬ",
    "王小明",
];

/// The weight or slant of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Style {
    #[default]
    Regular,
    Bold,
    Italic,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Column {
    pub title: String,
    /// Share of the page's width (the shares of a table need not sum to 1).
    pub share: f32,
}

impl Column {
    pub fn new(title: &str, share: f32) -> Self {
        Self {
            title: title.into(),
            share,
        }
    }
}

/// One block of a document (for the in-app preview, serialised with its
/// kind in `type`).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// Level 1 (a part of the document) or 2 (a section within it).
    Heading {
        level: u8,
        text: String,
    },
    Paragraph {
        text: String,
        style: Style,
    },
    /// Labelled values, one pair a row ("Venue", "Lowbridge Civic Centre").
    KeyValue {
        pairs: Vec<(String, String)>,
    },
    Table {
        columns: Vec<Column>,
        rows: Vec<Vec<String>>,
    },
    /// Starts a new page.
    PageBreak,
}

impl Block {
    pub fn heading(level: u8, text: impl Into<String>) -> Self {
        Self::Heading {
            level,
            text: text.into(),
        }
    }

    pub fn key_values(pairs: Vec<(String, String)>) -> Self {
        Self::KeyValue { pairs }
    }

    pub fn text(text: impl Into<String>) -> Self {
        Self::Paragraph {
            text: text.into(),
            style: Style::Regular,
        }
    }

    pub fn styled(text: impl Into<String>, style: Style) -> Self {
        Self::Paragraph {
            text: text.into(),
            style,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Document {
    /// "Minutes" or "Action plan: Children's Social Care".
    pub title: String,
    /// Shown beside the title on every page, e.g. "Lowbridge Youth MARAC, 4 December 2026".
    pub subtitle: String,
    /// The protective marking, top and bottom of every page.
    pub marking: String,
    /// The PDF's author (the panel).
    pub author: String,
    /// A "DRAFT" mark on every page.
    pub draft: bool,
    /// Creation time, seconds since 1970 (UTC).
    #[ts(type = "number")]
    pub created_unix: i64,
    /// A line at the foot of every page, left of the page number (empty for
    /// none): exported documents carry the audit log's anchor here.
    pub footer: String,
    /// The PDF's keywords (metadata), e.g. the full audit anchor.
    pub keywords: Vec<String>,
    pub blocks: Vec<Block>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PdfError {
    #[error("the fonts shipped with Roundtable could not be read ({0})")]
    Font(String),
    #[error("the PDF could not be written ({0})")]
    Write(String),
    #[error("the creation date is not a real date")]
    Date,
    #[error("the PDF could not be encrypted ({0})")]
    Encrypt(String),
}

/// Lays the document out and returns the PDF file's bytes.
pub fn render(doc: &Document) -> Result<Vec<u8>, PdfError> {
    page::render(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_shaped_broken_and_measured() {
        let lines = lines(
            "Amara Okafor was seen with older males at the station twice in October",
            Style::Regular,
            10.0,
            150.0,
        );
        assert!(lines.len() >= 2, "wraps at 150pt: {}", lines.len());
        assert!(lines.iter().all(|l| l.width <= 150.0));
        let joined: String =
            lines
                .iter()
                .flat_map(|l| l.glyphs.iter())
                .fold(String::new(), |mut s, g| {
                    g.text.push_to(&mut s);
                    s
                });
        assert_eq!(
            joined.replace(' ', ""),
            "AmaraOkaforwasseenwitholdermalesatthestationtwiceinOctober"
        );
    }

    #[test]
    fn right_to_left_text_is_flush_right_and_keeps_its_letters() {
        let line = &lines("مريم حسن", Style::Regular, 10.0, 500.0)[0];
        assert!(line.rtl);
        let mut text = String::new();
        for g in &line.glyphs {
            g.text.push_to(&mut text);
        }
        let mut got: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
        let mut want: Vec<char> = "مريمحسن".chars().collect();
        got.sort_unstable();
        want.sort_unstable();
        assert_eq!(got, want);
    }

    #[test]
    fn every_shipped_font_file_is_served_by_name_and_nothing_else() {
        let noto = font_file("NotoSansBengali-Regular.ttf").unwrap_or_default();
        assert!(noto.len() > 100_000, "the Bengali face is there");
        assert!(
            font_file("DroidSansFallbackFull.ttf").is_some(),
            "the CJK face"
        );
        assert!(font_file("NotoSans-Italic.ttf").is_some());
        for missing in ["../Cargo.toml", "NotoSans-Regular", "README.md", ""] {
            assert!(font_file(missing).is_none(), "{missing} is not a font");
        }
    }

    #[test]
    fn a_word_longer_than_the_line_is_split() {
        let lines = lines(&"x".repeat(400), Style::Regular, 10.0, 100.0);
        assert!(lines.len() > 5);
        assert!(lines.iter().all(|l| l.width <= 100.0));
    }
}
