//! Building and arranging a meeting's agenda: the order panels use
//! (introductions and confidentiality; review of open actions; new cases,
//! those with children in the household first; review cases due; cases
//! reaching the repeat window since their last hearing, for notice; any other
//! business), planned minutes, and moving items.

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use uuid::Uuid;

use crate::domain::meeting::{AgendaItemKind, MeetingKind};
use crate::error::{CoreError, CoreResult};
use crate::services::parse_id;
use crate::store::Store;

/// A case that could go on an agenda.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaCandidate {
    pub case_id: String,
    pub children_count: u32,
    pub referral_date: String,
}

/// One item as planned, before it is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedItem {
    pub kind: AgendaItemKind,
    pub case_id: Option<String>,
    pub title: String,
    pub planned_minutes: u32,
}

fn fixed(kind: AgendaItemKind, title: &str, minutes: u32) -> PlannedItem {
    PlannedItem {
        kind,
        case_id: None,
        title: title.into(),
        planned_minutes: minutes,
    }
}

fn case_item(kind: AgendaItemKind, case: &AgendaCandidate, minutes: u32) -> PlannedItem {
    let title = match kind {
        AgendaItemKind::NewCase => "New case",
        AgendaItemKind::ReviewCase => "Review case",
        _ => "Case for notice",
    };
    PlannedItem {
        kind,
        case_id: Some(case.case_id.clone()),
        title: title.into(),
        planned_minutes: minutes,
    }
}

/// New cases with children in the household come first (so children's
/// agencies can leave), then the rest; each group oldest referral first.
pub fn order_new_cases(cases: &mut [AgendaCandidate]) {
    cases.sort_by(|a, b| {
        (b.children_count > 0)
            .cmp(&(a.children_count > 0))
            .then_with(|| a.referral_date.cmp(&b.referral_date))
            .then_with(|| a.case_id.cmp(&b.case_id))
    });
}

/// The agenda of a scheduled meeting.
pub fn plan_scheduled(
    minutes_per_case: u32,
    mut new_cases: Vec<AgendaCandidate>,
    review_cases: Vec<AgendaCandidate>,
    notices: Vec<AgendaCandidate>,
) -> Vec<PlannedItem> {
    order_new_cases(&mut new_cases);
    let mut items = vec![
        fixed(
            AgendaItemKind::Introductions,
            "Introductions, attendance and confidentiality statement",
            5,
        ),
        fixed(
            AgendaItemKind::ActionReview,
            "Review of open actions from earlier meetings",
            10,
        ),
    ];
    items.extend(
        new_cases
            .iter()
            .map(|c| case_item(AgendaItemKind::NewCase, c, minutes_per_case)),
    );
    items.extend(
        review_cases
            .iter()
            .map(|c| case_item(AgendaItemKind::ReviewCase, c, minutes_per_case)),
    );
    // Notified, not discussed: no time planned.
    items.extend(
        notices
            .iter()
            .map(|c| case_item(AgendaItemKind::AnniversaryNotice, c, 0)),
    );
    items.push(fixed(
        AgendaItemKind::OtherBusiness,
        "Any other business",
        5,
    ));
    items
}

/// An emergency panel for one case whose risk is imminent.
pub fn plan_emergency(case: &AgendaCandidate, review: bool, minutes: u32) -> Vec<PlannedItem> {
    let kind = if review {
        AgendaItemKind::ReviewCase
    } else {
        AgendaItemKind::NewCase
    };
    vec![
        fixed(
            AgendaItemKind::Introductions,
            "Introductions, attendance and confidentiality statement",
            5,
        ),
        case_item(kind, case, minutes),
        fixed(AgendaItemKind::OtherBusiness, "Any other business", 5),
    ]
}

pub fn plan_triage() -> Vec<PlannedItem> {
    vec![
        fixed(
            AgendaItemKind::Introductions,
            "Introductions and confidentiality statement",
            5,
        ),
        fixed(
            AgendaItemKind::Triage,
            "New referrals: accept, redirect or defer",
            40,
        ),
        fixed(AgendaItemKind::OtherBusiness, "Any other business", 5),
    ]
}

