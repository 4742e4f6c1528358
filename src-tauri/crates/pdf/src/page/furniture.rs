//! Each page's furniture, added once the page count is known: the
//! protective marking at top and bottom, the title, the foot (a plan's
//! recipient, the audit log's head), the page number and any DRAFT mark.
//! All of it is an artifact to a screen reader: the document's text is
//! tagged as it is composed.

use printpdf::Op;

use super::draw::rule_ops;
use super::tags::artifact;
use super::{CONTENT_W, Composer, MARGIN, PAGE_H, PAGE_W, rgb};
use crate::text::{Line, lines};
use crate::{Document, PdfError, Style};

impl Composer {
    /// Marking, title, date, page numbers and any DRAFT mark, on every page.
    pub(super) fn decorate(&mut self, doc: &Document) -> Result<(), PdfError> {
        let total = self.pages.len();
        let fixed = self.fixed(doc)?;
        for n in 0..total {
            let number = first_line(
                &format!("Page {} of {}", n + 1, total),
                Style::Regular,
                8.5,
                200.0,
            );
            let mut ops = vec![artifact()];
            ops.extend(fixed.iter().cloned());
            self.glyph_ops(
                &mut ops,
                &mut number.clone(),
                PAGE_W - MARGIN - number.width,
                number.width,
                40.0,
                8.5,
            )?;
            ops.push(Op::EndMarkedContent);
            self.pages[n].extend(ops);
        }
        Ok(())
    }

    /// What is the same on every page, laid out once: the marking at top
    /// and bottom, the running head and its rule, the foot, "DRAFT".
    fn fixed(&mut self, doc: &Document) -> Result<Vec<Op>, PdfError> {
        let marking = first_line(&doc.marking.to_uppercase(), Style::Bold, 9.0, CONTENT_W);
        let head = first_line(
            &format!("{} · {}", doc.title, doc.subtitle),
            Style::Regular,
            8.5,
            CONTENT_W - 90.0,
        );
        let draft = first_line("DRAFT", Style::Bold, 16.0, 200.0);
        // The foot may take two lines (a plan's recipient and the audit
        // log's anchor), so a long agency name never pushes the anchor off.
        let footer: Vec<_> = lines(&doc.footer, Style::Regular, 7.5, CONTENT_W - 110.0)
            .into_iter()
            .take(2)
            .collect();
        let mark_x = ((PAGE_W - marking.width) / 2.0).max(MARGIN);
        let mut fixed = Vec::new();
        for y in [PAGE_H - 28.0, 24.0] {
            self.glyph_ops(
                &mut fixed,
                &mut marking.clone(),
                mark_x,
                marking.width,
                y,
                9.0,
            )?;
        }
        self.glyph_ops(
            &mut fixed,
            &mut head.clone(),
            MARGIN,
            CONTENT_W - 90.0,
            PAGE_H - 46.0,
            8.5,
        )?;
        fixed.extend(rule_ops(MARGIN, CONTENT_W, PAGE_H - 52.0, 0.5, 0.5));
        let first_y = if footer.len() > 1 { 49.0 } else { 40.0 };
        for (n, line) in footer.iter().enumerate() {
            self.glyph_ops(
                &mut fixed,
                &mut line.clone(),
                MARGIN,
                CONTENT_W - 110.0,
                first_y - 9.0 * n as f32,
                7.5,
            )?;
        }
        if doc.draft {
            fixed.push(Op::SetFillColor {
                col: rgb(0.7, 0.1, 0.05),
            });
            self.glyph_ops(
                &mut fixed,
                &mut draft.clone(),
                PAGE_W - MARGIN - draft.width,
                draft.width,
                PAGE_H - 47.0,
                16.0,
            )?;
            fixed.push(Op::SetFillColor {
                col: rgb(0.0, 0.0, 0.0),
            });
        }
        Ok(fixed)
    }
}

/// The first line `text` makes at `size` in `w` points.
fn first_line(text: &str, style: Style, size: f32, w: f32) -> Line {
    lines(text, style, size, w)
        .into_iter()
        .next()
        .unwrap_or_default()
}
