//! Text into positioned glyphs: runs split by script (each in its own face),
//! shaped with rustybuzz, ordered right-to-left where bidi says so, and
//! broken into lines at Unicode line-break opportunities by measured width.

use std::ops::Range;

use unicode_bidi::BidiInfo;
use unicode_linebreak::linebreaks;

use crate::Style;
use crate::fonts::{self, FaceId};
use crate::shape::{Shaped, face_runs, glyph_texts, shape};

/// One glyph, placed relative to the start of its line's baseline (points).
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub face: FaceId,
    pub gid: u16,
    /// Where it is drawn (its pen position plus any offset from shaping).
    pub x: f32,
    pub y: f32,
    /// Shaping moved it off its pen position (a mark, say).
    pub offset: bool,
    /// How far the pen moves after it, as shaped, and as the font's own
    /// width (what a PDF viewer moves by): they differ by kerning.
    pub advance: f32,
    pub natural: f32,
    /// The characters this glyph stands for (its ToUnicode text).
    pub text: GlyphText,
}

/// What a glyph stands for in the file's text layer (its ToUnicode entry).
/// Most glyphs are one plain character the font itself maps to them; those
/// carry no string of their own, and the embedded font's own map (which
/// [`crate::fonts::Face::pdf`] fills with the same characters) writes them,
/// which spares a string per glyph on every page.
#[derive(Debug, Clone, PartialEq)]
pub enum GlyphText {
    /// The character the font maps to this glyph (`chars_of_glyph`).
    Own(char),
    /// Anything else: a ligature's letters, a mark, or nothing.
    Text(String),
}

impl GlyphText {
    /// `text` for glyph `gid` of `face`: [`Self::Own`] when it is the one
    /// character the font maps to it and printpdf knows that mapping.
    pub(crate) fn of(face: FaceId, gid: u16, text: String) -> Self {
        let mut chars = text.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => Self::of_char(face, gid, c),
            _ => Self::Text(text),
        }
    }

    /// One character `c` for glyph `gid` of `face`, as [`Self::of`].
    pub(crate) fn of_char(face: FaceId, gid: u16, c: char) -> Self {
        if fonts::is_own(face, gid, c) {
            Self::Own(c)
        } else {
            Self::Text(c.into())
        }
    }

    /// The ToUnicode text printpdf is given: none for [`Self::Own`], which
    /// it takes from the font.
    pub(crate) fn into_cid(self) -> Option<String> {
        match self {
            Self::Own(_) => None,
            Self::Text(text) => Some(text),
        }
    }

    pub fn push_to(&self, out: &mut String) {
        match self {
            Self::Own(c) => out.push(*c),
            Self::Text(text) => out.push_str(text),
        }
    }
}

impl Default for GlyphText {
    fn default() -> Self {
        Self::Text(String::new())
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    pub glyphs: Vec<Glyph>,
    /// Runs of glyphs (by index) whose text is given whole, in reading order.
    pub actual: Vec<(Range<usize>, String)>,
    pub width: f32,
    /// The paragraph reads right to left: the line is set flush right.
    pub rtl: bool,
}

/// Runs of one face, each with its glyphs shaped, in the text's order.
type ShapedRuns = Vec<(Range<usize>, FaceId, Vec<Shaped>)>;

/// Lays out one paragraph (no newlines) in lines no wider than `max`.
fn paragraph(text: &str, style: Style, size: f32, max: f32) -> Vec<Line> {
    if text.is_empty() {
        return vec![Line::default()];
    }
    // Text with no right-to-left letters needs no bidi analysis.
    let bidi = text
        .chars()
        .any(|c| u32::from(c) >= 0x0590)
        .then(|| BidiInfo::new(text, None))
        .filter(|b| b.has_rtl());
    let rtl = bidi
        .as_ref()
        .and_then(|b| b.paragraphs.first())
        .is_some_and(|p| p.level.is_rtl());
    let (prefix, shaped_runs) = measure(text, bidi.as_ref(), style, size);
    let width = |r: Range<usize>| -> f32 {
        let trimmed = text[r.clone()].trim_end();
        prefix[r.start + trimmed.len()] - prefix[r.start]
    };
    break_lines(text, width, max)
        .into_iter()
        .map(|r| {
            let end = r.start + text[r.clone()].trim_end().len();
            let mut line = match bidi
                .as_ref()
                .and_then(|b| b.paragraphs.first().map(|p| (b, p)))
            {
                Some((b, para)) => set_line(text, b, para, r.start..end, style, size),
                None => set_line_ltr(text, &shaped_runs, r.start..end),
            };
            line.rtl = rtl;
            line
        })
        .collect()
}

/// The text shaped once: the advance up to each byte (for breaking, by
/// cluster), and its runs of one face. Text that reads left to right
/// throughout is set from this same shaping.
fn measure(
    text: &str,
    bidi: Option<&BidiInfo<'_>>,
    style: Style,
    size: f32,
) -> (Vec<f32>, ShapedRuns) {
    let mut advance = vec![0.0_f32; text.len() + 1];
    let mut shaped_runs = Vec::new();
    for (range, face) in face_runs(text, 0..text.len(), style) {
        let run_rtl = bidi
            .and_then(|b| b.levels.get(range.start))
            .is_some_and(|l| l.is_rtl());
        let glyphs = shape(text, range.clone(), face, run_rtl, size);
        for g in &glyphs {
            if let Some(a) = advance.get_mut(g.cluster) {
                *a += g.advance;
            }
        }
        shaped_runs.push((range, face, glyphs));
    }
    let mut prefix = vec![0.0_f32; text.len() + 1];
    for i in 0..text.len() {
        prefix[i + 1] = prefix[i] + advance[i];
    }
    (prefix, shaped_runs)
}

/// Where the lines break: at the last opportunity that fits in `max`
/// (by `width`), a word wider than a line split between characters.
fn break_lines(text: &str, width: impl Fn(Range<usize>) -> f32, max: f32) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    let mut fits: Option<usize> = None;
    for (pos, _) in linebreaks(text) {
        if width(start..pos) <= max {
            fits = Some(pos);
            continue;
        }
        if let Some(p) = fits.take() {
            ranges.push(start..p);
            start = p;
            if width(start..pos) <= max {
                fits = Some(pos);
                continue;
            }
        }
        // One word wider than the line: split it between characters.
        let mut chunk = start;
        for (i, c) in text[start..pos].char_indices() {
            let at = start + i;
            if at > chunk && width(chunk..at + c.len_utf8()) > max {
                ranges.push(chunk..at);
                chunk = at;
            }
        }
        start = chunk;
        fits = Some(pos);
    }
    if start < text.len() || ranges.is_empty() {
        ranges.push(start..text.len());
    }
    ranges
}

