//! Cases: recording referrals, editing them, their lifecycle and history,
//! listing and searching. Every write also keeps the search index and the
//! offered repeat matches in step, in the same transaction.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use uuid::Uuid;

use crate::domain::PanelKind;
use crate::domain::case::{
    CaseDetail, CaseEvent, CaseInput, CaseStatus, CaseSummary, Consent, Ethnicity, Gender,
    LinkedPerson, LinkedPersonInput, ReferralRoute, Relationship, RepeatCandidate, ValidCase,
    YesNoUnknown,
};
use crate::error::{CoreError, CoreResult, FieldError};
use crate::services::{now, parse_id, repeats};
use crate::store::Store;
use crate::tables::search;

pub(crate) fn ymd(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Letters and digits that cannot be misread for one another.
const REFERENCE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTVWXYZ";

fn reference_prefix(kind: PanelKind) -> &'static str {
    match kind {
        PanelKind::Marac => "MA",
        PanelKind::YouthMarac => "YM",
        PanelKind::Mace => "EX",
        PanelKind::OffenderManagement => "OM",
        PanelKind::Other => "PN",
    }
}

/// A short random reference ("YM-7K3QX") that says nothing about the person.
fn new_reference(conn: &Connection, kind: PanelKind) -> CoreResult<String> {
    for _ in 0..20 {
        let random = Uuid::new_v4();
        let code: String = random.as_bytes()[..5]
            .iter()
            .map(|b| char::from(REFERENCE_ALPHABET[usize::from(*b) % REFERENCE_ALPHABET.len()]))
            .collect();
        let reference = format!("{}-{code}", reference_prefix(kind));
        let taken = conn
            .prepare_cached("SELECT 1 FROM person_case WHERE reference = ?1")?
            .query_row([&reference], |_| Ok(()))
            .optional()?
            .is_some();
        if !taken {
            return Ok(reference);
        }
    }
    Err(CoreError::Conflict(
        "Could not find a free case reference. Try again.".into(),
    ))
}

/// The panel's categories of concern, in order.
pub fn panel_concerns(conn: &Connection, panel_id: Uuid) -> CoreResult<Vec<String>> {
    let mut stmt = conn
        .prepare_cached("SELECT label FROM panel_concern WHERE panel_id = ?1 ORDER BY position")?;
    let labels = stmt
        .query_map([panel_id.to_string()], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(labels)
}

/// Replaces the panel's list of categories (existing cases keep theirs).
pub fn set_panel_concerns(
    store: &mut Store,
    panel_id: Uuid,
    labels: &[String],
) -> CoreResult<Vec<String>> {
    let mut v = crate::validate::Validator::new();
    let mut clean: Vec<String> = Vec::new();
    for (i, label) in labels.iter().enumerate() {
        let label = v.required(&format!("concerns.{i}"), "the category", label, 80);
        if !label.is_empty() && !clean.iter().any(|c| c.eq_ignore_ascii_case(&label)) {
            clean.push(label);
        }
    }
    if clean.len() > 60 {
        v.add("concerns", "A panel can have up to 60 categories.");
    }
    v.finish()?;
    store.write(|tx| {
        tx.execute(
            "DELETE FROM panel_concern WHERE panel_id = ?1",
            [panel_id.to_string()],
        )?;
        for (position, label) in clean.iter().enumerate() {
            tx.execute(
                "INSERT INTO panel_concern (panel_id, position, label) VALUES (?1, ?2, ?3)",
                params![
                    panel_id.to_string(),
                    i64::try_from(position).unwrap_or(i64::MAX),
                    label
                ],
            )?;
        }
        panel_concerns(tx, panel_id)
    })
}

pub(crate) struct PanelFacts {
    pub kind: PanelKind,
    pub repeat_window_months: u32,
}

pub(crate) fn panel_facts(conn: &Connection, panel_id: Uuid) -> CoreResult<PanelFacts> {
    let row = conn
        .query_row(
            "SELECT kind, repeat_window_months FROM panel WHERE id = ?1",
            [panel_id.to_string()],
            |row| Ok((row.get::<_, String>(0)?, row.get::<_, u32>(1)?)),
        )
        .optional()?
        .ok_or(CoreError::NotFound("That panel"))?;
    Ok(PanelFacts {
        kind: PanelKind::parse(&row.0).unwrap_or(PanelKind::Other),
        repeat_window_months: row.1,
    })
}

/// Checks what needs the database: the referring agency exists and each
/// category is one of the panel's.
fn check_references(
    conn: &Connection,
    panel_id: Uuid,
    valid: &ValidCase,
) -> CoreResult<Vec<FieldError>> {
    let mut errors = Vec::new();
    if let Some(agency) = valid.referring_agency_id {
        let exists = crate::tables::agencies::exists(conn, agency)?;
        if !exists {
            errors.push(FieldError::new(
                "referring_agency_id",
                "Select the referring agency from the list.",
            ));
        }
    }
    let known = panel_concerns(conn, panel_id)?;
    for (i, concern) in valid.concerns.iter().enumerate() {
        if !known.iter().any(|k| k.eq_ignore_ascii_case(concern)) {
            errors.push(FieldError::new(
                format!("concerns.{i}"),
                format!("{concern} is not one of this panel's categories of concern. Add it to the panel's list first."),
            ));
        }
    }
    Ok(errors)
}

fn validate_for_panel(
    conn: &Connection,
    input: &CaseInput,
    today: NaiveDate,
) -> CoreResult<ValidCase> {
    let valid = input.validate(today);
    let checked = match &valid {
        Ok(v) => check_references(conn, input.panel_id, v)?,
        Err(_) => Vec::new(),
    };
    match valid {
        Ok(v) if checked.is_empty() => Ok(v),
        Ok(_) => Err(CoreError::Validation(checked)),
        Err(e) => Err(e),
    }
}

pub(crate) fn record_event(
    tx: &Connection,
    case_id: &str,
    kind: &str,
    detail: &str,
    actor: &str,
) -> CoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO case_event (id, case_id, at, kind, detail, recorded_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![Uuid::new_v4().to_string(), case_id, now(), kind, detail, actor])?;
    Ok(())
}

