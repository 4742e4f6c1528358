//! Keep-apart pairs on one agenda (issue 19): a case whose linked person is
//! marked "keep apart", or whose perpetrator, is the person of another case
//! on the same agenda (by name, accents and scripts ignored). The agenda
//! and the cockpit flag both cases, so the chair can plan who hears what
//! and the two are never discussed as if unconnected.

use std::collections::HashMap;

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
    let reference_of: HashMap<Uuid, String> = items
        .iter()
        .filter_map(|i| i.case.as_ref())
        .map(|c| (c.id, c.reference.clone()))
        .collect();
    let subjects: HashMap<&str, Vec<(Uuid, String)>> =
        keys.iter().fold(HashMap::new(), |mut map, (id, key)| {
            if let Some(reference) = reference_of.get(id) {
                map.entry(key.as_str())
                    .or_default()
                    .push((*id, reference.clone()));
            }
            map
        });
    let mut pairs: HashMap<Uuid, Vec<String>> = HashMap::new();
    for (case_id, name) in people {
        for (other, other_reference) in subjects
            .get(normalise(&name).as_str())
            .into_iter()
            .flatten()
        {
            if *other == case_id {
                continue;
            }
            pairs
                .entry(case_id)
                .or_default()
                .push(other_reference.clone());
            if let Some(reference) = reference_of.get(&case_id) {
                pairs.entry(*other).or_default().push(reference.clone());
            }
        }
    }
    for case in items.iter_mut().filter_map(|i| i.case.as_mut()) {
        if let Some(mut with) = pairs.remove(&case.id) {
            with.sort();
            with.dedup();
            case.keep_apart_with = with;
        }
    }
}