/// Places glyphs in order: left-to-right runs shaped once for the whole paragraph.
fn set_line_ltr(text: &str, runs: &ShapedRuns, range: Range<usize>) -> Line {
    let mut line = Line::default();
    let mut x = 0.0;
    for (run, face, glyphs) in runs {
        if run.end <= range.start || run.start >= range.end {
            continue;
        }
        let piece = run.start.max(range.start)..run.end.min(range.end);
        let inside: Vec<Shaped> = glyphs
            .iter()
            .filter(|g| piece.contains(&g.cluster))
            .cloned()
            .collect();
        let texts = glyph_texts(text, &piece, &inside, *face);
        if fonts::reorders(*face) || has_placed_marks(&inside) {
            let first = line.glyphs.len();
            line.actual
                .push((first..first + inside.len(), text[piece.clone()].to_string()));
        }
        for (g, t) in inside.iter().zip(texts) {
            line.glyphs.push(placed(*face, g, x, t));
            x += g.advance;
        }
    }
    line.width = x;
    line
}

/// Marks placed by the font (a dot below and an acute above one letter, as
/// in Yoruba "ṣẹ́"): each is drawn on its own, and a text extractor then
/// sees a gap after it and splits the word ("Olúwaṣẹ́ gun"). Such a run is
/// given its exact text as one `/ActualText` span, like a reordering script.
fn has_placed_marks(glyphs: &[Shaped]) -> bool {
    glyphs.iter().any(|g| g.dx != 0.0 || g.dy != 0.0)
}

fn placed(face: FaceId, g: &Shaped, pen: f32, text: GlyphText) -> Glyph {
    Glyph {
        face,
        gid: g.gid,
        x: pen + g.dx,
        y: g.dy,
        offset: g.dx != 0.0 || g.dy != 0.0,
        advance: g.advance,
        natural: g.natural,
        text,
    }
}

fn set_line(
    text: &str,
    bidi: &BidiInfo<'_>,
    para: &unicode_bidi::ParagraphInfo,
    range: Range<usize>,
    style: Style,
    size: f32,
) -> Line {
    let mut line = Line::default();
    if range.is_empty() {
        return line;
    }
    let (levels, visual) = bidi.visual_runs(para, range);
    let mut x = 0.0;
    for run in visual {
        let rtl = levels.get(run.start).is_some_and(|l| l.is_rtl());
        let mut pieces = face_runs(text, run, style);
        if rtl {
            pieces.reverse();
        }
        for (piece, face) in pieces {
            let shaped = shape(text, piece.clone(), face, rtl, size);
            let texts = glyph_texts(text, &piece, &shaped, face);
            if fonts::reorders(face) || (!rtl && has_placed_marks(&shaped)) {
                let first = line.glyphs.len();
                line.actual
                    .push((first..first + shaped.len(), text[piece.clone()].to_string()));
            }
            for (g, t) in shaped.iter().zip(texts) {
                line.glyphs.push(placed(face, g, x, t));
                x += g.advance;
            }
        }
    }
    line.width = x;
    line
}

/// Lays out text (which may hold newlines) in lines no wider than `max` points.
///
/// Text is set in Unicode's composed form (NFC). A PDF's text layer maps each
/// glyph to one text for the whole file, so "ễ" typed once composed and once
/// as e with two marks (the same glyph after shaping) would read back alike
/// everywhere, in whichever form was mapped; NFC is the form keyboards type
/// and searches expect, so every name reads back as typed on a keyboard.
pub fn lines(text: &str, style: Style, size: f32, max: f32) -> Vec<Line> {
    use unicode_normalization::UnicodeNormalization;
    let clean: String = text
        .nfc()
        .map(|c| if c == '\t' { ' ' } else { c })
        .filter(|c| *c == '\n' || !c.is_control())
        .collect();
    clean
        .split('\n')
        .flat_map(|p| paragraph(p.trim_end_matches('\r'), style, size, max.max(1.0)))
        .collect()
}

/// The width of text set on one line.
pub fn width(text: &str, style: Style, size: f32) -> f32 {
    lines(text, style, size, f32::MAX)
        .iter()
        .map(|l| l.width)
        .fold(0.0, f32::max)
}
