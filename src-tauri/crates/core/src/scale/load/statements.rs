//! The load's statements, prepared once: it runs each tens of thousands of times.

use rusqlite::{Connection, Statement};

use crate::error::CoreResult;

/// Prepared once: the load runs each of these tens of thousands of times.
pub(super) struct Statements<'a> {
    pub(super) case: Statement<'a>,
    pub(super) event: Statement<'a>,
    pub(super) linked: Statement<'a>,
    pub(super) repeat: Statement<'a>,
    pub(super) meeting: Statement<'a>,
    pub(super) expected: Statement<'a>,
    pub(super) attendance: Statement<'a>,
    pub(super) attendee: Statement<'a>,
    pub(super) item: Statement<'a>,
    pub(super) hearing: Statement<'a>,
    pub(super) share: Statement<'a>,
    pub(super) action: Statement<'a>,
    pub(super) update: Statement<'a>,
}

impl<'a> Statements<'a> {
    pub(super) fn new(c: &'a Connection) -> CoreResult<Self> {
        Ok(Self {
            case: c.prepare(
                "INSERT INTO person_case (id, panel_id, reference, status, subject_name, name_key, aliases,
                    date_of_birth, approximate_age, gender, ethnicity, disability, lgbt, address, postcode,
                    school, referring_agency_id, referring_officer, referral_date, referral_route,
                    referral_reason, concerns, consent, lawful_ground, children_count, children_details,
                    lead_professional, repeat_of, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
                    ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?29)",
            )?,
            event: c.prepare(
                "INSERT INTO case_event (id, case_id, at, kind, detail, recorded_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?,
            linked: c.prepare(
                "INSERT INTO linked_person (id, case_id, position, name, relationship, keep_apart)
                 VALUES (?1, ?2, 0, ?3, ?4, ?5)",
            )?,
            repeat: c.prepare(
                "INSERT INTO repeat_match (case_id, other_case_id, strength, reason, same_person, decided_at, decided_by)
                 VALUES (?1, ?2, 'strong', 'Same name and date of birth', ?3, ?4, ?5)",
            )?,
            meeting: c.prepare(
                "INSERT INTO meeting (id, panel_id, kind, date, start_time, venue, chair, minute_taker, status,
                    created_at, updated_at, started_at, ended_at, approved_by, approved_at, minutes_version)
                 VALUES (?1, ?2, 'scheduled', ?3, ?4, 'Lowbridge Civic Centre, Committee Room 2', ?5, ?6, 'held',
                    ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?,
            expected: c.prepare(
                "INSERT INTO meeting_expected_agency (meeting_id, agency_id) VALUES (?1, ?2)",
            )?,
            attendance: c.prepare(
                "INSERT INTO agency_attendance (meeting_id, agency_id, status) VALUES (?1, ?2, ?3)",
            )?,
            attendee: c.prepare(
                "INSERT INTO attendee (id, meeting_id, agency_id, position, name, role, acknowledged, arrived_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, 'Representative', 1, ?6)",
            )?,
            item: c.prepare(
                "INSERT INTO agenda_item (id, meeting_id, position, kind, case_id, title, planned_minutes, status,
                    actual_seconds)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'done', ?8)",
            )?,
            hearing: c.prepare(
                "INSERT INTO hearing (id, case_id, meeting_id, heard_on, outcome, review_due, risk_level, created_at,
                    summary, risk_rag, risk_likelihood, risk_impact, outcome_reason, decisions, who_tells,
                    updated_at, recorded_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?8, ?16)",
            )?,
            share: c.prepare(
                "INSERT INTO information_share (meeting_id, case_id, agency_id, state, facts, opinion, withheld,
                    withheld_reason, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?,
            action: c.prepare(
                "INSERT INTO action (id, meeting_id, case_id, agency_id, officer, text, due_date, status, position,
                    created_at, created_by, updated_at, completed_on)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?,
            update: c.prepare(
                "INSERT INTO action_update (id, action_id, at, status, note, meeting_id, recorded_by, reported_on)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?,
        })
    }
}