fn json_list(items: &[String]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".into())
}

fn write_fields(tx: &Transaction<'_>, id: &str, c: &ValidCase) -> CoreResult<()> {
    // Cached: an import runs this ten thousand times, and preparing the
    // statement each time cost more than running it.
    tx.prepare_cached(
        "UPDATE person_case SET subject_name = ?2, name_key = ?3, aliases = ?4, date_of_birth = ?5,
            approximate_age = ?6, gender = ?7, ethnicity = ?8, disability = ?9, lgbt = ?10,
            address = ?11, postcode = ?12, school = ?13, referring_agency_id = ?14,
            referring_officer = ?15, referral_date = ?16, referral_route = ?17, referral_reason = ?18,
            concerns = ?19, consent = ?20, lawful_ground = ?21, children_count = ?22,
            children_details = ?23, lead_professional = ?24, updated_at = ?25
         WHERE id = ?1",
    )?
    .execute(params![
            id,
            c.subject_name,
            crate::matching::normalise(&c.subject_name),
            json_list(&c.aliases),
            c.date_of_birth.map(ymd),
            c.approximate_age,
            c.gender.map(Gender::as_str),
            c.ethnicity.map(Ethnicity::as_str),
            c.disability.map(YesNoUnknown::as_str),
            c.lgbt.map(YesNoUnknown::as_str),
            c.address,
            c.postcode,
            c.school,
            c.referring_agency_id.map(|a| a.to_string()),
            c.referring_officer,
            ymd(c.referral_date),
            c.referral_route.as_str(),
            c.referral_reason,
            json_list(&c.concerns),
            c.consent.as_str(),
            c.lawful_ground,
            c.children_count,
            c.children_details,
            c.lead_professional,
            now()
        ])?;
    // Linked people: keep ids of those still listed, add new, drop the rest.
    let mut kept = Vec::new();
    for (position, (person_id, name, relationship, keep_apart)) in
        c.linked_people.iter().enumerate()
    {
        let position = i64::try_from(position).unwrap_or(i64::MAX);
        let updated = match person_id {
            Some(pid) => tx.execute(
                "UPDATE linked_person SET position = ?3, name = ?4, relationship = ?5, keep_apart = ?6
                 WHERE id = ?1 AND case_id = ?2",
                params![pid.to_string(), id, position, name, relationship.as_str(), keep_apart],
            )?,
            None => 0,
        };
        let pid = match (person_id, updated) {
            (Some(pid), 1) => pid.to_string(),
            _ => {
                let pid = Uuid::new_v4().to_string();
                tx.execute(
                    "INSERT INTO linked_person (id, case_id, position, name, relationship, keep_apart)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![pid, id, position, name, relationship.as_str(), keep_apart],
                )?;
                pid
            }
        };
        kept.push(pid);
    }
    let existing: Vec<String> = tx
        .prepare_cached("SELECT id FROM linked_person WHERE case_id = ?1")?
        .query_map([id], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    for gone in existing.iter().filter(|e| !kept.contains(e)) {
        tx.execute("DELETE FROM linked_person WHERE id = ?1", [gone])?;
    }
    search::index_case(tx, id)?;
    Ok(())
}

/// Inserts a validated case (used by the form and by imports) and offers any
/// probable repeats. Returns the new id.
pub(crate) fn insert(
    tx: &Transaction<'_>,
    panel_id: Uuid,
    kind: PanelKind,
    valid: &ValidCase,
    event_kind: &str,
    event_detail: &str,
    actor: &str,
) -> CoreResult<String> {
    let id = Uuid::new_v4().to_string();
    let reference = new_reference(tx, kind)?;
    let at = now();
    tx.prepare_cached(
        "INSERT INTO person_case (id, panel_id, reference, status, subject_name, name_key,
            referral_date, referral_route, referral_reason, consent, created_at, updated_at)
         VALUES (?1, ?2, ?3, 'referred', '', '', '', '', '', '', ?4, ?4)",
    )?
    .execute(params![id, panel_id.to_string(), reference, at])?;
    write_fields(tx, &id, valid)?;
    record_event(tx, &id, event_kind, event_detail, actor)?;
    Ok(id)
}

