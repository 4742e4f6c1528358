//! Cases: recording referrals, editing them, reading and listing them (the
//! steps in a case's life are in [`super::case_steps`]). Every write also
//! keeps the search index and the offered repeat matches in step, in the
//! same transaction. Runs on either engine; the SQL is in
//! [`crate::tables::cases`].

use chrono::NaiveDate;
use uuid::Uuid;

use crate::domain::PanelKind;
use crate::domain::case::{
    CaseDetail, CaseInput, CaseStatus, CaseSummary, Consent, Ethnicity, Gender, LinkedPerson,
    LinkedPersonInput, ReferralRoute, ValidCase, YesNoUnknown,
};
use crate::error::{CoreError, CoreResult, FieldError};
use crate::features::repeats;
use crate::store::Engine;
use crate::store::codec::{now, ymd};
use crate::store::sql::{Batch, Db};
use crate::tables::{cases as table, search};

pub use super::case_steps::{CaseAction, apply_action, decide_repeat, transition, triage};

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
fn random_reference(kind: PanelKind) -> String {
    let random = Uuid::new_v4();
    let code: String = random.as_bytes()[..5]
        .iter()
        .map(|b| char::from(REFERENCE_ALPHABET[usize::from(*b) % REFERENCE_ALPHABET.len()]))
        .collect();
    format!("{}-{code}", reference_prefix(kind))
}

fn new_reference(db: &dyn Db, kind: PanelKind) -> CoreResult<String> {
    Ok(new_references(db, kind, 1)?.pop().unwrap_or_default())
}

/// `n` references no case has and none repeated (for an import, checked
/// against the store a few hundred at a time).
pub(crate) fn new_references(db: &dyn Db, kind: PanelKind, n: usize) -> CoreResult<Vec<String>> {
    let mut out: Vec<String> = Vec::with_capacity(n);
    let mut seen = std::collections::HashSet::new();
    for _ in 0..20 {
        let mut fresh = Vec::new();
        while out.len() + fresh.len() < n {
            let reference = random_reference(kind);
            if seen.insert(reference.clone()) {
                fresh.push(reference);
            }
        }
        let taken = crate::tables::new_cases::taken(db, &fresh)?;
        out.extend(fresh.into_iter().filter(|r| !taken.contains(r)));
        if out.len() == n {
            return Ok(out);
        }
    }
    Err(CoreError::Conflict(
        "Could not find a free case reference. Try again.".into(),
    ))
}

/// The panel's categories of concern, in order.
pub fn panel_concerns(db: &dyn Db, panel_id: Uuid) -> CoreResult<Vec<String>> {
    table::concerns(db, panel_id)
}

/// Replaces the panel's list of categories (existing cases keep theirs).
pub fn set_panel_concerns(
    store: &mut impl Engine,
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
    store.write(|db| {
        // An unknown panel is a 404, not the foreign key's storage error.
        panel_facts(db, panel_id)?;
        table::replace_concerns(db, panel_id, &clean)?;
        panel_concerns(db, panel_id)
    })
}

pub(crate) struct PanelFacts {
    pub kind: PanelKind,
    pub repeat_window_months: u32,
}

pub(crate) fn panel_facts(db: &dyn Db, panel_id: Uuid) -> CoreResult<PanelFacts> {
    let (kind, repeat_window_months) =
        table::panel_facts(db, panel_id)?.ok_or(CoreError::NotFound("That panel"))?;
    Ok(PanelFacts {
        kind: PanelKind::parse(&kind).unwrap_or(PanelKind::Other),
        repeat_window_months,
    })
}

