//! Reading a list (referrals or agencies; CSV or XLSX) into rows of text, safely: whatever
//! the file holds, the result is rows of strings or a clear error. Nothing in
//! a cell is ever evaluated (a formula-looking "=..." stays text).

use std::io::Cursor;

use calamine::{Data, DataType, Reader, Xlsx, open_workbook_from_rs};

use crate::error::{CoreError, CoreResult};

/// Files larger than this are refused before reading.
pub const MAX_FILE_BYTES: usize = 25 * 1024 * 1024;
/// Data rows beyond this are refused (a borough's list is a few hundred).
pub const MAX_ROWS: usize = 50_000;
pub const MAX_COLUMNS: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub headers: Vec<String>,
    /// Each data row with its row number in the file (the header is row 1,
    /// as a spreadsheet shows it).
    pub rows: Vec<(u32, Vec<String>)>,
    /// Said to the user when the file needed help to read (e.g. its encoding).
    pub notes: Vec<String>,
}

fn file_error(message: impl Into<String>) -> CoreError {
    CoreError::field("file", message)
}

/// Reads a CSV or XLSX file. `file_name` decides the kind when the bytes do not.
pub fn read_table(file_name: &str, bytes: &[u8]) -> CoreResult<Table> {
    if bytes.is_empty() {
        return Err(file_error("The file is empty. Choose the list again."));
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(file_error(format!(
            "The file is {} MB; Roundtable reads lists of up to {} MB. Split it into smaller files.",
            bytes.len() / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    let lower = file_name.to_lowercase();
    let is_zip = bytes.starts_with(b"PK\x03\x04");
    let mut raw = if is_zip {
        read_xlsx(bytes)?
    } else if lower.ends_with(".xlsx") || lower.ends_with(".xls") || lower.ends_with(".xlsm") {
        return Err(file_error(
            "This is not a readable Excel workbook (.xlsx). Open it in Excel and save it as .xlsx or CSV.",
        ));
    } else {
        read_csv(bytes)?
    };
    // The first row with anything in it holds the headers.
    let Some(header_at) = raw
        .rows
        .iter()
        .position(|(_, r)| r.iter().any(|c| !c.trim().is_empty()))
    else {
        return Err(file_error(
            "The file has no rows. Check it is the right list.",
        ));
    };
    let (_, headers) = raw.rows.remove(header_at);
    raw.rows.drain(..header_at);
    let headers: Vec<String> = headers.iter().map(|h| h.trim().to_owned()).collect();
    if headers.len() > MAX_COLUMNS {
        return Err(file_error(format!(
            "The file has {} columns; Roundtable reads up to {MAX_COLUMNS}.",
            headers.len()
        )));
    }
    raw.rows
        .retain(|(_, r)| r.iter().any(|c| !c.trim().is_empty()));
    if raw.rows.is_empty() {
        return Err(file_error(
            "The file has headers but no referrals under them.",
        ));
    }
    if raw.rows.len() > MAX_ROWS {
        return Err(file_error(format!(
            "The file has {} rows; Roundtable imports up to {MAX_ROWS} at a time.",
            raw.rows.len()
        )));
    }
    Ok(Table {
        headers,
        rows: raw.rows,
        notes: raw.notes,
    })
}

struct Raw {
    rows: Vec<(u32, Vec<String>)>,
    notes: Vec<String>,
}

/// Text from bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, or else
/// Windows-1252, which is what Excel writes as "CSV" on a UK laptop.
fn decode(bytes: &[u8]) -> (String, Option<String>) {
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _, _) = encoding.decode(bytes);
        let note = (encoding != encoding_rs::UTF_8)
            .then(|| format!("The file was read as {}.", encoding.name()));
        return (text.into_owned(), note);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), None),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            (
                text.into_owned(),
                Some("The file was not UTF-8, so it was read as Windows-1252 (Excel's usual CSV encoding). Check that names with accents look right.".into()),
            )
        }
    }
}

fn read_csv(bytes: &[u8]) -> CoreResult<Raw> {
    let (text, note) = decode(bytes);
    if text.contains('\0') {
        return Err(file_error(
            "This file is not a CSV or XLSX list. Choose the right file.",
        ));
    }
    // The delimiter most used on the first line: comma, semicolon or tab.
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| first_line.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut lines = LineCounter::new(text.as_bytes());
    let mut embedded_newlines = 0usize;
    loop {
        let more = reader.read_record(&mut record).map_err(|e| {
            file_error(format!(
                "Line {} of the file could not be read ({e}). Check the file is a CSV.",
                lines.line
            ))
        })?;
        if !more {
            break;
        }
        if rows.len() > MAX_ROWS + 1 {
            return Err(file_error(format!(
                "The file has more than {MAX_ROWS} rows; Roundtable imports up to {MAX_ROWS} at a time."
            )));
        }
        let byte = record.position().map_or(0, |p| p.byte());
        let line = lines.line_of_record_at(usize::try_from(byte).unwrap_or(usize::MAX));
        // A spreadsheet shows a quoted line break inside a cell as one row.
        let row = line.saturating_sub(embedded_newlines);
        embedded_newlines += record
            .iter()
            .map(|f| f.matches('\n').count())
            .sum::<usize>();
        rows.push((
            u32::try_from(row).unwrap_or(u32::MAX),
            record.iter().map(str::to_owned).collect(),
        ));
    }
    Ok(Raw {
        rows,
        notes: note.into_iter().collect(),
    })
}

