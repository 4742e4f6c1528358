//! Pages: blocks flowed down A4 pages, tables with repeated headers, and the
//! marking, title, date and page numbers added once the page count is known.

use std::collections::HashMap;

use printpdf::{Color, FontId, Mm, Op, PdfDocument, PdfPage, PdfSaveOptions, Rgb};

mod draw;
mod furniture;
mod pack;
mod tags;

use tags::{Tags, artifact};

use crate::fonts::FaceId;
use crate::text::{Line, lines};
use crate::{Block, Column, Document, PdfError, Style};

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN: f32 = 50.0;
const TOP: f32 = PAGE_H - 70.0;
const BOTTOM: f32 = 62.0;
const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN;

const BODY: f32 = 10.0;
const TABLE: f32 = 9.0;
const PAD: f32 = 3.0;

fn leading(size: f32) -> f32 {
    size * 1.35
}

fn rgb(r: f32, g: f32, b: f32) -> Color {
    Color::Rgb(Rgb {
        r,
        g,
        b,
        icc_profile: None,
    })
}

struct Composer {
    pdf: PdfDocument,
    fonts: HashMap<FaceId, FontId>,
    pages: Vec<Vec<Op>>,
    y: f32,
    tags: Tags,
}

fn widths_of(columns: &[Column]) -> Vec<f32> {
    let total: f32 = columns.iter().map(|c| c.share.max(0.01)).sum();
    columns
        .iter()
        .map(|c| CONTENT_W * c.share.max(0.01) / total)
        .collect()
}

const KEY_VALUE: [f32; 2] = [0.3, 0.7];

/// A table's laid-out row: each cell's lines.
type Row = Vec<Vec<Line>>;

impl Composer {
    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Begins content of structure element `elem` on the current page.
    fn mark(&mut self, elem: usize) {
        let page = self.pages.len().saturating_sub(1);
        let op = self.tags.begin(elem, page);
        self.ops().push(op);
    }

