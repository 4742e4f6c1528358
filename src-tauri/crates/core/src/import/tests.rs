//! How headings, names in parts, whole-file values and the list's own words
//! for agencies are read.

use super::*;
use crate::domain::case::{Consent, Ethnicity, Gender, ReferralRoute};

fn headers(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn headers_are_recognised_and_remembered_choices_win() {
    let h = headers(&[
        "Young person's name",
        "D.O.B.",
        "Post Code",
        "Referred by",
        "Date referred",
        "Reason for referral",
        "Other",
    ]);
    let mapping = suggest_mapping(&h, &HashMap::new(), &HashMap::new());
    let got = |f: ImportField| {
        mapping
            .iter()
            .find(|m| m.field == f)
            .and_then(|m| m.header.clone())
    };
    assert_eq!(
        got(ImportField::SubjectName).as_deref(),
        Some("Young person's name")
    );
    assert_eq!(got(ImportField::DateOfBirth).as_deref(), Some("D.O.B."));
    assert_eq!(got(ImportField::Postcode).as_deref(), Some("Post Code"));
    assert_eq!(
        got(ImportField::ReferringAgency).as_deref(),
        Some("Referred by")
    );
    assert_eq!(
        got(ImportField::ReferralDate).as_deref(),
        Some("Date referred")
    );
    assert_eq!(
        got(ImportField::ReferralReason).as_deref(),
        Some("Reason for referral")
    );
    assert_eq!(got(ImportField::Consent), None);

    let remembered = HashMap::from([("referral_reason".to_string(), "Other".to_string())]);
    let mapping = suggest_mapping(&h, &remembered, &HashMap::new());
    assert_eq!(
        mapping
            .iter()
            .find(|m| m.field == ImportField::ReferralReason)
            .and_then(|m| m.header.clone())
            .as_deref(),
        Some("Other")
    );
}

#[test]
fn loose_values_are_understood_and_nonsense_is_reported() {
    let agency = Uuid::new_v4();
    let lookup = AgencyLookup::new([(agency, "Lowbridge Police".to_string(), "POL".to_string())]);
    let h = headers(&[
        "Name",
        "Gender",
        "Ethnicity",
        "Agency",
        "Route",
        "Consent",
        "Categories",
        "Children",
    ]);
    let mapping = suggest_mapping(&h, &HashMap::new(), &HashMap::new());
    let row = headers(&[
        "Amara Okafor",
        "F",
        "Black or Black British: African",
        "pol",
        "Stabbing (automatic)",
        "Yes",
        "Knife crime; County lines",
        "2",
    ]);
    let (input, problems) = row_to_input(Uuid::nil(), &h, &row, &mapping, &lookup);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(input.gender, Some(Gender::Female));
    assert_eq!(input.ethnicity, Some(Ethnicity::African));
    assert_eq!(input.referring_agency_id, Some(agency));
    assert_eq!(input.referral_route, Some(ReferralRoute::Automatic));
    assert_eq!(input.consent, Some(Consent::Given));
    assert_eq!(input.concerns, ["Knife crime", "County lines"]);
    assert_eq!(input.children_count, 2);

    let row = headers(&["X", "banana", "", "Unknown Agency", "", "maybe", "", "two"]);
    let (_, problems) = row_to_input(Uuid::nil(), &h, &row, &mapping, &lookup);
    let fields: Vec<_> = problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(
        fields,
        ["gender", "referring_agency_id", "consent", "children_count"]
    );
}

fn column(mapping: &[ColumnMapping], field: ImportField) -> &ColumnMapping {
    mapping.iter().find(|m| m.field == field).unwrap()
}

#[test]
fn a_name_split_over_columns_is_found_and_put_together() {
    let h = headers(&["Surname", "Forename(s)", "Middle name", "DOB"]);
    let mapping = suggest_mapping(&h, &HashMap::new(), &HashMap::new());
    assert_eq!(
        column(&mapping, ImportField::Surname).header.as_deref(),
        Some("Surname")
    );
    assert_eq!(
        column(&mapping, ImportField::Forename).header.as_deref(),
        Some("Forename(s)")
    );
    assert_eq!(
        column(&mapping, ImportField::MiddleName).header.as_deref(),
        Some("Middle name")
    );
    assert_eq!(column(&mapping, ImportField::SubjectName).header, None);
    let row = headers(&[" Nguyễn ", "Thị  Lan", "", "01/02/2009"]);
    let (input, problems) = row_to_input(Uuid::nil(), &h, &row, &mapping, &AgencyLookup::default());
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(input.subject_name, "Thị Lan Nguyễn");

    for (heads, want) in [
        (["Last name", "First name"], "Ada Lovelace"),
        (["Family name", "Given name"], "Ada Lovelace"),
    ] {
        let h = headers(&heads);
        let mapping = suggest_mapping(&h, &HashMap::new(), &HashMap::new());
        let (input, _) = row_to_input(
            Uuid::nil(),
            &h,
            &headers(&["Lovelace", "Ada"]),
            &mapping,
            &AgencyLookup::default(),
        );
        assert_eq!(input.subject_name, want, "{heads:?}");
    }
}

#[test]
fn a_value_for_the_whole_file_fills_every_row_only_where_the_list_has_no_column() {
    let h = headers(&["Name", "Consent"]);
    let remembered_values = HashMap::from([
        ("referral_route".to_string(), "risk_score".to_string()),
        ("consent".to_string(), "not_given".to_string()),
        ("date_of_birth".to_string(), "01/01/2000".to_string()),
    ]);
    let mapping = suggest_mapping(&h, &HashMap::new(), &remembered_values);
    let (input, problems) = row_to_input(
        Uuid::nil(),
        &h,
        &headers(&["Ada", "Yes"]),
        &mapping,
        &AgencyLookup::default(),
    );
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(input.referral_route, Some(ReferralRoute::RiskScore));
    assert_eq!(
        input.consent,
        Some(Consent::Given),
        "the column wins over the file's value"
    );
    assert_eq!(
        input.date_of_birth, "",
        "a person's facts never come from the whole file"
    );
    for (code, want) in [
        ("automatic", ReferralRoute::Automatic),
        (
            "professional_judgement",
            ReferralRoute::ProfessionalJudgement,
        ),
        ("escalation", ReferralRoute::Escalation),
        ("repeat", ReferralRoute::Repeat),
    ] {
        assert_eq!(super::values::route(code), Some(want));
    }
    for (code, want) in [
        ("given", Consent::Given),
        ("not_given", Consent::NotGiven),
        ("not_sought", Consent::NotSought),
    ] {
        assert_eq!(super::values::consent(code), Some(want));
    }
}

#[test]
fn the_lists_own_word_for_an_agency_is_read_once_chosen() {
    let police = Uuid::new_v4();
    let mut lookup =
        AgencyLookup::new([(police, "Lowbridge Police".to_string(), "POL".to_string())]);
    let h = headers(&["Name", "Referrer"]);
    let mapping = suggest_mapping(&h, &HashMap::new(), &HashMap::new());
    let row = headers(&["Ada", "Police"]);
    let (_, problems) = row_to_input(Uuid::nil(), &h, &row, &mapping, &lookup);
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].message.contains("“Police”"),
        "{}",
        problems[0].message
    );
    lookup.with_word(" police ", police);
    let (input, problems) = row_to_input(Uuid::nil(), &h, &row, &mapping, &lookup);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(input.referring_agency_id, Some(police));
    assert_eq!(lookup.in_directory("Police"), None);
    lookup.without_word("POLICE");
    assert_eq!(lookup.find("Police"), None);
}

proptest::proptest! {
    /// Any cell in a Dash score column: a whole number from 0 to 24 is the
    /// score, anything else a problem named for the column, never a panic.
    #[test]
    fn a_dash_score_cell_is_a_score_or_a_named_problem(cell in "\\PC{0,12}") {
        let h = headers(&["Name", "DASH"]);
        let mapping = vec![ColumnMapping { field: ImportField::DashScore, header: Some("DASH".into()), value: None }];
        let row = vec!["A Person".to_string(), cell.clone()];
        let expected = cell.trim().parse::<u32>().ok().filter(|n| *n <= 24);
        match dash_score(&h, &row, &mapping) {
            Ok(score) => proptest::prop_assert!(score == expected || (cell.trim().is_empty() && score.is_none())),
            Err(problem) => {
                proptest::prop_assert!(expected.is_none() && !cell.trim().is_empty());
                proptest::prop_assert_eq!(problem.field, "dash_score");
            }
        }
    }
}
