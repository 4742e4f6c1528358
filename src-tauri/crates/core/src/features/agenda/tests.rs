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
