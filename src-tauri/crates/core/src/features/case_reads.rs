//! Reading a case as its page shows it. Every row the page needs that does
//! not depend on another row's answer is added to one batch: one wait on
//! PostgreSQL, one read transaction on SQLCipher. The cockpit adds its own
//! reads to the same batch ([`super::cockpit::case_in_meeting`]), so opening
//! a case at a meeting does not wait once for the case and again for the
//! meeting's part of it.

use chrono::NaiveDate;
use uuid::Uuid;

use crate::domain::case::{CaseDetail, CaseEvent, CaseStatus, LinkedPerson, Relationship};
use crate::error::{CoreError, CoreResult};
use crate::features::other_panels::OtherPanelReads;
use crate::features::repeat_views::RepeatViews;
use crate::store::sql::{Answers, Batch, Db, Rows, Values};
use crate::tables::cases::{self as table, CaseRow};

/// The reads of one case, added to a batch; [`CaseReads::detail`] makes the
/// page from the answers.
pub(crate) struct CaseReads {
    id: Uuid,
    head: Rows<CaseRow>,
    people: Rows<(Uuid, String, String, bool)>,
    history: Rows<CaseEvent>,
    dash: Rows<Values>,
    draft: Rows<Values>,
    offers: Rows<(Uuid, String, String)>,
    decisions: Rows<(Uuid, String, bool)>,
    referral: super::referral::ReferralReads,
}

impl CaseReads {
    pub(crate) fn add(batch: &mut Batch, db: &dyn Db, id: Uuid) -> Self {
        Self {
            id,
            head: table::load_in(batch, id),
            people: table::linked_people_in(batch, id),
            history: table::history_in(batch, db, id),
            dash: crate::tables::dash::of_case_in(batch, id),
            draft: crate::tables::dash::draft_in(batch, id),
            offers: crate::tables::repeats::pending_in(batch, id),
            decisions: crate::tables::other_panels::decisions_in(batch, id),
            referral: super::referral::ReferralReads::add(batch, &[id]),
        }
    }

    /// The case from the answers. A confirmed or offered repeat, and the
    /// other panels' cases that may hold its people, are read after, in one
    /// batch: what they look for comes from the case.
    pub(crate) fn detail(
        self,
        db: &dyn Db,
        answers: &mut Answers,
        today: NaiveDate,
    ) -> CoreResult<CaseDetail> {
        let id = self.id;
        let row = answers
            .rows(self.head)?
            .into_iter()
            .next()
            .ok_or(CoreError::NotFound("That case"))?;
        let linked_people: Vec<LinkedPerson> = answers
            .rows(self.people)?
            .into_iter()
            .map(|(pid, name, rel, keep_apart)| LinkedPerson {
                id: pid,
                name,
                relationship: Relationship::parse(&rel).unwrap_or(Relationship::Other),
                keep_apart,
            })
            .collect();
        let input = super::cases::stored_input(&row, &linked_people)?;
        let (reference, status): (String, String) = (row.get(1)?, row.get(2)?);
        let (repeat_of, referring_agency_name): (Option<Uuid>, Option<String>) =
            (row.get(25)?, row.get(26)?);
        let age = match NaiveDate::parse_from_str(&input.date_of_birth, "%Y-%m-%d") {
            Ok(d) => crate::dates::age_on(d, today),
            Err(_) => input.approximate_age,
        };
        let status = CaseStatus::parse(&status).unwrap_or(CaseStatus::Referred);
        let decisions = answers.rows(self.decisions)?;
        let offers = answers.rows(self.offers)?;
        let mut detail = CaseDetail {
            id,
            panel_id: input.panel_id,
            reference,
            status,
            input,
            age,
            referring_agency_name,
            linked_people,
            repeat_of: None,
            possible_repeats: Vec::new(),
            history: answers.rows(self.history)?,
            next_steps: status.next_steps(),
            dash: super::dash::assessments_of(&answers.rows(self.dash)?)?,
            dash_draft: super::dash::draft_of(answers.rows(self.draft)?.first())?,
            dash_suggested: crate::domain::dash::DashVersion::for_age(age),
            referral: self.referral.form_of(answers, id)?,
            other_panels: Vec::new(),
        };
        let mut batch = Batch::new();
        let repeats = RepeatViews::add(&mut batch, db, id, repeat_of, offers);
        let others = OtherPanelReads::add(&mut batch, &detail);
        let mut answers = batch.run(db)?;
        (detail.repeat_of, detail.possible_repeats) =
            repeats.views(&mut answers, &detail.referral.perpetrators)?;
        detail.other_panels = others.matches(&mut answers, &decisions)?;
        Ok(detail)
    }
}
