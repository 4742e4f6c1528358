//! What leaves the machine: the figures as CSV and as a PDF, every small
//! count suppressed so no small group can be picked out.

use chrono::Utc;
use roundtable_pdf::{Block, Column, Document};

use super::parse;
use crate::domain::statistics::*;
use crate::error::{CoreError, CoreResult};

/// A count as it may leave the machine: 1 to 4 become "<5".
pub fn suppressed(n: u32) -> String {
    if (1..=4).contains(&n) {
        "<5".into()
    } else {
        n.to_string()
    }
}

/// A percentage as it may leave the machine: not shown when either count is
/// 1 to 4 (it would give the small count away).
pub fn suppressed_share(part: u32, whole: u32) -> String {
    if whole == 0 {
        "-".into()
    } else if (1..=4).contains(&part) || (1..=4).contains(&whole) {
        "suppressed".into()
    } else {
        format!("{}%", share(part, whole).unwrap_or(0))
    }
}

/// The cells of a group whose total is published (the cases heard split by
/// gender, an agency's due actions split by what became of them), as they
/// may leave the machine, each with its share of `whole`. Counts of 1 to 4
/// show as "<5". When that hides only one cell, it could be worked out by
/// subtraction from the total, so the smallest other cell is hidden too
/// ("suppressed"). A hidden cell's share is never shown.
pub fn suppressed_group(counts: &[u32], whole: u32) -> Vec<(String, String)> {
    let mut hidden: Vec<u8> = counts
        .iter()
        .map(|n| u8::from((1..=4).contains(n)))
        .collect();
    if hidden.iter().filter(|h| **h == 1).count() == 1
        && let Some((i, _)) = counts
            .iter()
            .enumerate()
            .filter(|(i, n)| hidden[*i] == 0 && **n > 0)
            .min_by_key(|(_, n)| **n)
    {
        hidden[i] = 2;
    }
    counts
        .iter()
        .zip(hidden)
        .map(|(n, h)| match h {
            1 => ("<5".to_string(), "suppressed".to_string()),
            2 => ("suppressed".to_string(), "suppressed".to_string()),
            _ => (n.to_string(), suppressed_share(*n, whole)),
        })
        .collect()
}

/// Minutes and seconds, "12:05".
pub fn minutes(seconds: u32) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// The headline figures as (label, exported value) pairs.
fn headline(s: &Statistics) -> Vec<(String, String)> {
    let heard = s.cases_heard;
    let new_repeat = suppressed_group(&[s.new_cases, s.repeat_cases], heard);
    let first_reviewed = suppressed_group(&[s.first_heard, s.reviewed], heard);
    let police = suppressed_group(&[s.not_from_police, heard - s.not_from_police], heard);
    let children = suppressed_group(
        &[s.cases_with_children, heard - s.cases_with_children],
        heard,
    );
    let mut rows = vec![
        ("Meetings held".to_string(), s.meetings.to_string()),
        ("Cases heard".into(), suppressed(heard)),
        ("New cases".into(), new_repeat[0].0.clone()),
        ("Repeat cases".into(), new_repeat[1].0.clone()),
        ("Repeat rate".into(), new_repeat[1].1.clone()),
        (
            "Heard for the first time".into(),
            first_reviewed[0].0.clone(),
        ),
        (
            "Reviewed (heard before)".into(),
            first_reviewed[1].0.clone(),
        ),
        (
            "Referred by agencies other than the police".into(),
            police[0].0.clone(),
        ),
        ("Share not from the police".into(), police[0].1.clone()),
        (
            "Cases with children in the household".into(),
            children[0].0.clone(),
        ),
        (
            "Children in those households".into(),
            suppressed(s.children),
        ),
        ("Unborn children".into(), suppressed(s.unborn_children)),
        (
            "Perpetrators aged 17 or under".into(),
            suppressed(s.young_perpetrators),
        ),
        ("Hearings".into(), suppressed(s.hearings)),
        ("Hearings timed".into(), suppressed(s.timed_hearings)),
    ];
    rows.push((
        "Minutes per case (mean)".into(),
        s.mean_seconds.map_or_else(|| "-".into(), minutes),
    ));
    rows.push((
        "Minutes per case (median)".into(),
        s.median_seconds.map_or_else(|| "-".into(), minutes),
    ));
    rows
}

fn period_words(s: &Statistics) -> String {
    let uk =
        |d: &str| parse(d).map_or_else(|| d.to_string(), |d| d.format("%-d %B %Y").to_string());
    format!("{} to {}", uk(&s.from), uk(&s.to))
}