    fn end_mark(&mut self) {
        self.ops().push(Op::EndMarkedContent);
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    fn room(&self) -> f32 {
        self.y - BOTTOM
    }

    /// Flows lines of text; a line that does not fit starts a new page.
    fn text(&mut self, text: &str, style: Style, size: f32, after: f32) -> Result<(), PdfError> {
        let lh = leading(size);
        for mut line in lines(text, style, size, CONTENT_W) {
            if self.room() < lh {
                self.new_page();
            }
            self.y -= lh;
            let elem = self.tags.current();
            self.mark(elem);
            self.draw(&mut line, MARGIN, CONTENT_W, self.y + lh * 0.25, size)?;
            self.end_mark();
        }
        self.y -= after;
        Ok(())
    }

    fn heading(&mut self, level: u8, text: &str) -> Result<(), PdfError> {
        let (size, before) = if level <= 1 {
            (14.0, 14.0)
        } else {
            (11.5, 8.0)
        };
        // Keep a heading with at least a few lines of what follows.
        if self.room() < before + leading(size) * 2.0 + leading(BODY) * 3.0 {
            self.new_page();
        } else {
            self.y -= before;
        }
        self.text(text, Style::Bold, size, 3.0)?;
        if level <= 1 {
            self.rule(MARGIN, CONTENT_W, self.y + 1.0, 0.3, 0.8);
            self.y -= 4.0;
        }
        Ok(())
    }

    fn cells(texts: &[String], widths: &[f32], style: Style) -> Row {
        texts
            .iter()
            .zip(widths)
            .map(|(t, w)| lines(t, style, TABLE, w - 2.0 * PAD))
            .collect()
    }

    /// Draws `count` lines of each cell starting at line `from`, as one
    /// band: each cell's part under its structure element in `cells`, or
    /// as an artifact (a header repeated on a later page) when none.
    fn band(
        &mut self,
        row: &mut Row,
        widths: &[f32],
        (from, count): (usize, usize),
        cells: Option<&[usize]>,
    ) -> Result<(), PdfError> {
        let lh = leading(TABLE);
        let top = self.y;
        let mut x = MARGIN;
        for (n, (cell, w)) in row.iter_mut().zip(widths).enumerate() {
            if cell.len() > from {
                match cells.and_then(|c| c.get(n)) {
                    Some(elem) => self.mark(*elem),
                    None => self.ops().push(artifact()),
                }
                for (i, line) in cell.iter_mut().skip(from).take(count).enumerate() {
                    let baseline = top - PAD - lh * (i as f32 + 1.0) + lh * 0.25;
                    self.draw(line, x + PAD, w - 2.0 * PAD, baseline, TABLE)?;
                }
                self.end_mark();
            }
            x += w;
        }
        self.y = top - count as f32 * lh - 2.0 * PAD;
        Ok(())
    }

    /// The header row: tagged the first time (`cells`), an artifact when
    /// repeated on a later page.
    fn header_row(
        &mut self,
        header: &Row,
        widths: &[f32],
        cells: Option<&[usize]>,
    ) -> Result<(), PdfError> {
        let n = header.iter().map(Vec::len).max().unwrap_or(1);
        let h = n as f32 * leading(TABLE) + 2.0 * PAD;
        self.fill(MARGIN, self.y - h, CONTENT_W, h, 0.9);
        self.band(&mut header.clone(), widths, (0, n), cells)?;
        self.rule(MARGIN, CONTENT_W, self.y, 0.2, 0.8);
        Ok(())
    }

    fn table(
        &mut self,
        columns: &[Column],
        rows: &[Vec<String>],
        header: bool,
    ) -> Result<(), PdfError> {
        let widths = widths_of(columns);
        let titles: Vec<String> = columns.iter().map(|c| c.title.clone()).collect();
        let head = header.then(|| Self::cells(&titles, &widths, Style::Bold));
        let lh = leading(TABLE);
        let head_h = head.as_ref().map_or(0.0, |h| {
            h.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh + 2.0 * PAD
        });
        let first_style = if header { Style::Regular } else { Style::Bold };
        if self.room() < head_h + lh + 2.0 * PAD {
            self.new_page();
        }
        self.tags.open("Table");
        if let Some(h) = &head {
            self.tags.open("TR");
            let cells: Vec<usize> = h
                .iter()
                .map(|_| self.tags.add("TH", Some("Column")))
                .collect();
            self.tags.close();
            self.header_row(h, &widths, Some(&cells))?;
        }
        for texts in rows {
            // A key-value block's key heads its row.
            self.tags.open("TR");
            let cells: Vec<usize> = (0..texts.len())
                .map(|i| {
                    if !header && i == 0 {
                        self.tags.add("TH", Some("Row"))
                    } else {
                        self.tags.add("TD", None)
                    }
                })
                .collect();
            self.tags.close();
            // In a key-value block the key is in bold.
            let mut row: Row = texts
                .iter()
                .zip(&widths)
                .enumerate()
                .map(|(i, (t, w))| {
                    let style = if i == 0 { first_style } else { Style::Regular };
                    lines(t, style, TABLE, w - 2.0 * PAD)
                })
                .collect();
            let n = row.iter().map(Vec::len).max().unwrap_or(1).max(1);
            let mut done = 0;
            while done < n {
                let fit = ((self.room() - 2.0 * PAD) / lh).floor().max(0.0) as usize;
                let whole_fits_fresh = (n - done) as f32 * lh + 2.0 * PAD <= TOP - BOTTOM - head_h;
                if fit < n - done && (done == 0 && whole_fits_fresh || fit == 0) {
                    // Start the row (or its rest) on a new page, under the header.
                    self.new_page();
                    if let Some(h) = &head {
                        self.header_row(h, &widths, None)?;
                    }
                    continue;
                }
                let count = fit.min(n - done);
                self.band(&mut row, &widths, (done, count), Some(&cells))?;
                done += count;
            }
            if header {
                self.rule(MARGIN, CONTENT_W, self.y, 0.75, 0.4);
            }
        }
        self.tags.close();
        self.y -= 8.0;
        Ok(())
    }
}

pub fn render(doc: &Document) -> Result<Vec<u8>, PdfError> {
    let mut c = compose(doc)?;
    describe(&mut c.pdf, doc)?;
    let pages = std::mem::take(&mut c.pages)
        .into_iter()
        .map(|ops| PdfPage::new(Mm(210.0), Mm(297.0), ops))
        .collect();
    c.pdf.with_pages(pages);
    // printpdf compresses at zlib's slowest setting; ours (`pack::LEVEL`)
    // is several times quicker for a few per cent more bytes.
    let opts = PdfSaveOptions {
        optimize: false,
        ..PdfSaveOptions::default()
    };
    let mut lopdf = printpdf::to_lopdf_doc(&c.pdf, &opts, &mut Vec::new());
    c.tags.write(&mut lopdf, "en-GB")?;
    // Tagged content (and its marked flag) is PDF 1.4's; printpdf says 1.3.
    lopdf.version = "1.7".into();
    let deflater = compress_streams(&mut lopdf);
    pack::write(lopdf, deflater)
}

/// The document's blocks laid out on pages, tagged, each page marked and
/// numbered.
fn compose(doc: &Document) -> Result<Composer, PdfError> {
    let mut c = Composer {
        pdf: PdfDocument::new(&format!("{} – {}", doc.title, doc.subtitle)),
        fonts: HashMap::new(),
        pages: vec![Vec::new()],
        y: TOP,
        tags: Tags::new(),
    };
    for block in &doc.blocks {
        match block {
            Block::Heading { level, text } => {
                c.tags.open(if *level <= 1 { "H1" } else { "H2" });
                c.heading(*level, text)?;
                c.tags.close();
            }
            Block::Paragraph { text, style } => {
                c.tags.open("P");
                c.text(text, *style, BODY, 6.0)?;
                c.tags.close();
            }
            Block::KeyValue { pairs } => {
                let rows: Vec<Vec<String>> = pairs
                    .iter()
                    .map(|(k, v)| vec![k.clone(), v.clone()])
                    .collect();
                c.table(
                    &[Column::new("", KEY_VALUE[0]), Column::new("", KEY_VALUE[1])],
                    &rows,
                    false,
                )?;
            }
            Block::Table { columns, rows } => c.table(columns, rows, true)?,
            Block::PageBreak => c.new_page(),
        }
    }
    c.decorate(doc)?;
    Ok(c)
}

/// The file's information: who made it, about what, and when.
fn describe(pdf: &mut PdfDocument, doc: &Document) -> Result<(), PdfError> {
    let when =
        printpdf::DateTime::from_unix_timestamp(doc.created_unix).map_err(|_| PdfError::Date)?;
    let info = &mut pdf.metadata.info;
    info.author = doc.author.clone();
    info.creator = "Roundtable".into();
    info.producer = "Roundtable".into();
    info.subject = doc.title.clone();
    info.keywords.clone_from(&doc.keywords);
    info.creation_date = when;
    info.modification_date = when;
    info.metadata_date = when;
    Ok(())
}

/// Compresses the pages' streams and the fonts, half the bytes on a second
/// thread; returns the compressor, for the object streams still to write.
fn compress_streams(lopdf: &mut lopdf::Document) -> pack::Deflater {
    let mut deflater = pack::Deflater::new();
    let mut streams: Vec<&mut lopdf::Stream> = lopdf
        .objects
        .values_mut()
        .filter_map(|o| match o {
            lopdf::Object::Stream(stream) => Some(stream),
            _ => None,
        })
        .collect();
    let total: usize = streams.iter().map(|s| s.content.len()).sum();
    let mut taken = 0;
    let half = streams
        .iter()
        .position(|s| {
            taken += s.content.len();
            taken * 2 >= total
        })
        .map_or(streams.len(), |i| i + 1);
    let (first, second) = streams.split_at_mut(half);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            let mut own = pack::Deflater::new();
            for stream in second.iter_mut() {
                compress(stream, &mut own);
            }
        });
        for stream in first.iter_mut() {
            compress(stream, &mut deflater);
        }
    });
    deflater
}

fn compress(stream: &mut lopdf::Stream, deflater: &mut pack::Deflater) {
    if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
        return;
    }
    if let Ok(packed) = deflater.deflate(&stream.content)
        && packed.len() + 19 < stream.content.len()
    {
        stream.dict.set("Filter", "FlateDecode");
        stream.set_content(packed);
    }
}
