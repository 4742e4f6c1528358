//! Text into positioned glyphs: runs split by script (each in its own face),
//! shaped with rustybuzz, ordered right-to-left where bidi says so, and
//! broken into lines at Unicode line-break opportunities by measured width.

use std::ops::Range;

use unicode_bidi::BidiInfo;
use unicode_linebreak::linebreaks;

use crate::Style;
use crate::fonts::{self, FaceId, Family};

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
    pub text: String,
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

/// Runs of `text[range]` in logical order, each set in one face.
fn face_runs(text: &str, range: Range<usize>, style: Style) -> Vec<(Range<usize>, FaceId)> {
    let slice = &text[range.clone()];
    let mut family = slice.chars().find_map(Family::of).unwrap_or(Family::Latin);
    let mut runs: Vec<(Range<usize>, FaceId)> = Vec::new();
    let latin = fonts::choose('a', Family::Latin, style);
    for (i, c) in slice.char_indices() {
        let at = range.start + i;
        let end = at + c.len_utf8();
        // Most text is ASCII: letters are Latin, and the rest (spaces,
        // digits, punctuation) stays in the run it is in.
        let face = if c.is_ascii() {
            if c.is_ascii_alphabetic() {
                family = Family::Latin;
            }
            match runs.last() {
                Some((_, last)) if !c.is_ascii_alphabetic() && family != Family::Latin => *last,
                _ if family == Family::Latin => latin,
                _ => fonts::choose(c, family, style),
            }
        } else {
            if let Some(f) = Family::of(c) {
                family = f;
            }
            // Combining marks stay with the character they mark.
            let joins =
                unicode_script::UnicodeScript::script(&c) == unicode_script::Script::Inherited;
            match runs.last() {
                Some((_, last)) if joins => *last,
                _ => fonts::choose(c, family, style),
            }
        };
        match runs.last_mut() {
            Some((r, last)) if *last == face && r.end == at => r.end = end,
            _ => runs.push((at..end, face)),
        }
    }
    runs
}

type PlanKey = (FaceId, bool, rustybuzz::Script);

