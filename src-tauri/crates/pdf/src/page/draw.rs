//! Drawing on the page: glyphs set as text with their ToUnicode and
//! ActualText marks (so copied and extracted text reads as typed), fonts
//! embedded once, rules and filled bands.

use std::ops::Range;

use printpdf::{
    Codepoint, Color, FontId, Line as PdfLine, LinePoint, Op, PaintMode, PdfFontHandle, Point, Pt,
    Rect, TextItem,
};

use super::{Composer, rgb};
use crate::PdfError;
use crate::fonts::{self, FaceId};
use crate::text::{Glyph, Line};

impl Composer {
    pub(super) fn font(&mut self, face: FaceId) -> Result<FontId, PdfError> {
        if let Some(id) = self.fonts.get(&face) {
            return Ok(id.clone());
        }
        let f = fonts::face(face).ok_or_else(|| PdfError::Font(format!("face {face}")))?;
        let parsed = f.pdf().ok_or_else(|| PdfError::Font(f.name.into()))?;
        let id = self.pdf.add_font(parsed);
        self.fonts.insert(face, id.clone());
        Ok(id)
    }

    /// Sets one line with its baseline at `baseline`, within `x..x + w`.
    pub(super) fn draw(
        &mut self,
        line: &mut Line,
        x: f32,
        w: f32,
        baseline: f32,
        size: f32,
    ) -> Result<(), PdfError> {
        // The page's operations, taken out while the line is added to them
        // (adding a font needs the composer too).
        let mut page = std::mem::take(self.ops());
        let added = self.glyph_ops(&mut page, line, x, w, baseline, size);
        *self.ops() = page;
        added
    }

    /// Adds to `ops` the text operations that set `line`.
    ///
    /// Each run of glyphs is placed with `Td` (a move from where the last
    /// run started), not `Tm` (the whole matrix): printpdf re-measures every
    /// glyph that follows a `Tm`, to merge runs on one baseline, and those
    /// measurements were a tenth of the minutes' time. The runs need no
    /// merging: a line's glyphs in one face already are one run.
    pub(super) fn glyph_ops(
        &mut self,
        ops: &mut Vec<Op>,
        line: &mut Line,
        x: f32,
        w: f32,
        baseline: f32,
        size: f32,
    ) -> Result<(), PdfError> {
        if line.glyphs.is_empty() {
            return Ok(());
        }
        let x0 = if line.rtl { x + w - line.width } else { x };
        ops.push(Op::StartTextSection);
        // Where the text-line matrix is: `BT` puts it at the origin.
        let mut at = (0.0_f32, 0.0_f32);
        let mut current: Option<FaceId> = None;
        let actual = std::mem::take(&mut line.actual);
        let glyphs = &mut line.glyphs;
        let mut i = 0;
        while i < glyphs.len() {
            let face = glyphs[i].face;
            if let Some(text) = actual_starting(&actual, i) {
                ops.push(actual_text(text));
            }
            if current != Some(face) {
                let font = self.font(face)?;
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(font),
                    size: Pt(size),
                });
                current = Some(face);
            }
            let to = (x0 + glyphs[i].x, baseline + glyphs[i].y);
            ops.push(Op::SetTextCursor {
                pos: Point {
                    x: Pt(to.0 - at.0),
                    y: Pt(to.1 - at.1),
                },
            });
            at = to;
            let (run, last) = run_from(glyphs, i, &actual, size);
            ops.push(Op::ShowText {
                items: vec![TextItem::GlyphIds(run)],
            });
            if actual_ends(&actual, last) {
                ops.push(Op::EndMarkedContentWithProperties);
            }
            i = last + 1;
        }
        ops.push(Op::EndTextSection);
        Ok(())
    }

    pub(super) fn colour(&mut self, col: Color) {
        self.ops().push(Op::SetFillColor { col });
    }

    pub(super) fn rule(&mut self, x: f32, w: f32, y: f32, grey: f32, thickness: f32) {
        self.ops().push(super::tags::artifact());
        self.ops().extend(rule_ops(x, w, y, grey, thickness));
        self.ops().push(Op::EndMarkedContent);
    }

    pub(super) fn fill(&mut self, x: f32, y: f32, w: f32, h: f32, grey: f32) {
        self.ops().push(super::tags::artifact());
        self.colour(rgb(grey, grey, grey));
        self.ops().push(Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(x),
                y: Pt(y),
                width: Pt(w),
                height: Pt(h),
                mode: Some(PaintMode::Fill),
                winding_order: None,
            },
        });
        self.colour(rgb(0.0, 0.0, 0.0));
        self.ops().push(Op::EndMarkedContent);
    }
}

