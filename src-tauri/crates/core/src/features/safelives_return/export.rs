//! The return as files for submission: CSV and XLSX with the same rows,
//! exact counts, and the warning that they are exact at the top of each.

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::{EXACT_WARNING, ReturnRow, SafeLivesReturn};
use crate::error::{CoreError, CoreResult};

/// The columns of a meeting's (or the quarter's) line, as the form words them.
pub const COLUMNS: [&str; 14] = [
    "Meeting",
    "Date",
    "Cases discussed",
    "Repeat cases",
    "Referred by the police",
    "Referred by other agencies",
    "Cases with children in the household",
    "Children in the households",
    "Black, Asian and racially minoritised victims",
    "LGBT+ victims",
    "Disabled victims",
    "Male victims",
    "Victims aged 16 to 17",
    "Perpetrators aged 17 or under",
];

fn counts(r: &ReturnRow) -> [u32; 12] {
    [
        r.cases,
        r.repeat_cases,
        r.referred_by_police,
        r.referred_by_others,
        r.cases_with_children,
        r.children,
        r.minoritised,
        r.lgbt,
        r.disabled,
        r.male,
        r.aged_16_to_17,
        r.young_perpetrators,
    ]
}

/// Every line of the file, as text cells: the warning, the panel and
/// period, the table of meetings and the quarter, the area's rate, and the
/// referrals by agency.
fn lines(r: &SafeLivesReturn) -> Vec<Vec<String>> {
    let mut out = vec![
        vec![EXACT_WARNING.to_string()],
        vec!["Panel".into(), r.panel_name.clone()],
        vec!["Period".into(), r.from.clone(), r.to.clone()],
        Vec::new(),
        COLUMNS.iter().map(|c| (*c).to_string()).collect(),
    ];
    for row in r.meetings.iter().chain(std::iter::once(&r.quarter)) {
        let mut cells = vec![
            row.label.clone(),
            row.meeting_date.clone().unwrap_or_default(),
        ];
        cells.extend(counts(row).iter().map(u32::to_string));
        out.push(cells);
    }
    out.push(Vec::new());
    out.push(vec![
        "Women aged 16 and over in the area".into(),
        r.women_16_plus
            .map(|n| n.to_string())
            .unwrap_or_else(|| "not entered".into()),
        r.population_source.clone(),
    ]);
    out.push(vec![
        "Cases per 10,000 women aged 16 and over".into(),
        r.cases_per_10000_women
            .clone()
            .unwrap_or_else(|| "not entered".into()),
    ]);
    out.push(Vec::new());
    out.push(vec!["Referring agency".into(), "Cases".into()]);
    for c in &r.referrals_by_agency {
        out.push(vec![c.label.clone(), c.count.to_string()]);
    }
    out
}

/// The return as CSV.
pub fn csv(r: &SafeLivesReturn) -> CoreResult<Vec<u8>> {
    let fail = |e: csv::Error| CoreError::Io(format!("writing the CSV: {e}"));
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    for line in lines(r) {
        if line.is_empty() {
            w.write_record([""]).map_err(fail)?;
        } else {
            w.write_record(&line).map_err(fail)?;
        }
    }
    w.into_inner()
        .map_err(|e| CoreError::Io(format!("writing the CSV: {e}")))
}

/// The return as an XLSX workbook: the same lines, numbers as numbers.
pub fn xlsx(r: &SafeLivesReturn) -> CoreResult<Vec<u8>> {
    let fail = |e: XlsxError| CoreError::Io(format!("writing the spreadsheet: {e}"));
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let warning = Format::new().set_bold().set_font_color("#B00020");
    let sheet = book.add_worksheet();
    sheet.set_name("SafeLives return").map_err(fail)?;
    for (i, line) in lines(r).iter().enumerate() {
        let row = u32::try_from(i).unwrap_or(u32::MAX);
        for (j, cell) in line.iter().enumerate() {
            let col = u16::try_from(j).unwrap_or(u16::MAX);
            let header = i == 0
                || line
                    .first()
                    .is_some_and(|c| c == COLUMNS[0] || c == "Referring agency");
            match (cell.parse::<u32>(), header) {
                (Ok(n), false) if j > 0 => {
                    sheet.write_number(row, col, f64::from(n)).map_err(fail)?;
                }
                _ if i == 0 => {
                    sheet
                        .write_string_with_format(row, col, cell, &warning)
                        .map_err(fail)?;
                }
                _ if header => {
                    sheet
                        .write_string_with_format(row, col, cell, &bold)
                        .map_err(fail)?;
                }
                _ => {
                    sheet.write_string(row, col, cell).map_err(fail)?;
                }
            }
        }
    }
    sheet.set_column_width(0, 44).map_err(fail)?;
    book.save_to_buffer().map_err(fail)
}