thread_local! {
    static PLANS: std::cell::RefCell<std::collections::HashMap<PlanKey, rustybuzz::ShapePlan>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

#[derive(Clone)]
struct Shaped {
    gid: u16,
    cluster: usize,
    advance: f32,
    natural: f32,
    dx: f32,
    dy: f32,
}

/// A glyph as shaped, in font units, its cluster relative to the text shaped.
#[derive(Clone, Copy)]
struct Unscaled {
    gid: u16,
    cluster: u32,
    advance: i32,
    natural: u16,
    dx: i32,
    dy: i32,
}

/// Shaped words, by face: minutes repeat their words, and a Latin word
/// shapes the same wherever it stands.
type WordCache =
    std::collections::HashMap<FaceId, std::collections::HashMap<Box<str>, Vec<Unscaled>>>;

thread_local! {
    static WORDS: std::cell::RefCell<WordCache> = std::cell::RefCell::new(WordCache::new());
}

const WORD_CACHE_LIMIT: usize = 100_000;

fn shape_unscaled(f: &fonts::Face, face: FaceId, text: &str, rtl: bool) -> Vec<Unscaled> {
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    buffer.set_direction(if rtl {
        rustybuzz::Direction::RightToLeft
    } else {
        rustybuzz::Direction::LeftToRight
    });
    // Planning a shape is costly: one plan per face, direction and script.
    let key = (face, rtl, buffer.script());
    let out = PLANS.with(|plans| {
        let mut plans = plans.borrow_mut();
        let plan = plans.entry(key).or_insert_with(|| {
            rustybuzz::ShapePlan::new(&f.shaper, buffer.direction(), Some(key.2), None, &[])
        });
        rustybuzz::shape_with_plan(&f.shaper, plan, buffer)
    });
    out.glyph_infos()
        .iter()
        .zip(out.glyph_positions())
        .map(|(info, pos)| {
            let gid = u16::try_from(info.glyph_id).unwrap_or(0);
            Unscaled {
                gid,
                cluster: info.cluster,
                advance: pos.x_advance,
                natural: f
                    .shaper
                    .glyph_hor_advance(ttf_parser::GlyphId(gid))
                    .unwrap_or(0),
                dx: pos.x_offset,
                dy: pos.y_offset,
            }
        })
        .collect()
}

/// Shapes one run; glyphs come back in visual (left-to-right) order with
/// clusters as byte offsets into `text`.
fn shape(text: &str, range: Range<usize>, face: FaceId, rtl: bool, size: f32) -> Vec<Shaped> {
    let Some(f) = fonts::face(face) else {
        return Vec::new();
    };
    let scale = size / f.units_per_em;
    let mut out = Vec::new();
    let mut push = |glyphs: &[Unscaled], at: usize| {
        out.extend(glyphs.iter().map(|g| Shaped {
            gid: g.gid,
            cluster: at + g.cluster as usize,
            advance: g.advance as f32 * scale,
            natural: f32::from(g.natural) * scale,
            dx: g.dx as f32 * scale,
            dy: g.dy as f32 * scale,
        }));
    };
    let piece = &text[range.clone()];
    if rtl || !fonts::is_latin(face) {
        push(&shape_unscaled(f, face, piece, rtl), range.start);
        return out;
    }
    // Latin: word by word (each word with the spaces after it), cached.
    WORDS.with(|words| {
        let mut words = words.borrow_mut();
        if words
            .values()
            .map(std::collections::HashMap::len)
            .sum::<usize>()
            > WORD_CACHE_LIMIT
        {
            words.clear();
        }
        let cache = words.entry(face).or_default();
        let mut start = 0;
        let bytes = piece.as_bytes();
        while start < bytes.len() {
            let mut end = start;
            while end < bytes.len() && bytes[end] != b' ' {
                end += 1;
            }
            while end < bytes.len() && bytes[end] == b' ' {
                end += 1;
            }
            let word = &piece[start..end];
            if let Some(glyphs) = cache.get(word) {
                push(glyphs, range.start + start);
            } else {
                let glyphs = shape_unscaled(f, face, word, false);
                push(&glyphs, range.start + start);
                cache.insert(word.into(), glyphs);
            }
            start = end;
        }
    });
    out
}

/// Gives each glyph of a run its own characters: a glyph the font maps from
/// a character of its cluster gets that character; the cluster's remaining
/// characters go to its first other glyph (a ligature or conjunct).
fn glyph_texts(text: &str, run: &Range<usize>, glyphs: &[Shaped], face: FaceId) -> Vec<String> {
    // Plain text, one glyph a character: each glyph is its own character.
    let piece = text.get(run.clone()).unwrap_or("");
    if piece.is_ascii()
        && glyphs.len() == piece.len()
        && glyphs
            .iter()
            .enumerate()
            .all(|(i, g)| g.cluster == run.start + i)
    {
        return piece.chars().map(String::from).collect();
    }
    let mut starts: Vec<usize> = glyphs.iter().map(|g| g.cluster).collect();
    starts.sort_unstable();
    starts.dedup();
    let chars_of = fonts::face(face).map(|f| &f.chars_of_glyph);
    let mut out = vec![String::new(); glyphs.len()];
    // Shaping keeps a cluster's glyphs together: take them a group at a time.
    let mut i = 0;
    while i < glyphs.len() {
        let start = glyphs[i].cluster;
        let mut end_glyph = i + 1;
        while end_glyph < glyphs.len() && glyphs[end_glyph].cluster == start {
            end_glyph += 1;
        }
        let next = starts.partition_point(|s| *s <= start);
        let end = starts.get(next).copied().unwrap_or(run.end);
        let mut left: Vec<char> = text.get(start..end).unwrap_or("").chars().collect();
        let mut unclaimed = Vec::new();
        for k in i..end_glyph {
            let own = chars_of.and_then(|m| m.get(&glyphs[k].gid)).copied();
            match own.and_then(|c| left.iter().position(|x| *x == c)) {
                Some(p) => out[k] = left.remove(p).to_string(),
                None => unclaimed.push(k),
            }
        }
        if !left.is_empty() {
            let rest: String = left.into_iter().collect();
            let target = unclaimed.first().copied().unwrap_or(i);
            out[target].push_str(&rest);
        }
        i = end_glyph;
    }
    out
}

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

    // Advance of each byte's cluster, measured once, for breaking. Text
    // that reads left to right throughout is set from this same shaping.
    let mut advance = vec![0.0_f32; text.len() + 1];
    let mut shaped_runs = Vec::new();
    for (range, face) in face_runs(text, 0..text.len(), style) {
        let run_rtl = bidi
            .as_ref()
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
    let width = |r: Range<usize>| -> f32 {
        let trimmed = text[r.clone()].trim_end();
        prefix[r.start + trimmed.len()] - prefix[r.start]
    };

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

/// Places glyphs in order: left-to-right runs shaped once for the whole paragraph.
fn set_line_ltr(
    text: &str,
    runs: &[(Range<usize>, FaceId, Vec<Shaped>)],
    range: Range<usize>,
) -> Line {
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

fn placed(face: FaceId, g: &Shaped, pen: f32, text: String) -> Glyph {
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
