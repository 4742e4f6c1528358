//! Reading a meeting: its details, the agencies it expects and its agenda
//! with each item's planned start, the keep-apart pairs marked. The
//! reads go out together (one wait on PostgreSQL); the cockpit sends them
//! with its own ([`MeetingReads`]).

use chrono::NaiveTime;
use chrono::Timelike;
use uuid::Uuid;

use crate::domain::case::CaseStatus;
use crate::domain::meeting::{AgendaCase, AgendaItem, AgendaItemKind, MeetingDetail, MeetingKind};
use crate::error::{CoreError, CoreResult};
use crate::store::sql::{Answers, Batch, Db, Rows, Ticket, Values};
use crate::tables::meetings as table;
use crate::tables::timers::ItemClock;

use super::meetings::hhmm;

/// Minutes after midnight as "HH:MM" (past midnight shown as e.g. "25:10"
/// would confuse; clamp to the day and say so elsewhere).
fn clock(start: NaiveTime, plus_minutes: u32) -> String {
    let total = start.hour() * 60 + start.minute() + plus_minutes;
    let total = total.min(23 * 60 + 59);
    // Written digit by digit: an agenda has a clock per item, and `format!`
    // was a twentieth of reading one.
    let digit = |n: u32| char::from_digit(n % 10, 10).unwrap_or('0');
    let (h, m) = (total / 60, total % 60);
    [digit(h / 10), digit(h), ':', digit(m / 10), digit(m)]
        .into_iter()
        .collect()
}

/// The running meeting's clocks, read with its heading and agenda (the
/// cockpit's timings): each item's, the current item and when the meeting
/// started.
pub(crate) struct Clocks {
    pub(crate) items: Vec<ItemClock>,
    pub(crate) current_item_id: Option<Uuid>,
    pub(crate) started: Option<String>,
}

/// One row of the agenda, starting `elapsed` minutes after `start`, its
/// case's name key and its clock if read (the row's text is moved, not
/// copied).
fn agenda_item(
    mut r: Values,
    start: NaiveTime,
    elapsed: u32,
) -> CoreResult<(AgendaItem, Option<String>, Option<ItemClock>)> {
    let (item_id, position, kind, title, planned): (Uuid, u32, String, String, u32) =
        (r.take(0)?, r.take(1)?, r.take(2)?, r.take(3)?, r.take(4)?);
    let (case_id, reference, name, case_status): (
        Option<Uuid>,
        Option<String>,
        Option<String>,
        Option<String>,
    ) = (r.take(5)?, r.take(6)?, r.take(7)?, r.take(8)?);
    let (children, is_repeat, possible): (Option<u32>, Option<bool>, Option<bool>) =
        (r.take(9)?, r.take(10)?, r.take(11)?);
    let case = match (case_id, reference, name) {
        (Some(cid), Some(reference), Some(subject_name)) => Some(AgendaCase {
            id: cid,
            reference,
            subject_name,
            status: case_status
                .as_deref()
                .and_then(CaseStatus::parse)
                .unwrap_or(CaseStatus::Accepted),
            children_count: children.unwrap_or(0),
            is_repeat: is_repeat.unwrap_or(false),
            possible_repeat: possible.unwrap_or(false),
            keep_apart_with: Vec::new(),
        }),
        _ => None,
    };
    let item = AgendaItem {
        id: item_id,
        position,
        kind: AgendaItemKind::parse(&kind).unwrap_or(AgendaItemKind::OtherBusiness),
        title,
        case,
        planned_minutes: planned,
        planned_start: clock(start, elapsed),
    };
    // The clock's columns follow the name key when they were asked for.
    let clock = if r.0.len() > 13 {
        Some((item.id, r.take(13)?, r.take(14)?, r.take(15)?))
    } else {
        None
    };
    Ok((item, r.take(12)?, clock))
}

pub fn get(db: &dyn Db, id: Uuid) -> CoreResult<MeetingDetail> {
    let mut batch = Batch::new();
    let reads = MeetingReads::add(&mut batch, db, id, false);
    reads.detail(&mut batch.run(db)?)
}