/// Checks what needs the database: the referring agency exists and each
/// category is one of the panel's.
fn check_references(
    conn: &dyn Db,
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

fn validate_for_panel(conn: &dyn Db, input: &CaseInput, today: NaiveDate) -> CoreResult<ValidCase> {
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
    db: &dyn Db,
    case_id: Uuid,
    kind: &str,
    detail: &str,
    actor: &str,
) -> CoreResult<()> {
    table::insert_event(db, case_id, (kind, detail), actor, &now())
}

fn write_fields(db: &dyn Db, id: Uuid, c: &ValidCase) -> CoreResult<()> {
    table::write_fields(db, id, c, &now())?;
    search::index_case(db, id)
}

/// Inserts a validated case (used by the form and by imports) and offers any
/// probable repeats. Returns the new id.
pub(crate) fn insert(
    db: &dyn Db,
    panel_id: Uuid,
    kind: PanelKind,
    valid: &ValidCase,
    event_kind: &str,
    event_detail: &str,
    actor: &str,
) -> CoreResult<Uuid> {
    let id = Uuid::new_v4();
    let reference = new_reference(db, kind)?;
    table::insert_blank(db, id, panel_id, &reference, &now())?;
    write_fields(db, id, valid)?;
    record_event(db, id, event_kind, event_detail, actor)?;
    Ok(id)
}

/// Records a referral typed into the case form.
pub fn create(
    store: &mut impl Engine,
    input: &CaseInput,
    today: NaiveDate,
) -> CoreResult<CaseDetail> {
    let actor = store.actor().to_owned();
    store.write(|db| {
        let facts = panel_facts(db, input.panel_id)?;
        let valid = validate_for_panel(db, input, today)?;
        let id = insert(
            db,
            input.panel_id,
            facts.kind,
            &valid,
            "referred",
            "Referral recorded.",
            &actor,
        )?;
        let index = repeats::RepeatIndex::build(db, input.panel_id)?;
        repeats::offer(db, &index, id)?;
        get(db, id, today)
    })
}

/// Saves edits to a case; the panel it belongs to does not change.
pub fn update(
    store: &mut impl Engine,
    id: Uuid,
    input: &CaseInput,
    today: NaiveDate,
) -> CoreResult<CaseDetail> {
    let actor = store.actor().to_owned();
    store.write(|db| {
        let panel_id = table::panel_of(db, id)?.ok_or(CoreError::NotFound("That case"))?;
        let mut input = input.clone();
        input.panel_id = panel_id;
        let valid = validate_for_panel(db, &input, today)?;
        super::dash::check_route(db, id, valid.referral_route)?;
        let before = table::identity(db, id)?.ok_or(CoreError::NotFound("That case"))?;
        write_fields(db, id, &valid)?;
        let identity_changed = before.0 != crate::matching::normalise(&valid.subject_name)
            || before.1 != valid.date_of_birth.map(ymd);
        if identity_changed {
            repeats::forget_undecided(db, id)?;
            let index = repeats::RepeatIndex::build(db, input.panel_id)?;
            repeats::offer(db, &index, id)?;
        }
        record_event(db, id, "edited", "Case details edited.", &actor)?;
        get(db, id, today)
    })
}

fn parse_list(json: &str) -> Vec<String> {
    serde_json::from_str(json).unwrap_or_default()
}

fn enum_or<T: Copy>(value: Option<String>, parse: fn(&str) -> Option<T>) -> Option<T> {
    value.as_deref().and_then(parse)
}

/// Optional text as the form holds it (empty when not recorded).
fn text(row: &table::CaseRow, n: usize) -> CoreResult<String> {
    Ok(row.get::<Option<String>>(n)?.unwrap_or_default())
}

/// The form's values from the case's row (columns as [`table::load`] reads them).
pub(super) fn stored_input(row: &table::CaseRow, linked: &[LinkedPerson]) -> CoreResult<CaseInput> {
    let code = |n: usize| row.get::<Option<String>>(n);
    Ok(CaseInput {
        panel_id: row.get(0)?,
        subject_name: row.get(3)?,
        aliases: parse_list(&row.get::<String>(4)?),
        date_of_birth: text(row, 5)?,
        approximate_age: row.get(6)?,
        gender: enum_or(code(7)?, Gender::parse),
        ethnicity: enum_or(code(8)?, Ethnicity::parse),
        disability: enum_or(code(9)?, YesNoUnknown::parse),
        lgbt: enum_or(code(10)?, YesNoUnknown::parse),
        address: text(row, 11)?,
        postcode: text(row, 12)?,
        school: text(row, 13)?,
        referring_agency_id: row.get(14)?,
        referring_officer: text(row, 15)?,
        referral_date: row.get(16)?,
        referral_route: ReferralRoute::parse(&row.get::<String>(17)?),
        referral_reason: row.get(18)?,
        concerns: parse_list(&row.get::<String>(19)?),
        consent: Consent::parse(&row.get::<String>(20)?),
        lawful_ground: text(row, 21)?,
        children_count: row.get(22)?,
        children_details: text(row, 23)?,
        linked_people: linked
            .iter()
            .map(|p| LinkedPersonInput {
                id: Some(p.id),
                name: p.name.clone(),
                relationship: Some(p.relationship),
                keep_apart: p.keep_apart,
            })
            .collect(),
        lead_professional: text(row, 24)?,
    })
}

/// A case as its page shows it; [`super::case_reads::CaseReads`] reads it
/// in one batch, which the cockpit extends with its own reads.
pub fn get(db: &dyn Db, id: Uuid, today: NaiveDate) -> CoreResult<CaseDetail> {
    let mut batch = Batch::new();
    let reads = super::case_reads::CaseReads::add(&mut batch, db, id);
    reads.detail(db, &mut batch.run(db)?, today)
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

/// Cases, newest referral first, narrowed by panel, status and a search:
/// one statement (so [`crate::store::Engine::read_one`] may run it).
pub fn list(db: &dyn Db, filter: &CaseFilter, today: NaiveDate) -> CoreResult<Vec<CaseSummary>> {
    if filter.query.trim().is_empty() {
        return table::list(db, filter.panel_id, filter.status, LIST_LIMIT);
    }
    match search::SearchQuery::parse(&filter.query, today) {
        Some(query) => search::find(db, &query, filter.panel_id, filter.status, LIST_LIMIT),
        None => Ok(Vec::new()),
    }
}
