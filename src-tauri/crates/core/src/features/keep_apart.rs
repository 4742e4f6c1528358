//! Keep-apart pairs on one agenda (issue 19): a case whose linked person is
//! marked "keep apart", or whose perpetrator, is the person of another case
//! on the same agenda (by name, accents and scripts ignored). The agenda
//! and the cockpit flag both cases, so the chair can plan who hears what
//! and the two are never discussed as if unconnected.

use uuid::Uuid;

use crate::domain::meeting::AgendaItem;
use crate::matching::normalise;

/// Marks each agenda case with the references of the other agenda cases it
/// must be kept apart from, given each agenda case's name key
/// (`person_case.name_key`, the name as [`normalise`] keeps it, stored when
/// the case is written, so the agenda does not work it out again) and the
/// people each agenda case must be kept apart from (case, name:
/// `tables::agenda::keep_apart_names_sql`).
pub(crate) fn mark(items: &mut [AgendaItem], keys: &[(Uuid, String)], people: Vec<(Uuid, String)>) {
    if people.is_empty() {
        return;
    }
    // An agenda is tens of cases and a handful of people to keep apart:
    // scanning the list beats building maps of it.
    let reference_of = |id: Uuid| {
        items
            .iter()
            .filter_map(|i| i.case.as_ref())
            .find(|c| c.id == id)
            .map(|c| c.reference.clone())
    };
    // (agenda case, reference of the case it must be kept apart from)
    let mut pairs: Vec<(Uuid, String)> = Vec::new();
    for (case_id, name) in people {
        let key = normalise(&name);
        for (other, _) in keys.iter().filter(|(o, k)| *k == key && *o != case_id) {
            if let Some(other_reference) = reference_of(*other) {
                pairs.push((case_id, other_reference));
            }
            if let Some(reference) = reference_of(case_id) {
                pairs.push((*other, reference));
            }
        }
    }
    if pairs.is_empty() {
        return;
    }
    for case in items.iter_mut().filter_map(|i| i.case.as_mut()) {
        let mut with: Vec<String> = pairs
            .iter()
            .filter(|(id, _)| *id == case.id)
            .map(|(_, reference)| reference.clone())
            .collect();
        if !with.is_empty() {
            with.sort();
            with.dedup();
            case.keep_apart_with = with;
        }
    }
}
