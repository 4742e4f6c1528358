//! The steering group's "late actions by agency" report as a document:
//! counts by agency and each overdue action by case reference and dates,
//! never names or the wording of an action.

use chrono::Utc;
use roundtable_pdf::{Block, Column, Document};

use super::tracker::LateReport;
use crate::features::documents::short_date;

/// The late-actions report as a document for the steering group.
pub fn late_report_document(report: &LateReport, marking: &str) -> Document {
    let scope = report
        .panel_name
        .clone()
        .unwrap_or_else(|| "All panels".into());
    let mut blocks = vec![
        Block::text(format!(
            "Actions owned by each agency as at {}: how many are open, how many are past their due date, and how \
             many of those completed in the last twelve months were done by their due date. The overdue actions \
             are listed by case reference and dates only.",
            short_date(&report.on)
        )),
        Block::heading(1, "By agency"),
    ];
    if report.agencies.is_empty() {
        blocks.push(Block::text("No agency has open actions."));
    } else {
        blocks.push(by_agency(report));
    }
    blocks.push(Block::heading(1, "Overdue actions"));
    if report.overdue.is_empty() {
        blocks.push(Block::text("No action is overdue."));
    } else {
        blocks.push(overdue(report));
    }
    Document {
        title: "Late actions by agency".into(),
        subtitle: format!("{scope} · {}", short_date(&report.on)),
        marking: marking.into(),
        author: "Roundtable".into(),
        draft: false,
        created_unix: Utc::now().timestamp(),
        footer: String::new(),
        keywords: Vec::new(),
        blocks,
    }
}

/// Each agency's counts, one row an agency.
fn by_agency(report: &LateReport) -> Block {
    Block::Table {
        columns: vec![
            Column::new("Agency", 3.0),
            Column::new("Open", 1.0),
            Column::new("Overdue", 1.0),
            Column::new("Over 4 weeks late", 1.3),
            Column::new("Most days late", 1.2),
            Column::new("Done on time (12 months)", 1.8),
        ],
        rows: report
            .agencies
            .iter()
            .map(|a| {
                vec![
                    format!("{} ({})", a.agency_name, a.agency_code),
                    a.open.to_string(),
                    a.overdue.to_string(),
                    a.overdue_over_four_weeks.to_string(),
                    a.most_days_late.to_string(),
                    format!("{} of {}", a.done_on_time_last_year, a.done_last_year),
                ]
            })
            .collect(),
    }
}

/// Each overdue action by agency, panel, case reference and dates.
fn overdue(report: &LateReport) -> Block {
    Block::Table {
        columns: vec![
            Column::new("Agency", 1.0),
            Column::new("Panel", 2.2),
            Column::new("Case", 1.3),
            Column::new("Agreed", 1.2),
            Column::new("Due", 1.2),
            Column::new("Days late", 1.0),
        ],
        rows: report
            .overdue
            .iter()
            .map(|o| {
                vec![
                    o.agency_code.clone(),
                    o.panel_name.clone(),
                    o.case_reference
                        .clone()
                        .unwrap_or_else(|| "Other business".into()),
                    short_date(&o.agreed_on),
                    short_date(&o.due_date),
                    o.days_late.to_string(),
                ]
            })
            .collect(),
    }
}