/// Records a referral typed into the case form.
pub fn create(store: &mut Store, input: &CaseInput, today: NaiveDate) -> CoreResult<CaseDetail> {
    let actor = store.actor().to_owned();
    store.write(|tx| {
        let facts = panel_facts(tx, input.panel_id)?;
        let valid = validate_for_panel(tx, input, today)?;
        let id = insert(
            tx,
            input.panel_id,
            facts.kind,
            &valid,
            "referred",
            "Referral recorded.",
            &actor,
        )?;
        let index = repeats::RepeatIndex::build(tx, input.panel_id)?;
        repeats::offer(tx, &index, &id)?;
        get(tx, parse_id(&id)?, today)
    })
}

/// Saves edits to a case; the panel it belongs to does not change.
pub fn update(
    store: &mut Store,
    id: Uuid,
    input: &CaseInput,
    today: NaiveDate,
) -> CoreResult<CaseDetail> {
    let actor = store.actor().to_owned();
    store.write(|tx| {
        let panel_id: String = tx
            .query_row(
                "SELECT panel_id FROM person_case WHERE id = ?1",
                [id.to_string()],
                |row| row.get(0),
            )
            .optional()?
            .ok_or(CoreError::NotFound("That case"))?;
        let mut input = input.clone();
        input.panel_id = parse_id(&panel_id)?;
        let valid = validate_for_panel(tx, &input, today)?;
        let before: (String, Option<String>) = tx.query_row(
            "SELECT name_key, date_of_birth FROM person_case WHERE id = ?1",
            [id.to_string()],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        write_fields(tx, &id.to_string(), &valid)?;
        let identity_changed = before.0 != crate::matching::normalise(&valid.subject_name)
            || before.1 != valid.date_of_birth.map(ymd);
        if identity_changed {
            tx.execute(
                "DELETE FROM repeat_match WHERE case_id = ?1 AND same_person IS NULL",
                [id.to_string()],
            )?;
            let index = repeats::RepeatIndex::build(tx, input.panel_id)?;
            repeats::offer(tx, &index, &id.to_string())?;
        }
        record_event(
            tx,
            &id.to_string(),
            "edited",
            "Case details edited.",
            &actor,
        )?;
        get(tx, id, today)
    })
}

/// A step in a case's life that the coordinator takes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, ts_rs::TS)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum CaseAction {
    /// Accept onto the panel's next agenda.
    Accept,
    /// Send to another service instead of the panel.
    Redirect {
        service: String,
        reason: String,
    },
    /// Hold back to a later meeting.
    Defer {
        reason: String,
    },
    Close {
        reason: String,
    },
}