/// What [`get`] reads first, its queries sent together (one wait on
/// PostgreSQL), and which the cockpit sends with its own.
pub(crate) struct MeetingReads {
    id: Uuid,
    head: Ticket,
    agenda: Ticket,
    keep_apart: Rows<(Uuid, String)>,
}

impl MeetingReads {
    /// The meeting's reads; with each item's clock if `clocks` (the
    /// cockpit's timings; the meeting page has no use for them).
    pub(crate) fn add(batch: &mut Batch, db: &dyn Db, id: Uuid, clocks: bool) -> Self {
        Self {
            id,
            head: batch.add(table::head_sql(db), &[&id]),
            agenda: batch.add(crate::tables::agenda::rows_sql(db, clocks), &[&id]),
            keep_apart: batch.rows(
                crate::tables::agenda::keep_apart_names_sql(db),
                &[&id],
                crate::tables::agenda::keep_apart_name,
            ),
        }
    }

    /// The meeting from the answers, its agenda's keep-apart pairs marked.
    pub(crate) fn detail(self, answers: &mut Answers) -> CoreResult<MeetingDetail> {
        Ok(self.detail_and_clocks(answers)?.0)
    }

    /// The meeting and its clocks, from the answers.
    pub(crate) fn detail_and_clocks(
        self,
        answers: &mut Answers,
    ) -> CoreResult<(MeetingDetail, Clocks)> {
        let id = self.id;
        let head = answers.take(self.head)?;
        let head = head.first().ok_or(CoreError::NotFound("That meeting"))?;
        let expected_agency_ids = table::agency_ids(head.get(12)?)?;
        let rows = answers.take(self.agenda)?;
        let keep_apart = answers.rows(self.keep_apart)?;
        assemble(id, head, expected_agency_ids, rows, keep_apart)
    }
}

fn assemble(
    id: Uuid,
    head: &Values,
    expected_agency_ids: Vec<Uuid>,
    rows: Vec<Values>,
    keep_apart: Vec<(Uuid, String)>,
) -> CoreResult<(MeetingDetail, Clocks)> {
    let (panel_id, panel_name, kind, date, start_time): (Uuid, String, String, String, String) = (
        head.get(0)?,
        head.get(1)?,
        head.get(2)?,
        head.get(3)?,
        head.get(4)?,
    );
    let (venue, chair, minute_taker, status, meeting_minutes): (
        Option<String>,
        Option<String>,
        Option<String>,
        String,
        u32,
    ) = (
        head.get(5)?,
        head.get(6)?,
        head.get(7)?,
        head.get(8)?,
        head.get(9)?,
    );
    let start = crate::domain::meeting::parse_time(&start_time).unwrap_or(NaiveTime::MIN);
    let mut clocks = Clocks {
        items: Vec::with_capacity(rows.len()),
        current_item_id: head.get(10)?,
        started: head.get(11)?,
    };
    let mut items = Vec::with_capacity(rows.len());
    let mut name_keys = Vec::with_capacity(rows.len());
    let mut elapsed = 0u32;
    for r in rows {
        let (item, key, clock) = agenda_item(r, start, elapsed)?;
        clocks.items.extend(clock);
        elapsed += item.planned_minutes;
        if let (Some(case), Some(key)) = (&item.case, key) {
            name_keys.push((case.id, key));
        }
        items.push(item);
    }
    super::keep_apart::mark(&mut items, &name_keys, keep_apart);
    let meeting = MeetingDetail {
        id,
        panel_id,
        panel_name,
        kind: MeetingKind::parse(&kind).unwrap_or(MeetingKind::Scheduled),
        date,
        start_time: hhmm(start),
        venue,
        chair,
        minute_taker,
        status,
        expected_agency_ids,
        items,
        total_minutes: elapsed,
        projected_end: clock(start, elapsed),
        meeting_minutes,
        over_by_minutes: elapsed.saturating_sub(meeting_minutes),
    };
    Ok((meeting, clocks))
}