pub(super) fn rule_ops(x: f32, w: f32, y: f32, grey: f32, thickness: f32) -> Vec<Op> {
    vec![
        Op::SetOutlineColor {
            col: rgb(grey, grey, grey),
        },
        Op::SetOutlineThickness { pt: Pt(thickness) },
        Op::DrawLine {
            line: PdfLine {
                points: vec![
                    LinePoint {
                        p: Point { x: Pt(x), y: Pt(y) },
                        bezier: false,
                    },
                    LinePoint {
                        p: Point {
                            x: Pt(x + w),
                            y: Pt(y),
                        },
                        bezier: false,
                    },
                ],
                is_closed: false,
            },
        },
    ]
}

/// Begins a span whose text is `text` (UTF-16BE with its byte-order mark).
pub(super) fn actual_text(text: &str) -> Op {
    let mut data = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        data.extend_from_slice(&unit.to_be_bytes());
    }
    let mut map = std::collections::BTreeMap::new();
    map.insert(
        "ActualText".to_string(),
        printpdf::DictItem::String {
            data,
            literal: false,
        },
    );
    Op::BeginMarkedContentWithProperties {
        tag: "Span".into(),
        properties: printpdf::DictItem::Dict { map },
    }
}

/// The text a mark of actual text starting at glyph `i` stands for.
fn actual_starting(actual: &[(Range<usize>, String)], i: usize) -> Option<&str> {
    actual
        .iter()
        .find(|(r, _)| r.start == i)
        .map(|(_, text)| text.as_str())
}

/// Whether a mark of actual text ends with glyph `i`.
fn actual_ends(actual: &[(Range<usize>, String)], i: usize) -> bool {
    actual.iter().any(|(r, _)| r.end == i + 1)
}

/// The run of glyphs from `i` in one face on the baseline, as one text
/// operation: kerning becomes the adjustments between its glyphs. A
/// glyph moved off the baseline, or a mark of actual text beginning or
/// ending, ends it. Returns the run and the index of its last glyph.
fn run_from(
    glyphs: &mut [Glyph],
    i: usize,
    actual: &[(Range<usize>, String)],
    size: f32,
) -> (Vec<Codepoint>, usize) {
    let face = glyphs[i].face;
    let mut run = Vec::with_capacity(glyphs.len() - i);
    run.push(Codepoint {
        gid: glyphs[i].gid,
        offset: 0.0,
        cid: std::mem::take(&mut glyphs[i].text).into_cid(),
    });
    let mut last = i;
    while last + 1 < glyphs.len() {
        let next = &glyphs[last + 1];
        if next.face != face
            || next.offset
            || glyphs[last].offset
            || actual_ends(actual, last)
            || actual_starting(actual, last + 1).is_some()
        {
            break;
        }
        let kern = (glyphs[last].advance - glyphs[last].natural) * 1000.0 / size;
        if let Some(prev) = run.last_mut() {
            prev.offset = if kern.abs() < 0.5 { 0.0 } else { -kern.round() };
        }
        last += 1;
        run.push(Codepoint {
            gid: glyphs[last].gid,
            offset: 0.0,
            cid: std::mem::take(&mut glyphs[last].text).into_cid(),
        });
    }
    (run, last)
}
