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
    pub x: f32,
    pub y: f32,
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
    for (i, c) in slice.char_indices() {
        let at = range.start + i;
        let end = at + c.len_utf8();
        if let Some(f) = Family::of(c) {
            family = f;
        }
        // Combining marks stay with the character they mark.
        let joins = unicode_script::UnicodeScript::script(&c) == unicode_script::Script::Inherited;
        let face = match runs.last() {
            Some((_, last)) if joins => *last,
            _ => fonts::choose(c, family, style),
        };
        match runs.last_mut() {
            Some((r, last)) if *last == face && r.end == at => r.end = end,
            _ => runs.push((at..end, face)),
        }
    }
    runs
}

struct Shaped {
    gid: u16,
    cluster: usize,
    advance: f32,
    dx: f32,
    dy: f32,
}

/// Shapes one run; glyphs come back in visual (left-to-right) order with
/// clusters as byte offsets into `text`.
fn shape(text: &str, range: Range<usize>, face: FaceId, rtl: bool, size: f32) -> Vec<Shaped> {
    let Some(f) = fonts::face(face) else {
        return Vec::new();
    };
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(&text[range.clone()]);
    buffer.guess_segment_properties();
    buffer.set_direction(if rtl {
        rustybuzz::Direction::RightToLeft
    } else {
        rustybuzz::Direction::LeftToRight
    });
    let out = rustybuzz::shape(&f.shaper, &[], buffer);
    let scale = size / f.units_per_em;
    out.glyph_infos()
        .iter()
        .zip(out.glyph_positions())
        .map(|(info, pos)| Shaped {
            gid: u16::try_from(info.glyph_id).unwrap_or(0),
            cluster: range.start + info.cluster as usize,
            advance: pos.x_advance as f32 * scale,
            dx: pos.x_offset as f32 * scale,
            dy: pos.y_offset as f32 * scale,
        })
        .collect()
}

/// Gives each glyph of a run its own characters: a glyph the font maps from
/// a character of its cluster gets that character; the cluster's remaining
/// characters go to its first other glyph (a ligature or conjunct).
fn glyph_texts(text: &str, run: &Range<usize>, glyphs: &[Shaped], face: FaceId) -> Vec<String> {
    let mut starts: Vec<usize> = glyphs.iter().map(|g| g.cluster).collect();
    starts.sort_unstable();
    starts.dedup();
    let cluster_text = |start: usize| -> &str {
        let end = starts
            .iter()
            .copied()
            .find(|s| *s > start)
            .unwrap_or(run.end);
        text.get(start..end).unwrap_or("")
    };
    let chars_of = fonts::face(face).map(|f| &f.chars_of_glyph);
    let mut out = vec![String::new(); glyphs.len()];
    for &start in &starts {
        let members: Vec<usize> = (0..glyphs.len())
            .filter(|i| glyphs[*i].cluster == start)
            .collect();
        let mut left: Vec<char> = cluster_text(start).chars().collect();
        let mut unclaimed = Vec::new();
        for &i in &members {
            let own = chars_of.and_then(|m| m.get(&glyphs[i].gid)).copied();
            match own.and_then(|c| left.iter().position(|x| *x == c)) {
                Some(p) => out[i] = left.remove(p).to_string(),
                None => unclaimed.push(i),
            }
        }
        if !left.is_empty() {
            let rest: String = left.into_iter().collect();
            let target = unclaimed.first().or(members.first()).copied();
            if let Some(t) = target {
                out[t].push_str(&rest);
            }
        }
    }
    out
}

/// Lays out one paragraph (no newlines) in lines no wider than `max`.
fn paragraph(text: &str, style: Style, size: f32, max: f32) -> Vec<Line> {
    if text.is_empty() {
        return vec![Line::default()];
    }
    let bidi = BidiInfo::new(text, None);
    let Some(para) = bidi.paragraphs.first() else {
        return vec![Line::default()];
    };
    let rtl = para.level.is_rtl();

    // Advance of each byte's cluster, measured once, for breaking.
    let mut advance = vec![0.0_f32; text.len() + 1];
    for (range, face) in face_runs(text, 0..text.len(), style) {
        let run_rtl = bidi.levels.get(range.start).is_some_and(|l| l.is_rtl());
        for g in shape(text, range, face, run_rtl, size) {
            if let Some(a) = advance.get_mut(g.cluster) {
                *a += g.advance;
            }
        }
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
            let mut line = set_line(text, &bidi, para, r.start..end, style, size);
            line.rtl = rtl;
            line
        })
        .collect()
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
            if fonts::reorders(face) {
                let first = line.glyphs.len();
                line.actual
                    .push((first..first + shaped.len(), text[piece.clone()].to_string()));
            }
            for (g, t) in shaped.iter().zip(texts) {
                line.glyphs.push(Glyph {
                    face,
                    gid: g.gid,
                    x: x + g.dx,
                    y: g.dy,
                    text: t,
                });
                x += g.advance;
            }
        }
    }
    line.width = x;
    line
}

/// Lays out text (which may hold newlines) in lines no wider than `max` points.
pub fn lines(text: &str, style: Style, size: f32, max: f32) -> Vec<Line> {
    let clean: String = text
        .chars()
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