fn transition_allowed(from: CaseStatus, action: &CaseAction) -> bool {
    use CaseStatus::*;
    match action {
        CaseAction::Accept => matches!(from, Referred | Deferred),
        CaseAction::Redirect { .. } => matches!(from, Referred | Deferred),
        CaseAction::Defer { .. } => matches!(from, Referred | Accepted),
        CaseAction::Close { .. } => !matches!(from, Closed | Redirected),
    }
}

fn status_words(status: CaseStatus) -> &'static str {
    match status {
        CaseStatus::Referred => "referred",
        CaseStatus::Accepted => "accepted onto an agenda",
        CaseStatus::Redirected => "redirected",
        CaseStatus::Deferred => "deferred",
        CaseStatus::Heard => "heard",
        CaseStatus::UnderReview => "under review",
        CaseStatus::Closed => "closed",
    }
}

/// Applies `action` inside an open transaction (for bulk triage).
pub(crate) fn apply_action(
    tx: &Transaction<'_>,
    id: Uuid,
    action: &CaseAction,
    context: &str,
    actor: &str,
    today: NaiveDate,
) -> CoreResult<()> {
    let row: Option<(String, String)> = tx
        .query_row(
            "SELECT status, reference FROM person_case WHERE id = ?1",
            [id.to_string()],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    let (status, reference) = row.ok_or(CoreError::NotFound("That case"))?;
    let status = CaseStatus::parse(&status).unwrap_or(CaseStatus::Referred);
    if !transition_allowed(status, action) {
        return Err(CoreError::Conflict(format!(
            "Case {reference} is {} and cannot be {} now.",
            status_words(status),
            match action {
                CaseAction::Accept => "accepted",
                CaseAction::Redirect { .. } => "redirected",
                CaseAction::Defer { .. } => "deferred",
                CaseAction::Close { .. } => "closed",
            }
        )));
    }
    let mut v = crate::validate::Validator::new();
    let (new_status, kind, detail) = match action {
        CaseAction::Accept => (
            CaseStatus::Accepted,
            "accepted",
            "Accepted onto the panel's next agenda.".to_owned(),
        ),
        CaseAction::Redirect { service, reason } => {
            let service = v.required("service", "the service it goes to", service, 200);
            let reason = v.required_multiline("reason", "the reason", reason, 2_000);
            (
                CaseStatus::Redirected,
                "redirected",
                format!("Redirected to {service}: {reason}"),
            )
        }
        CaseAction::Defer { reason } => {
            let reason = v.required_multiline("reason", "the reason", reason, 2_000);
            (
                CaseStatus::Deferred,
                "deferred",
                format!("Deferred: {reason}"),
            )
        }
        CaseAction::Close { reason } => {
            let reason = v.required_multiline("reason", "the reason for closing", reason, 2_000);
            (CaseStatus::Closed, "closed", format!("Closed: {reason}"))
        }
    };
    v.finish()?;
    tx.execute(
        "UPDATE person_case SET status = ?2, updated_at = ?3 WHERE id = ?1",
        params![id.to_string(), new_status.as_str(), now()],
    )?;
    let detail = if context.is_empty() {
        detail
    } else {
        format!("{detail} ({context})")
    };
    record_event(tx, &id.to_string(), kind, &detail, actor)?;
    if new_status == CaseStatus::Accepted {
        crate::services::agenda::add_to_next_meeting(tx, id, &ymd(today))?;
    } else {
        // A case leaving the queue leaves any agenda not yet held.
        tx.execute(
            "DELETE FROM agenda_item WHERE case_id = ?1 AND meeting_id IN
               (SELECT id FROM meeting WHERE status = 'planned')",
            [id.to_string()],
        )?;
    }
    Ok(())
}

pub fn transition(
    store: &mut Store,
    id: Uuid,
    action: &CaseAction,
    today: NaiveDate,
) -> CoreResult<CaseDetail> {
    let actor = store.actor().to_owned();
    store.write(|tx| {
        apply_action(tx, id, action, "", &actor, today)?;
        get(tx, id, today)
    })
}

/// The coordinator's answer to an offered repeat match.
pub fn decide_repeat(
    store: &mut Store,
    case_id: Uuid,
    other_case_id: Uuid,
    same_person: bool,
    today: NaiveDate,
) -> CoreResult<CaseDetail> {
    let actor = store.actor().to_owned();
    store.write(|tx| {
        let other_ref: String = tx
            .query_row(
                "SELECT reference FROM person_case WHERE id = ?1",
                [other_case_id.to_string()],
                |row| row.get(0),
            )
            .optional()?
            .ok_or(CoreError::NotFound("The earlier case"))?;
        let changed = tx.execute(
            "UPDATE repeat_match SET same_person = ?3, decided_at = ?4, decided_by = ?5
             WHERE case_id = ?1 AND other_case_id = ?2",
            params![
                case_id.to_string(),
                other_case_id.to_string(),
                same_person,
                now(),
                actor
            ],
        )?;
        if changed == 0 {
            return Err(CoreError::NotFound("That possible repeat"));
        }
        if same_person {
            tx.execute(
                "UPDATE person_case SET repeat_of = ?2, updated_at = ?3 WHERE id = ?1",
                params![case_id.to_string(), other_case_id.to_string(), now()],
            )?;
            // One person, one earlier case: the other offers are settled too.
            tx.execute(
                "UPDATE repeat_match SET same_person = 0, decided_at = ?2, decided_by = ?3
                 WHERE case_id = ?1 AND same_person IS NULL",
                params![case_id.to_string(), now(), actor],
            )?;
            record_event(
                tx,
                &case_id.to_string(),
                "repeat_confirmed",
                &format!("Confirmed as the same person as case {other_ref}."),
                &actor,
            )?;
        } else {
            record_event(
                tx,
                &case_id.to_string(),
                "repeat_rejected",
                &format!("Not the same person as case {other_ref}."),
                &actor,
            )?;
        }
        get(tx, case_id, today)
    })
}

fn parse_list(json: &str) -> Vec<String> {
    serde_json::from_str(json).unwrap_or_default()
}

fn enum_or<T: Copy>(value: Option<String>, parse: fn(&str) -> Option<T>) -> Option<T> {
    value.as_deref().and_then(parse)
}

pub fn get(conn: &Connection, id: Uuid, today: NaiveDate) -> CoreResult<CaseDetail> {
    let row = conn
        .query_row(
            "SELECT c.panel_id, c.reference, c.status, c.subject_name, c.aliases, c.date_of_birth,
                    c.approximate_age, c.gender, c.ethnicity, c.disability, c.lgbt, c.address, c.postcode,
                    c.school, c.referring_agency_id, c.referring_officer, c.referral_date, c.referral_route,
                    c.referral_reason, c.concerns, c.consent, c.lawful_ground, c.children_count,
                    c.children_details, c.lead_professional, c.repeat_of, a.name
             FROM person_case c LEFT JOIN agency a ON a.id = c.referring_agency_id
             WHERE c.id = ?1",
            [id.to_string()],
            |r| {
                Ok((
                    (r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?),
                    (r.get::<_, String>(4)?, r.get::<_, Option<String>>(5)?, r.get::<_, Option<u32>>(6)?),
                    (
                        r.get::<_, Option<String>>(7)?,
                        r.get::<_, Option<String>>(8)?,
                        r.get::<_, Option<String>>(9)?,
                        r.get::<_, Option<String>>(10)?,
                    ),
                    (r.get::<_, Option<String>>(11)?, r.get::<_, Option<String>>(12)?, r.get::<_, Option<String>>(13)?),
                    (r.get::<_, Option<String>>(14)?, r.get::<_, Option<String>>(15)?),
                    (r.get::<_, String>(16)?, r.get::<_, String>(17)?, r.get::<_, String>(18)?, r.get::<_, String>(19)?),
                    (r.get::<_, String>(20)?, r.get::<_, Option<String>>(21)?, r.get::<_, u32>(22)?, r.get::<_, Option<String>>(23)?),
                    (r.get::<_, Option<String>>(24)?, r.get::<_, Option<String>>(25)?, r.get::<_, Option<String>>(26)?),
                ))
            },
        )
        .optional()?
        .ok_or(CoreError::NotFound("That case"))?;
    let (
        (panel_id, reference, status, subject_name),
        (aliases, dob, approx),
        (gender, ethnicity, disability, lgbt),
    ) = (row.0, row.1, row.2);
    let (address, postcode, school) = row.3;
    let (referring_agency_id, referring_officer) = row.4;
    let (referral_date, route, reason, concerns) = row.5;
    let (consent, lawful_ground, children_count, children_details) = row.6;
    let (lead_professional, repeat_of, referring_agency_name) = row.7;

    let linked_people: Vec<LinkedPerson> = conn
        .prepare_cached("SELECT id, name, relationship, keep_apart FROM linked_person WHERE case_id = ?1 ORDER BY position")?
        .query_map([id.to_string()], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, bool>(3)?))
        })?
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .map(|(pid, name, rel, keep_apart)| {
            Ok(LinkedPerson {
                id: parse_id(&pid)?,
                name,
                relationship: Relationship::parse(&rel).unwrap_or(Relationship::Other),
                keep_apart,
            })
        })
        .collect::<CoreResult<_>>()?;

    let history = conn
        .prepare_cached("SELECT at, kind, detail, recorded_by FROM case_event WHERE case_id = ?1 ORDER BY at, rowid")?
        .query_map([id.to_string()], |r| {
            Ok(CaseEvent { at: r.get(0)?, kind: r.get(1)?, detail: r.get(2)?, recorded_by: r.get(3)? })
        })?
        .collect::<Result<Vec<_>, _>>()?;

    let dob_date = dob
        .as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let age = match dob_date {
        Some(d) => crate::dates::age_on(d, today),
        None => approx,
    };
    let parsed_panel = parse_id(&panel_id)?;
    let input = CaseInput {
        panel_id: parsed_panel,
        subject_name,
        aliases: parse_list(&aliases),
        date_of_birth: dob.clone().unwrap_or_default(),
        approximate_age: approx,
        gender: enum_or(gender, Gender::parse),
        ethnicity: enum_or(ethnicity, Ethnicity::parse),
        disability: enum_or(disability, YesNoUnknown::parse),
        lgbt: enum_or(lgbt, YesNoUnknown::parse),
        address: address.unwrap_or_default(),
        postcode: postcode.unwrap_or_default(),
        school: school.unwrap_or_default(),
        referring_agency_id: referring_agency_id.as_deref().map(parse_id).transpose()?,
        referring_officer: referring_officer.unwrap_or_default(),
        referral_date,
        referral_route: ReferralRoute::parse(&route),
        referral_reason: reason,
        concerns: parse_list(&concerns),
        consent: Consent::parse(&consent),
        lawful_ground: lawful_ground.unwrap_or_default(),
        children_count,
        children_details: children_details.unwrap_or_default(),
        linked_people: linked_people
            .iter()
            .map(|p| LinkedPersonInput {
                id: Some(p.id),
                name: p.name.clone(),
                relationship: Some(p.relationship),
                keep_apart: p.keep_apart,
            })
            .collect(),
        lead_professional: lead_professional.unwrap_or_default(),
    };
    let repeat_of: Option<RepeatCandidate> = match repeat_of {
        Some(other) => repeats::candidate_view(conn, id, parse_id(&other)?)?,
        None => None,
    };
    Ok(CaseDetail {
        id,
        panel_id: parsed_panel,
        reference,
        status: CaseStatus::parse(&status).unwrap_or(CaseStatus::Referred),
        input,
        age,
        referring_agency_name,
        linked_people,
        repeat_of,
        possible_repeats: repeats::pending(conn, id)?,
        history,
    })
}

