use super::*;
use crate::error::CoreError;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn good() -> CaseInput {
    let mut input = CaseInput::blank(Uuid::nil(), today());
    input.subject_name = " Amara Okafor ".into();
    input.date_of_birth = "14/03/2009".into();
    input.referral_route = Some(ReferralRoute::Automatic);
    input.referral_reason = "Stabbed in the leg outside school, 2 November.".into();
    input.consent = Some(Consent::Given);
    input.postcode = "se135ab".into();
    input
}

fn fields(input: &CaseInput) -> Vec<String> {
    match input.validate(today()) {
        Err(CoreError::Validation(errors)) => errors.into_iter().map(|e| e.field).collect(),
        other => panic!("expected errors, got {other:?}"),
    }
}

#[test]
fn a_good_referral_is_cleaned() {
    let valid = good().validate(today()).unwrap();
    assert_eq!(valid.subject_name, "Amara Okafor");
    assert_eq!(valid.date_of_birth, NaiveDate::from_ymd_opt(2009, 3, 14));
    assert_eq!(valid.postcode.as_deref(), Some("SE13 5AB"));
    assert_eq!(valid.referral_date, today());
}

#[test]
fn required_fields_and_bad_dates_are_named() {
    let mut input = CaseInput::blank(Uuid::nil(), today());
    input.date_of_birth = "31/02/2010".into();
    input.referral_date = "next week".into();
    input.postcode = "not a postcode".into();
    assert_eq!(
        fields(&input),
        [
            "subject_name",
            "date_of_birth",
            "postcode",
            "referral_date",
            "referral_route",
            "referral_reason",
            "consent"
        ]
    );
}

#[test]
fn sharing_without_consent_needs_a_lawful_ground() {
    let mut input = good();
    input.consent = Some(Consent::NotGiven);
    assert_eq!(fields(&input), ["lawful_ground"]);
    input.lawful_ground = "Prevention of serious harm (DPA 2018 Sch 8)".into();
    assert!(input.validate(today()).is_ok());
}

#[test]
fn future_dates_and_incomplete_linked_people_are_refused() {
    let mut input = good();
    input.date_of_birth = "2030-01-01".into();
    input.referral_date = "01/01/2030".into();
    input.linked_people.push(LinkedPersonInput {
        id: None,
        name: "".into(),
        relationship: None,
        keep_apart: true,
    });
    assert_eq!(
        fields(&input),
        [
            "date_of_birth",
            "referral_date",
            "linked_people.0.name",
            "linked_people.0.relationship"
        ]
    );
}

#[test]
fn approximate_age_only_counts_without_a_date_of_birth() {
    let mut input = good();
    input.approximate_age = Some(15);
    assert_eq!(input.validate(today()).unwrap().approximate_age, None);
    input.date_of_birth.clear();
    assert_eq!(input.validate(today()).unwrap().approximate_age, Some(15));
}

#[test]
fn postcodes() {
    assert_eq!(normalise_postcode("se13 5ab").as_deref(), Some("SE13 5AB"));
    assert_eq!(normalise_postcode("W1A1AA").as_deref(), Some("W1A 1AA"));
    assert_eq!(normalise_postcode("EC1A 1BB").as_deref(), Some("EC1A 1BB"));
    for bad in ["12345", "SE13", "ABC DEF", "SE13 5A"] {
        assert_eq!(normalise_postcode(bad), None, "{bad}");
    }
}
