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
use crate::store::sql::{Db, Values};
use crate::tables::running as table;

use super::running::attendance;

/// One case's record at one meeting.
pub fn hearing_record(db: &dyn Db, meeting_id: Uuid, case_id: Uuid) -> CoreResult<HearingRecord> {
    let hearing = table::hearing(db, meeting_id, case_id)?;
    let shares = table::shares(db, meeting_id, case_id)?;
    record(hearing.as_ref(), &shares, &attendance(db, meeting_id)?)
}

/// The records of `cases` at one meeting, in three statements whatever
/// their number; a case with nothing recorded gets an empty record.
pub fn hearing_records(
    db: &dyn Db,
    meeting_id: Uuid,
    cases: &[Uuid],
) -> CoreResult<HashMap<Uuid, HearingRecord>> {
    let mut hearings: HashMap<Uuid, Values> = HashMap::new();
    for row in table::hearings_at(db, meeting_id)? {
        hearings.insert(row.get(table::HEARING_CASE)?, row);
    }
    let mut shares: HashMap<Uuid, Vec<Values>> = HashMap::new();
    for row in table::shares_at(db, meeting_id)? {
        shares
            .entry(row.get(table::SHARE_CASE)?)
            .or_default()
            .push(row);
    }
    let attendance = attendance(db, meeting_id)?;
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