/// What a list of cases shows, and how it is narrowed.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, ts_rs::TS)]
pub struct CaseFilter {
    pub panel_id: Option<Uuid>,
    pub status: Option<CaseStatus>,
    /// Name, alias, date of birth, postcode or case reference.
    pub query: String,
}

/// The most a list returns; a search narrows it further.
pub const LIST_LIMIT: usize = 200;

const SUMMARY_COLUMNS: &str =
    "c.id, c.panel_id, c.reference, c.status, c.subject_name, c.date_of_birth, c.postcode,
    c.referral_date, c.children_count,
    c.repeat_of IS NOT NULL AND EXISTS (
        SELECT 1 FROM hearing h JOIN panel p ON p.id = c.panel_id
        WHERE h.case_id = c.repeat_of AND h.heard_on <= c.referral_date
          AND h.heard_on >= date(c.referral_date, '-' || p.repeat_window_months || ' months')),
    EXISTS (SELECT 1 FROM repeat_match m WHERE m.case_id = c.id AND m.same_person IS NULL)";

pub(crate) fn summary_from_row(
    r: &rusqlite::Row<'_>,
) -> rusqlite::Result<(String, String, CaseSummary)> {
    let id: String = r.get(0)?;
    let panel: String = r.get(1)?;
    let status: String = r.get(3)?;
    Ok((
        id,
        panel,
        CaseSummary {
            id: Uuid::nil(),
            panel_id: Uuid::nil(),
            reference: r.get(2)?,
            status: CaseStatus::parse(&status).unwrap_or(CaseStatus::Referred),
            subject_name: r.get(4)?,
            date_of_birth: r.get(5)?,
            postcode: r.get(6)?,
            referral_date: r.get(7)?,
            children_count: r.get(8)?,
            is_repeat: r.get(9)?,
            possible_repeat: r.get(10)?,
        },
    ))
}