/// Line numbers for records. The csv reader reports where a record's
/// reading began (just after the previous record, before any blank lines);
/// the record itself starts at the next line with content.
struct LineCounter<'a> {
    text: &'a [u8],
    at: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a [u8]) -> Self {
        Self {
            text,
            at: 0,
            line: 1,
        }
    }

    fn line_of_record_at(&mut self, byte: usize) -> usize {
        let byte = byte.min(self.text.len()).max(self.at);
        self.line += self.text[self.at..byte]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        let mut i = byte;
        while let Some(b) = self.text.get(i).filter(|b| matches!(**b, b'\n' | b'\r')) {
            if *b == b'\n' {
                self.line += 1;
            }
            i += 1;
        }
        self.at = i;
        self.line
    }
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => {
            if *b {
                "yes".into()
            } else {
                "no".into()
            }
        }
        Data::DateTime(_) => cell
            .as_date()
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
    }
}

fn read_xlsx(bytes: &[u8]) -> CoreResult<Raw> {
    let unreadable = |_| {
        file_error(
            "This Excel file could not be read. Open it in Excel, save it again as .xlsx, and retry.",
        )
    };
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).map_err(unreadable)?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| file_error("The workbook has no sheets."))?
        .map_err(unreadable)?;
    // A formula whose result was never saved reads as empty: keep its text
    // instead (it is never evaluated).
    let formulas = book
        .sheet_names()
        .first()
        .cloned()
        .and_then(|name| book.worksheet_formula(&name).ok());
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, row)| {
            let r = u32::try_from(i)
                .unwrap_or(u32::MAX)
                .saturating_add(first_row);
            let cells = row
                .iter()
                .enumerate()
                .map(|(j, cell)| {
                    let text = cell_text(cell);
                    if !text.is_empty() {
                        return text;
                    }
                    let c = u32::try_from(j)
                        .unwrap_or(u32::MAX)
                        .saturating_add(first_col);
                    formulas
                        .as_ref()
                        .and_then(|f| f.get_value((r, c)))
                        .filter(|f| !f.is_empty())
                        .map(|f| format!("={f}"))
                        .unwrap_or_default()
                })
                .collect();
            (r.saturating_add(1), cells)
        })
        .collect();
    Ok(Raw {
        rows,
        notes: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_quoted_newlines_empty_rows_and_formulas() {
        let csv = "\u{feff}Name,Notes,Formula\r\n\r\n\"Okafor, Amara\",\"line one\nline two\",=SUM(A1:A9)\r\n,,\r\nZofia Wiśniewska,,\"=HYPERLINK(\"\"x\"\")\"\r\n";
        let t = read_table("list.csv", csv.as_bytes()).unwrap();
        assert_eq!(
            t.headers,
            ["Name", "Notes", "Formula"],
            "the BOM is not part of the first header"
        );
        assert_eq!(t.rows.len(), 2, "empty rows are skipped");
        assert_eq!(t.rows[0].1[0], "Okafor, Amara");
        assert_eq!(t.rows[0].1[1], "line one\nline two");
        assert_eq!(t.rows[0].1[2], "=SUM(A1:A9)", "formulas stay text");
        assert_eq!(t.rows[1].1[0], "Zofia Wiśniewska");
        assert_eq!(
            t.rows[0].0, 3,
            "row numbers are as a spreadsheet shows them"
        );
        assert_eq!(
            t.rows[1].0, 5,
            "a line break inside a cell does not add a row"
        );
    }

    #[test]
    fn windows_1252_and_semicolons() {
        let bytes: Vec<u8> = b"Name;Postcode\nJos\xe9 M\xfcller;SE13 5AB\n".to_vec();
        let t = read_table("list.csv", &bytes).unwrap();
        assert_eq!(t.rows[0].1, ["José Müller", "SE13 5AB"]);
        assert!(t.notes[0].contains("Windows-1252"), "{:?}", t.notes);
    }

    #[test]
    fn hostile_files_give_clear_errors() {
        assert!(read_table("a.csv", b"").is_err());
        assert!(read_table("a.csv", b"\n\n,,\n").is_err(), "no headers");
        assert!(
            read_table("a.csv", b"Name\n").is_err(),
            "headers but no rows"
        );
        assert!(read_table("a.xlsx", b"not a zip").is_err());
        assert!(
            read_table("a.xlsx", b"PK\x03\x04garbage").is_err(),
            "a broken workbook"
        );
        assert!(read_table("a.csv", b"Name\x00\x01\x02").is_err(), "binary");
        let huge = vec![b'a'; MAX_FILE_BYTES + 1];
        let err = read_table("a.csv", &huge).unwrap_err();
        assert!(err.to_string().contains("MB"), "{err}");
    }

    #[test]
    fn a_ten_megabyte_cell_is_read_without_trouble() {
        let mut csv = String::from("Name,Notes\nAmara Okafor,");
        csv.push_str(&"x".repeat(10 * 1024 * 1024));
        csv.push('\n');
        let t = read_table("a.csv", csv.as_bytes()).unwrap();
        assert_eq!(t.rows[0].1[1].len(), 10 * 1024 * 1024);
    }
}