fn candidates(
    conn: &Connection,
    sql: &str,
    args: impl rusqlite::Params,
) -> CoreResult<Vec<AgendaCandidate>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt
        .query_map(args, |r| {
            Ok(AgendaCandidate {
                case_id: r.get(0)?,
                children_count: r.get(1)?,
                referral_date: r.get(2)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// Not already on the agenda of a meeting still to come (today or later, not
/// held, and the case not yet heard there). `:today` is today's date.
const NOT_ON_A_PLANNED_AGENDA: &str = "NOT EXISTS (SELECT 1 FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id
      WHERE i.case_id = c.id AND m.status = 'planned' AND m.date >= :today AND i.kind IN ('new_case', 'review_case')
        AND NOT EXISTS (SELECT 1 FROM hearing h WHERE h.case_id = c.id AND h.meeting_id = m.id))";

/// Cases accepted onto the panel's next agenda and not yet placed.
pub(crate) fn accepted_cases(
    conn: &Connection,
    panel_id: &str,
    today: &str,
) -> CoreResult<Vec<AgendaCandidate>> {
    candidates(
        conn,
        &format!(
            "SELECT c.id, c.children_count, c.referral_date FROM person_case c
             WHERE c.panel_id = :panel AND c.status = 'accepted' AND {NOT_ON_A_PLANNED_AGENDA}"
        ),
        rusqlite::named_params! { ":panel": panel_id, ":today": today },
    )
}

/// Cases heard before `date` whose review falls due by then.
pub(crate) fn review_cases(
    conn: &Connection,
    panel_id: &str,
    date: &str,
    today: &str,
) -> CoreResult<Vec<AgendaCandidate>> {
    candidates(
        conn,
        &format!(
            "SELECT c.id, c.children_count, c.referral_date FROM person_case c
             JOIN hearing h ON h.case_id = c.id
                AND h.heard_on = (SELECT max(heard_on) FROM hearing WHERE case_id = c.id)
             WHERE c.panel_id = :panel AND c.status IN ('heard', 'under_review') AND h.heard_on < :date
               AND (h.review_due IS NULL OR h.review_due <= :date) AND {NOT_ON_A_PLANNED_AGENDA}
             ORDER BY h.heard_on, c.reference"
        ),
        rusqlite::named_params! { ":panel": panel_id, ":date": date, ":today": today },
    )
}

/// Cases whose last hearing reached the repeat window in the six weeks up to
/// `date`: agencies are told that a new referral would now count as new.
pub(crate) fn notice_cases(
    conn: &Connection,
    panel_id: &str,
    date: &str,
    window_months: u32,
) -> CoreResult<Vec<AgendaCandidate>> {
    let edge = format!("-{window_months} months");
    candidates(
        conn,
        "SELECT c.id, c.children_count, c.referral_date FROM person_case c
         JOIN hearing h ON h.case_id = c.id
            AND h.heard_on = (SELECT max(heard_on) FROM hearing WHERE case_id = c.id)
         WHERE c.panel_id = ?1 AND c.status <> 'redirected'
           AND h.heard_on <= date(?2, ?3) AND h.heard_on > date(?2, ?3, '-42 days')
         ORDER BY h.heard_on, c.reference",
        params![panel_id, date, edge],
    )
}

/// Stores planned items for a meeting, in order.
pub(crate) fn store_items(
    tx: &Transaction<'_>,
    meeting_id: &str,
    items: &[PlannedItem],
) -> CoreResult<()> {
    for (position, item) in items.iter().enumerate() {
        tx.execute(
            "INSERT INTO agenda_item (id, meeting_id, position, kind, case_id, title, planned_minutes)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                Uuid::new_v4().to_string(),
                meeting_id,
                i64::try_from(position).unwrap_or(i64::MAX),
                item.kind.as_str(),
                item.case_id,
                item.title,
                item.planned_minutes
            ],
        )?;
    }
    Ok(())
}

fn item_ids(
    db: &dyn crate::store::sql::Db,
    meeting_id: &str,
) -> CoreResult<Vec<(String, String, u32)>> {
    db.rows(
        "SELECT i.id, i.kind, coalesce(c.children_count, 0) FROM agenda_item i
         LEFT JOIN person_case c ON c.id = i.case_id WHERE i.meeting_id = ?1 ORDER BY i.position",
        &[&meeting_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
}

fn renumber(db: &dyn crate::store::sql::Db, ids: &[String]) -> CoreResult<()> {
    for (position, id) in ids.iter().enumerate() {
        db.execute(
            "UPDATE agenda_item SET position = ?2 WHERE id = ?1",
            &[id, &position],
        )?;
    }
    Ok(())
}

/// A case accepted after its panel's next meeting was set up joins that
/// meeting's new cases, children-first order kept.
pub(crate) fn add_to_next_meeting(
    tx: &dyn crate::store::sql::Db,
    case_id: Uuid,
    today: &str,
) -> CoreResult<()> {
    let (panel_id, children, minutes): (Uuid, u32, u32) = tx
        .row(
            "SELECT c.panel_id, c.children_count, p.minutes_per_case FROM person_case c
             JOIN panel p ON p.id = c.panel_id WHERE c.id = ?1",
            &[&case_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?
        .ok_or(CoreError::NotFound("That case"))?;
    let meeting: Option<String> = tx.value(
        "SELECT id FROM meeting WHERE panel_id = ?1 AND kind = 'scheduled' AND status = 'planned'
           AND date >= ?2 ORDER BY date, start_time LIMIT 1",
        &[&panel_id, &today],
    )?;
    let Some(meeting) = meeting else {
        return Ok(());
    };
    let already = tx.any(
        "SELECT 1 FROM agenda_item WHERE meeting_id = ?1 AND case_id = ?2",
        &[&meeting, &case_id],
    )?;
    if already {
        return Ok(());
    }
    let items = item_ids(tx, &meeting)?;
    // After the last new case of the same group (with / without children),
    // or after the action review when there are none yet.
    let anchor = items
        .iter()
        .rposition(|(_, kind, kids)| kind == "new_case" && (children == 0 || *kids > 0))
        .or_else(|| {
            items
                .iter()
                .rposition(|(_, kind, _)| kind == "action_review" || kind == "introductions")
        });
    let at = anchor.map_or(0, |i| i + 1);
    let new_id = Uuid::new_v4().to_string();
    tx.execute(
        "INSERT INTO agenda_item (id, meeting_id, position, kind, case_id, title, planned_minutes)
         VALUES (?1, ?2, 0, 'new_case', ?3, 'New case', ?4)",
        &[&new_id, &meeting, &case_id, &minutes],
    )?;
    let mut ids: Vec<String> = items.into_iter().map(|(id, _, _)| id).collect();
    ids.insert(at.min(ids.len()), new_id);
    renumber(tx, &ids)
}

fn meeting_of_item(tx: &Connection, item_id: Uuid) -> CoreResult<String> {
    tx.query_row(
        "SELECT meeting_id FROM agenda_item WHERE id = ?1",
        [item_id.to_string()],
        |r| r.get(0),
    )
    .optional()?
    .ok_or(CoreError::NotFound("That agenda item"))
}

/// Moves an item to `position` (0-based; clamped to the agenda's length).
pub fn move_item(store: &mut Store, item_id: Uuid, position: u32) -> CoreResult<Uuid> {
    store.write(|tx| {
        let meeting = meeting_of_item(tx, item_id)?;
        crate::services::approval::ensure_editable(tx, &meeting)?;
        let mut ids: Vec<String> = item_ids(tx, &meeting)?
            .into_iter()
            .map(|(id, _, _)| id)
            .collect();
        let from = ids
            .iter()
            .position(|id| *id == item_id.to_string())
            .ok_or(CoreError::NotFound("That agenda item"))?;
        let id = ids.remove(from);
        let to = usize::try_from(position)
            .unwrap_or(usize::MAX)
            .min(ids.len());
        ids.insert(to, id);
        renumber(tx, &ids)?;
        parse_id(&meeting)
    })
}

pub fn set_planned_minutes(store: &mut Store, item_id: Uuid, minutes: u32) -> CoreResult<Uuid> {
    if minutes > 240 {
        return Err(CoreError::field(
            "planned_minutes",
            "Planned minutes must be between 0 and 240.",
        ));
    }
    store.write(|tx| {
        let meeting = meeting_of_item(tx, item_id)?;
        crate::services::approval::ensure_editable(tx, &meeting)?;
        tx.execute(
            "UPDATE agenda_item SET planned_minutes = ?2 WHERE id = ?1",
            params![item_id.to_string(), minutes],
        )?;
        parse_id(&meeting)
    })
}

/// Takes an item off the agenda (a case stays accepted, for a later meeting).
pub fn remove_item(store: &mut Store, item_id: Uuid) -> CoreResult<Uuid> {
    store.write(|tx| {
        let meeting = meeting_of_item(tx, item_id)?;
        crate::services::approval::ensure_editable(tx, &meeting)?;
        tx.execute(
            "DELETE FROM agenda_item WHERE id = ?1",
            [item_id.to_string()],
        )?;
        let ids: Vec<String> = item_ids(tx, &meeting)?
            .into_iter()
            .map(|(id, _, _)| id)
            .collect();
        renumber(tx, &ids)?;
        parse_id(&meeting)
    })
}

/// What planning a new meeting's agenda needs to know.
pub(crate) struct PlanFor<'a> {
    pub kind: MeetingKind,
    pub panel_id: &'a str,
    pub date: &'a str,
    pub minutes_per_case: u32,
    pub window_months: u32,
    pub today: &'a str,
}

/// Plans a new meeting's agenda from the cases waiting for it.
pub(crate) fn plan_for(
    tx: &Connection,
    plan: &PlanFor<'_>,
    emergency_case: Option<(&AgendaCandidate, bool)>,
) -> CoreResult<Vec<PlannedItem>> {
    Ok(match (plan.kind, emergency_case) {
        (MeetingKind::Emergency, Some((case, review))) => {
            plan_emergency(case, review, plan.minutes_per_case.max(20))
        }
        (MeetingKind::Triage, _) => plan_triage(),
        _ => plan_scheduled(
            plan.minutes_per_case,
            accepted_cases(tx, plan.panel_id, plan.today)?,
            review_cases(tx, plan.panel_id, plan.date, plan.today)?,
            notice_cases(tx, plan.panel_id, plan.date, plan.window_months)?,
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(id: &str, children: u32, referred: &str) -> AgendaCandidate {
        AgendaCandidate {
            case_id: id.into(),
            children_count: children,
            referral_date: referred.into(),
        }
    }

    #[test]
    fn children_first_then_oldest_referral() {
        let items = plan_scheduled(
            12,
            vec![
                case("a", 0, "2026-10-01"),
                case("b", 2, "2026-10-20"),
                case("c", 0, "2026-09-01"),
                case("d", 1, "2026-10-02"),
            ],
            vec![case("r", 0, "2025-01-01")],
            vec![case("n", 0, "2025-01-01")],
        );
        let order: Vec<_> = items
            .iter()
            .map(|i| (i.kind, i.case_id.clone().unwrap_or_default()))
            .collect();
        use AgendaItemKind::*;
        assert_eq!(
            order,
            [
                (Introductions, String::new()),
                (ActionReview, String::new()),
                (NewCase, "d".into()),
                (NewCase, "b".into()),
                (NewCase, "c".into()),
                (NewCase, "a".into()),
                (ReviewCase, "r".into()),
                (AnniversaryNotice, "n".into()),
                (OtherBusiness, String::new()),
            ]
        );
        assert_eq!(
            items[2].planned_minutes, 12,
            "each case gets the panel's minutes per case"
        );
        assert_eq!(
            items[7].planned_minutes, 0,
            "cases for notice are not discussed"
        );
    }

    #[test]
    fn an_emergency_panel_is_about_one_case() {
        let items = plan_emergency(&case("x", 0, "2026-11-20"), false, 30);
        assert_eq!(items.len(), 3);
        assert_eq!(items[1].case_id.as_deref(), Some("x"));
        assert_eq!(items[1].planned_minutes, 30);
    }
}