pub(crate) fn finish_summary(
    (id, panel, mut s): (String, String, CaseSummary),
) -> CoreResult<CaseSummary> {
    s.id = parse_id(&id)?;
    s.panel_id = parse_id(&panel)?;
    Ok(s)
}

/// Cases, newest referral first, narrowed by panel, status and a search.
pub fn list(
    conn: &Connection,
    filter: &CaseFilter,
    today: NaiveDate,
) -> CoreResult<Vec<CaseSummary>> {
    let panel = filter.panel_id.map(|p| p.to_string());
    let status = filter.status.map(CaseStatus::as_str);
    let limit = i64::try_from(LIST_LIMIT).unwrap_or(200);
    let rows = match search::fts_query(&filter.query, today) {
        Some(fts) => conn
            .prepare_cached(&format!(
                "SELECT {SUMMARY_COLUMNS} FROM case_search s JOIN person_case c ON c.rowid = s.rowid
                 WHERE case_search MATCH ?1 AND (?2 IS NULL OR c.panel_id = ?2) AND (?3 IS NULL OR c.status = ?3)
                 ORDER BY s.rank LIMIT ?4"
            ))?
            .query_map(params![fts, panel, status, limit], summary_from_row)?
            .collect::<Result<Vec<_>, _>>()?,
        None if !filter.query.trim().is_empty() => Vec::new(),
        None => conn
            .prepare_cached(&format!(
                "SELECT {SUMMARY_COLUMNS} FROM person_case c
                 WHERE (?1 IS NULL OR c.panel_id = ?1) AND (?2 IS NULL OR c.status = ?2)
                 ORDER BY c.referral_date DESC, c.created_at DESC LIMIT ?3"
            ))?
            .query_map(params![panel, status, limit], summary_from_row)?
            .collect::<Result<Vec<_>, _>>()?,
    };
    rows.into_iter().map(finish_summary).collect()
}

/// Accepts, redirects or defers several referrals at once (a triage
/// meeting's work): all of them change, or none.
pub fn triage(
    store: &mut Store,
    case_ids: &[Uuid],
    action: &CaseAction,
    triage_meeting: Option<Uuid>,
    today: NaiveDate,
) -> CoreResult<usize> {
    if case_ids.is_empty() {
        return Err(CoreError::field(
            "case_ids",
            "Select at least one referral.",
        ));
    }
    let actor = store.actor().to_owned();
    store.write(|tx| {
        let context = match triage_meeting {
            Some(meeting) => {
                let date: String = tx
                    .query_row(
                        "SELECT date FROM meeting WHERE id = ?1 AND kind = 'triage'",
                        [meeting.to_string()],
                        |r| r.get(0),
                    )
                    .optional()?
                    .ok_or(CoreError::NotFound("That triage meeting"))?;
                format!("triage meeting on {date}")
            }
            None => String::new(),
        };
        for id in case_ids {
            apply_action(tx, *id, action, &context, &actor, today)?;
        }
        Ok(case_ids.len())
    })
}
