//! What a meeting recorded for a case: the risk, the outcome, what each
//! agency shared and who has still to be heard. One case's record for the
//! cockpit, or every case's at once for the minutes, which would otherwise
//! ask the store four questions per case (about 160 round trips on
//! PostgreSQL for a 40-case meeting).

use std::collections::HashMap;

use uuid::Uuid;

use crate::domain::meeting::HearingOutcome;
use crate::domain::running::{AgencyAttendance, HearingRecord, Rag, RiskLevel, Share, ShareState};
use crate::error::CoreResult;
use crate::store::sql::{Answers, Batch, Db, Rows, Values};
use crate::tables::running as table;

use super::running::attendance_of;

/// One case's record at one meeting.
pub fn hearing_record(db: &dyn Db, meeting_id: Uuid, case_id: Uuid) -> CoreResult<HearingRecord> {
    let mut batch = Batch::new();
    let reads = RecordReads::add(&mut batch, db, meeting_id, case_id);
    reads.record(&mut batch.run(db)?)
}

/// The last of an edit in a meeting: the change `write` adds, the record it
/// gives back, read after it, and the transaction's commit, sent together
/// (one wait on PostgreSQL). Nothing may run in the transaction after it.
pub(crate) fn hearing_record_last(
    db: &dyn Db,
    meeting_id: Uuid,
    case_id: Uuid,
    write: impl FnOnce(&mut Batch),
) -> CoreResult<HearingRecord> {
    let mut batch = Batch::new();
    write(&mut batch);
    let reads = RecordReads::add(&mut batch, db, meeting_id, case_id);
    reads.record(&mut batch.run_last(db)?)
}

/// The three reads a case's record at a meeting is made from, sent
/// together (one wait on PostgreSQL), alone or with a screen's others.
pub(crate) struct RecordReads {
    hearing: Rows<Values>,
    shares: Rows<Values>,
    attending: Rows<table::Attending>,
}

impl RecordReads {
    pub(crate) fn add(batch: &mut Batch, db: &dyn Db, meeting_id: Uuid, case_id: Uuid) -> Self {
        Self {
            hearing: table::hearing_in(batch, meeting_id, case_id),
            shares: table::shares_in(batch, db, meeting_id, case_id),
            attending: table::attendance_in(batch, db, meeting_id),
        }
    }

    pub(crate) fn record(self, answers: &mut Answers) -> CoreResult<HearingRecord> {
        let attendance = attendance_of(answers.rows(self.attending)?);
        let shares = answers.rows(self.shares)?;
        record(answers.rows(self.hearing)?.first(), &shares, &attendance)
    }
}

/// The records of `cases` at one meeting, in three statements sent together
/// whatever their number; a case with nothing recorded gets an empty record.
pub fn hearing_records(
    db: &dyn Db,
    meeting_id: Uuid,
    cases: &[Uuid],
) -> CoreResult<HashMap<Uuid, HearingRecord>> {
    let mut batch = Batch::new();
    let hearing_rows = table::hearings_at_in(&mut batch, meeting_id);
    let share_rows = table::shares_at_in(&mut batch, db, meeting_id);
    let attending = table::attendance_in(&mut batch, db, meeting_id);
    let mut answers = batch.run(db)?;
    let mut hearings: HashMap<Uuid, Values> = HashMap::new();
    for row in answers.rows(hearing_rows)? {
        hearings.insert(row.get(table::HEARING_CASE)?, row);
    }
    let mut shares: HashMap<Uuid, Vec<Values>> = HashMap::new();
    for row in answers.rows(share_rows)? {
        shares
            .entry(row.get(table::SHARE_CASE)?)
            .or_default()
            .push(row);
    }
    let attendance = attendance_of(answers.rows(attending)?);
    cases
        .iter()
        .map(|case| {
            let none = Vec::new();
            let case_shares = shares.get(case).unwrap_or(&none);
            Ok((*case, record(hearings.get(case), case_shares, &attendance)?))
        })
        .collect()
}

/// A record from its hearing row (none if nothing is recorded yet), its
/// share rows and the meeting's attendance.
fn record(
    hearing: Option<&Values>,
    share_rows: &[Values],
    attendance: &[AgencyAttendance],
) -> CoreResult<HearingRecord> {
    let field = |i: usize| -> CoreResult<Option<String>> { hearing.map_or(Ok(None), |r| r.get(i)) };
    let number = |i: usize| -> CoreResult<Option<u32>> { hearing.map_or(Ok(None), |r| r.get(i)) };
    let (summary, level, rag) = (field(0)?, field(1)?, field(2)?);
    let (likelihood, impact) = (number(3)?, number(4)?);
    let (decisions, who_tells, outcome, outcome_reason, review_due) =
        (field(5)?, field(6)?, field(7)?, field(8)?, field(9)?);
    let shares = share_rows
        .iter()
        .map(|r| {
            let state: String = r.get(3)?;
            Ok(Share {
                agency_id: r.get(0)?,
                agency_name: r.get(1)?,
                short_code: r.get(2)?,
                state: ShareState::parse(&state).unwrap_or(ShareState::NotKnown),
                facts: r.get(4)?,
                opinion: r.get(5)?,
                withheld: r.get(6)?,
                withheld_reason: r.get(7)?,
                updated_by: r.get(8)?,
                version: r.get(9)?,
                researched_at: r.get(10)?,
            })
        })
        .collect::<CoreResult<Vec<_>>>()?;
    // Who the chair still expects to hear from and has not yet heard.
    let not_yet_heard = attendance
        .iter()
        .filter(|a| a.heard_from)
        .filter(|a| !shares.iter().any(|s| s.agency_id == a.agency_id))
        .cloned()
        .collect();
    Ok(HearingRecord {
        summary,
        risk_level: level.as_deref().and_then(RiskLevel::parse),
        risk_rag: rag.as_deref().and_then(Rag::parse),
        likelihood,
        impact,
        risk_score: likelihood.zip(impact).map(|(l, i)| l * i),
        decisions,
        who_tells,
        outcome: outcome.as_deref().and_then(HearingOutcome::parse),
        outcome_reason,
        review_due,
        shares,
        not_yet_heard,
    })
}
