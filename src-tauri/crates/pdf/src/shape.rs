//! Shaping: text split into runs by script (each in its own face) and shaped
//! with rustybuzz, with a cache of shaped words, and each glyph given the
//! characters it stands for (its ToUnicode text).

use std::ops::Range;

use crate::Style;
use crate::fonts::{self, FaceId, Family};
use crate::text::GlyphText;

/// Runs of `text[range]` in logical order, each set in one face.
pub(crate) fn face_runs(
    text: &str,
    range: Range<usize>,
    style: Style,
) -> Vec<(Range<usize>, FaceId)> {
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
pub(crate) struct Shaped {
    pub(crate) gid: u16,
    pub(crate) cluster: usize,
    pub(crate) advance: f32,
    pub(crate) natural: f32,
    pub(crate) dx: f32,
    pub(crate) dy: f32,
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
pub(crate) fn shape(
    text: &str,
    range: Range<usize>,
    face: FaceId,
    rtl: bool,
    size: f32,
) -> Vec<Shaped> {
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
pub(crate) fn glyph_texts(
    text: &str,
    run: &Range<usize>,
    glyphs: &[Shaped],
    face: FaceId,
) -> Vec<GlyphText> {
    // Plain text, one glyph a character: each glyph is its own character.
    let piece = text.get(run.clone()).unwrap_or("");
    if piece.is_ascii()
        && glyphs.len() == piece.len()
        && glyphs
            .iter()
            .enumerate()
            .all(|(i, g)| g.cluster == run.start + i)
    {
        return piece
            .chars()
            .zip(glyphs)
            .map(|(c, g)| GlyphText::of_char(face, g.gid, c))
            .collect();
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
    out.into_iter()
        .zip(glyphs)
        .map(|(t, g)| GlyphText::of(face, g.gid, t))
        .collect()
}