/// The figures as CSV, small counts suppressed: section, item, count, share.
pub fn csv(s: &Statistics) -> CoreResult<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| CoreError::Io(format!("writing the CSV: {e}"));
    w.write_record(["section", "item", "value", "share"])
        .map_err(fail)?;
    w.write_record(["period", "from", &s.from, ""])
        .map_err(fail)?;
    w.write_record(["period", "to", &s.to, ""]).map_err(fail)?;
    w.write_record(["panel", "name", &s.panel_name, ""])
        .map_err(fail)?;
    for (label, value) in headline(s) {
        w.write_record(["summary", &label, &value, ""])
            .map_err(fail)?;
    }
    for b in &s.breakdowns {
        let counts: Vec<u32> = b.rows.iter().map(|r| r.count).collect();
        let cells = suppressed_group(&counts, counts.iter().sum());
        for (r, (value, share)) in b.rows.iter().zip(cells) {
            w.write_record([b.title.as_str(), &r.label, &value, &share])
                .map_err(fail)?;
        }
    }
    for a in &s.actions {
        let label = format!("{} ({})", a.agency_name, a.agency_code);
        w.write_record([
            "Actions due in the period: due",
            &label,
            &suppressed(a.due),
            "",
        ])
        .map_err(fail)?;
        let cells = suppressed_group(&[a.on_time, a.late, a.not_done, a.open], a.due);
        for (what, (value, share)) in ["done on time", "done late", "not done", "still open"]
            .iter()
            .zip(cells)
        {
            w.write_record([
                format!("Actions due in the period: {what}").as_str(),
                &label,
                &value,
                &share,
            ])
            .map_err(fail)?;
        }
    }
    w.into_inner()
        .map_err(|e| CoreError::Io(format!("writing the CSV: {e}")))
}

/// The figures as a document for the partnership, small counts suppressed:
/// aggregate figures, so marked OFFICIAL.
pub fn document(s: &Statistics) -> Document {
    let mut blocks = vec![
        Block::text(format!(
            "Figures for {} from {}. Counts from 1 to 4 are shown as \"<5\", and percentages built on them are \
             suppressed, so that no one can be identified.",
            s.panel_name,
            period_words(s)
        )),
        Block::heading(1, "Summary"),
        Block::key_values(headline(s)),
    ];
    for b in &s.breakdowns {
        let counts: Vec<u32> = b.rows.iter().map(|r| r.count).collect();
        let cells = suppressed_group(&counts, counts.iter().sum());
        blocks.push(Block::heading(1, b.title.clone()));
        blocks.push(Block::Table {
            columns: vec![
                Column::new(&b.title, 4.0),
                Column::new(
                    if b.of == "hearings" {
                        "Hearings"
                    } else {
                        "Cases"
                    },
                    1.0,
                ),
                Column::new("Share", 1.0),
            ],
            rows: b
                .rows
                .iter()
                .zip(cells)
                .map(|(r, (value, share))| vec![r.label.clone(), value, share])
                .collect(),
        });
    }
    blocks.push(Block::heading(1, "Actions due in the period, by agency"));
    if s.actions.is_empty() {
        blocks.push(Block::text("No actions fell due in the period."));
    } else {
        blocks.push(Block::Table {
            columns: vec![
                Column::new("Agency", 3.0),
                Column::new("Due", 1.0),
                Column::new("On time", 1.0),
                Column::new("Late", 1.0),
                Column::new("Not done", 1.0),
                Column::new("Open", 1.0),
                Column::new("On time share", 1.2),
            ],
            rows: s
                .actions
                .iter()
                .map(|a| {
                    let c = suppressed_group(&[a.on_time, a.late, a.not_done, a.open], a.due);
                    vec![
                        format!("{} ({})", a.agency_name, a.agency_code),
                        suppressed(a.due),
                        c[0].0.clone(),
                        c[1].0.clone(),
                        c[2].0.clone(),
                        c[3].0.clone(),
                        c[0].1.clone(),
                    ]
                })
                .collect(),
        });
    }
    Document {
        title: format!("{}: panel statistics", s.panel_name),
        subtitle: period_words(s),
        marking: "OFFICIAL".into(),
        author: "Roundtable".into(),
        draft: false,
        created_unix: Utc::now().timestamp(),
        footer: String::new(),
        keywords: Vec::new(),
        blocks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_counts_are_suppressed_at_one_to_four_only() {
        assert_eq!(suppressed(0), "0");
        assert_eq!(suppressed(1), "<5");
        assert_eq!(suppressed(4), "<5");
        assert_eq!(suppressed(5), "5");
        assert_eq!(suppressed_share(0, 10), "0%");
        assert_eq!(suppressed_share(1, 10), "suppressed");
        assert_eq!(suppressed_share(4, 10), "suppressed");
        assert_eq!(suppressed_share(5, 10), "50%");
        assert_eq!(suppressed_share(0, 4), "suppressed");
        assert_eq!(suppressed_share(0, 0), "-");
    }

    #[test]
    fn a_lone_hidden_cell_takes_the_next_smallest_with_it() {
        let cells = |counts: &[u32], whole| -> Vec<String> {
            suppressed_group(counts, whole)
                .into_iter()
                .map(|(v, _)| v)
                .collect()
        };
        // 19 and "<5" of 20 would give the 1 away.
        assert_eq!(cells(&[19, 1], 20), ["suppressed", "<5"]);
        assert_eq!(cells(&[7, 13], 20), ["7", "13"]);
        // Two hidden cells already hide each other.
        assert_eq!(cells(&[5, 4, 1, 0], 10), ["5", "<5", "<5", "0"]);
        assert_eq!(cells(&[10, 6, 2, 0], 18), ["10", "suppressed", "<5", "0"]);
        assert_eq!(suppressed_group(&[10, 6, 2], 18)[0].1, "56%");
        assert_eq!(suppressed_group(&[10, 6, 2], 18)[1].1, "suppressed");
    }
}
