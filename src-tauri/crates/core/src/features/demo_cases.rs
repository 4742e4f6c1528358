//! The demo borough's cases and meetings: about sixty young people with names
//! in the scripts a London borough sees, six past meetings with their
//! hearings, two repeat referrals, and the next meeting ready to run. Built
//! through the same features a coordinator uses, in date order, so the demo
//! behaves exactly like real data. Every person here is invented.

use std::collections::HashMap;

use chrono::{Datelike, Days, NaiveDate};
use uuid::Uuid;

use crate::domain::case::{
    CaseInput, Consent, Ethnicity, Gender, LinkedPersonInput, ReferralRoute, Relationship,
    YesNoUnknown,
};
use crate::domain::meeting::{AgendaItemKind, HearingOutcome, MeetingKind};
use crate::error::CoreResult;
use crate::features::cases::{self, CaseAction};
use crate::features::{demo_meeting, meetings};
use crate::store::Engine;
use crate::store::codec::ymd;

/// (name, gender)
const PEOPLE: &[(&str, Gender)] = &[
    ("Amara Okafor", Gender::Female),
    ("Oluwaseun Adébáyọ̀", Gender::Male),
    ("Adéwálé Ògúnlọ́lá", Gender::Male),
    ("Fọláṣadé Àjàyí", Gender::Female),
    ("Chidi Nwosu", Gender::Male),
    ("Zofia Wiśniewska", Gender::Female),
    ("Łukasz Wójcik", Gender::Male),
    ("Małgorzata Kowalczyk", Gender::Female),
    ("Piotr Zieliński", Gender::Male),
    ("Nguyễn Văn An", Gender::Male),
    ("Trần Thị Hồng", Gender::Female),
    ("Phạm Minh Đức", Gender::Male),
    ("Lê Thị Thu Hà", Gender::Female),
    ("Abdirahman Warsame", Gender::Male),
    ("Hodan Cabdullaahi", Gender::Female),
    ("Faadumo Xasan", Gender::Female),
    ("Maxamed Cali Nuur", Gender::Male),
    ("محمد العلي", Gender::Male),
    ("فاطمة حسن", Gender::Female),
    ("يوسف إبراهيم", Gender::Male),
    ("রহিম উদ্দিন", Gender::Male),
    ("সুমাইয়া বেগম", Gender::Female),
    ("তানভীর আহমেদ", Gender::Male),
    ("Иван Петров", Gender::Male),
    ("Анастасия Смирнова", Gender::Female),
    ("Олександр Коваленко", Gender::Male),
    ("王伟", Gender::Male),
    ("李娜", Gender::Female),
    ("张晨阳", Gender::Male),
    ("Siobhán O'Connor", Gender::Female),
    ("Seán Ó Briain", Gender::Male),
    ("José Müller", Gender::Male),
    ("Chloé Durand", Gender::Female),
    ("Jayden Clarke", Gender::Male),
    ("Tyler Brown", Gender::Male),
    ("Kai Thompson", Gender::Male),
    ("Leah Mensah", Gender::Female),
    ("Kwame Asante", Gender::Male),
    ("Shanice Reid", Gender::Female),
    ("Marcus Johnson", Gender::Male),
    ("Ella Hughes", Gender::Female),
    ("Reece Walker", Gender::Male),
    ("Precious Adeyemi", Gender::Female),
    ("Dominik Nowak", Gender::Male),
    ("Ayaan Hussain", Gender::Male),
    ("Zainab Rahman", Gender::Female),
    ("Jamal Osei", Gender::Male),
    ("Keisha Williams", Gender::Female),
    ("Liam O'Reilly", Gender::Male),
    ("Mia Kowalski", Gender::Female),
    ("Darnell Grant", Gender::Male),
    ("Amina Yusuf", Gender::Female),
    ("Ibrahim Jalloh", Gender::Male),
    ("Sofia Rossi", Gender::Female),
    ("Ethan Morris", Gender::Male),
    ("Fatima Bangura", Gender::Female),
    ("Noah Ellis", Gender::Male),
    ("Grace Mwangi", Gender::Female),
    ("Daniel Mensah", Gender::Male),
    ("Rhys Evans", Gender::Male),
];

/// Every invented person's name in the demo: its young people and the
/// people linked to them.
pub(crate) fn personal_names() -> Vec<&'static str> {
    PEOPLE
        .iter()
        .map(|(name, _)| *name)
        .chain(LINKED.iter().copied())
        .collect()
}

const LINKED: &[&str] = &["Tyrell Grant", "Kacper Nowicki", "Dean Marsh"];

const POSTCODES: &[&str] = &[
    "SE13 5AB", "SE6 2LN", "SE4 1AA", "SE8 4RT", "SE14 6TY", "SE12 8QP", "SE23 3HF", "SE26 4PU",
    "SE10 9RB",
];
const SCHOOLS: &[&str] = &[
    "Lowbridge Academy",
    "Riverside Pupil Referral Unit",
    "St Mary's Catholic School",
    "Lowbridge College",
    "Hatcham Park School",
    "Not in education",
];
const REFERRERS: &[&str] = &[
    "POL", "CSC", "ED", "YJS", "EDU", "YA", "BTP", "HSG", "CAMHS",
];
const ETHNICITIES: &[Ethnicity] = &[
    Ethnicity::African,
    Ethnicity::Caribbean,
    Ethnicity::WhiteBritish,
    Ethnicity::OtherWhite,
    Ethnicity::Bangladeshi,
    Ethnicity::WhiteAndBlackCaribbean,
    Ethnicity::Arab,
    Ethnicity::Chinese,
    Ethnicity::OtherBlack,
    Ethnicity::NotStated,
];
/// (route, reason, categories)
const REFERRALS: &[(ReferralRoute, &str, &[&str])] = &[
    (
        ReferralRoute::Automatic,
        "Stabbed in the thigh near the bus station; treated at the Emergency Department.",
        &["Knife crime", "Serious youth violence"],
    ),
    (
        ReferralRoute::ProfessionalJudgement,
        "Seen getting into cars with older males; new phone and clothes the family cannot explain.",
        &["Criminal exploitation", "County lines"],
    ),
    (
        ReferralRoute::Escalation,
        "Third missing episode in twelve months; found in Southend each time.",
        &["Missing", "County lines"],
    ),
    (
        ReferralRoute::RiskScore,
        "Young person's Dash checklist scored 15: abuse by a partner, getting worse.",
        &["Domestic abuse"],
    ),
    (
        ReferralRoute::Automatic,
        "Victim of a shooting in the park; not seriously injured. Believed targeted.",
        &["Serious youth violence", "Gang association"],
    ),
    (
        ReferralRoute::ProfessionalJudgement,
        "School reports sexualised messages from adults online and unexplained absences.",
        &["Sexual exploitation", "Online harm"],
    ),
];

fn days_before(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_sub_days(Days::new(days)).unwrap_or(date)
}

/// The demo person `i`, varied so every breakdown of the statistics shows.
fn the_person(input: &mut CaseInput, i: usize, referred: NaiveDate) {
    let (name, gender) = PEOPLE[i % PEOPLE.len()];
    input.subject_name = name.into();
    let age = 13 + (i % 6) as i32;
    if i % 17 == 5 {
        // Unsure of the date of birth: an approximate age instead.
        input.approximate_age = Some(age as u32);
    } else {
        let dob = NaiveDate::from_ymd_opt(
            referred.year() - age,
            1 + (i * 7 % 12) as u32,
            1 + (i * 11 % 28) as u32,
        );
        input.date_of_birth = dob.map(ymd).unwrap_or_default();
    }
    input.gender = Some(gender);
    input.ethnicity = Some(ETHNICITIES[i % ETHNICITIES.len()]);
    input.disability = Some(if i.is_multiple_of(9) {
        YesNoUnknown::Yes
    } else {
        YesNoUnknown::No
    });
    input.lgbt = if i.is_multiple_of(11) {
        Some(YesNoUnknown::NotKnown)
    } else {
        None
    };
    input.address = format!(
        "{} {} Road, Lowbridge",
        2 + i * 3,
        [
            "Granville",
            "Ennersdale",
            "Mercia",
            "Brockley",
            "Hither Green"
        ][i % 5]
    );
    input.postcode = POSTCODES[i % POSTCODES.len()].into();
    input.school = SCHOOLS[i % SCHOOLS.len()].into();
}

/// The demo's referral `i`: the person, referrer, reason, consent, links.
fn referral(
    panel_id: Uuid,
    i: usize,
    referred: NaiveDate,
    today: NaiveDate,
    agencies: &HashMap<String, Uuid>,
) -> CaseInput {
    let (route, reason, concerns) = REFERRALS[i % REFERRALS.len()];
    let mut input = CaseInput::blank(panel_id, today);
    the_person(&mut input, i, referred);
    input.referring_agency_id = agencies.get(REFERRERS[i % REFERRERS.len()]).copied();
    input.referring_officer = [
        "DS Amira Haddad",
        "Tom Reilly",
        "Dr Farah Siddiqui",
        "Chidi Okonkwo",
        "Rachel Green",
    ][i % 5]
        .into();
    input.referral_date = ymd(referred);
    input.referral_route = Some(route);
    input.referral_reason = reason.into();
    input.concerns = concerns.iter().map(|c| (*c).to_owned()).collect();
    if i % 7 == 3 {
        input.consent = Some(Consent::NotGiven);
        input.lawful_ground =
            "Sharing without consent to prevent serious harm to a child (DPA 2018 Sch 8 para 4)."
                .into();
    } else {
        input.consent = Some(Consent::Given);
    }
    if i % 4 == 1 {
        input.children_count = 1 + (i % 3) as u32;
        input.children_details = "Younger siblings at home.".into();
    }
    if i % 5 == 2 {
        input.linked_people.push(LinkedPersonInput {
            id: None,
            name: LINKED[i % LINKED.len()].into(),
            relationship: Some(if i.is_multiple_of(2) {
                Relationship::Perpetrator
            } else {
                Relationship::Associate
            }),
            keep_apart: i.is_multiple_of(2),
        });
    }
    input.lead_professional = [
        "Aaliyah Campbell (Youth advocate)",
        "Piotr Nowak (Youth advocate)",
        "Chidi Okonkwo (YJS)",
    ][i % 3]
        .into();
    input
}

/// Each case on a held meeting's agenda heard as a real panel would: shares
/// from several agencies, risk, the outcome (about a third stay open for
/// review at the next meeting) and, for those, actions and their reports.
fn hear_cases(
    store: &mut impl Engine,
    meeting: &crate::domain::meeting::MeetingDetail,
    agencies: &HashMap<String, Uuid>,
    (meetings_ago, today): (u64, NaiveDate),
) -> CoreResult<()> {
    for (n, item) in meeting.items.iter().enumerate() {
        let Some(case) = &item.case else { continue };
        if !matches!(
            item.kind,
            AgendaItemKind::NewCase | AgendaItemKind::ReviewCase
        ) {
            continue;
        }
        let outcome = if item.kind == AgendaItemKind::NewCase && n % 3 == 0 {
            HearingOutcome::Continue
        } else {
            HearingOutcome::Close
        };
        demo_meeting::shares(store, meeting.id, case.id, n, agencies)?;
        demo_meeting::outcome(store, meeting.id, case.id, outcome, today)?;
        demo_meeting::past_hearing(
            store,
            meeting.id,
            case.id,
            n,
            outcome,
            agencies,
            (meetings_ago, today),
        )?;
    }
    Ok(())
}

/// Referrals since the last meeting: most accepted, three awaiting triage;
/// and two people referred again: Jayden within the repeat window
/// (confirmed), Zofia typed without her accents (offered, waiting for the
/// coordinator).
fn since_last_meeting(
    store: &mut impl Engine,
    panel_id: Uuid,
    mut next: usize,
    agencies: &HashMap<String, Uuid>,
    today: NaiveDate,
) -> CoreResult<()> {
    for j in 0..12u64 {
        let input = referral(panel_id, next, days_before(today, 18 - j), today, agencies);
        let case = cases::create(store, &input, today)?;
        super::demo_dash::after_referral(store, case.id, &input, today)?;
        if j < 9 {
            cases::transition(store, case.id, &CaseAction::Accept, today)?;
        }
        next += 1;
    }
    let jayden = PEOPLE
        .iter()
        .position(|(n, _)| *n == "Jayden Clarke")
        .unwrap_or(0);
    let mut again = referral(panel_id, jayden, days_before(today, 4), today, agencies);
    again.referral_route = Some(ReferralRoute::Repeat);
    again.referral_reason =
        "Arrested with a bladed article outside school; known to the panel.".into();
    again.children_count = 0;
    let repeat = cases::create(store, &again, today)?;
    if let Some(earlier) = repeat.possible_repeats.first() {
        cases::decide_repeat(store, repeat.id, earlier.case_id, true, today)?;
    }
    cases::transition(store, repeat.id, &CaseAction::Accept, today)?;
    let zofia = PEOPLE
        .iter()
        .position(|(n, _)| *n == "Zofia Wiśniewska")
        .unwrap_or(0);
    let mut zofia_again = referral(panel_id, zofia, days_before(today, 2), today, agencies);
    zofia_again.subject_name = "Zofia Wisniewska".into();
    cases::create(store, &zofia_again, today)?;
    Ok(())
}

/// Builds the demo borough's history for `panel_id` up to `today`.
pub(crate) fn load(store: &mut impl Engine, panel_id: Uuid, today: NaiveDate) -> CoreResult<()> {
    let agencies = demo_meeting::agency_ids(store)?;
    let minute_taker = store.actor().to_owned();
    let mut next = 0usize;
    // Six meetings, six weeks apart, the last one three weeks ago.
    for k in (0..6u64).rev() {
        let date = days_before(today, 21 + k * 42);
        for j in 0..8 {
            let input = referral(panel_id, next, days_before(date, 12 + j), today, &agencies);
            let case = cases::create(store, &input, today)?;
            super::demo_dash::after_referral(store, case.id, &input, today)?;
            cases::transition(store, case.id, &CaseAction::Accept, today)?;
            next += 1;
        }
        if k == 1 {
            // Someone heard at the first meeting, referred again within the
            // repeat window: a repeat the panel hears.
            let mut again = referral(panel_id, 3, days_before(date, 6), today, &agencies);
            again.referral_route = Some(ReferralRoute::Repeat);
            again.referral_reason =
                "Missing again for four days; found in a trap house in Kent.".into();
            let repeat = cases::create(store, &again, today)?;
            if let Some(earlier) = repeat.possible_repeats.first() {
                cases::decide_repeat(store, repeat.id, earlier.case_id, true, today)?;
            }
            cases::transition(store, repeat.id, &CaseAction::Accept, today)?;
        }
        let meeting = meetings::create(
            store,
            &demo_meeting::meeting_input(panel_id, MeetingKind::Scheduled, date, &minute_taker),
            today,
        )?;
        demo_meeting::attendance(store, meeting.id)?;
        hear_cases(store, &meeting, &agencies, (k, today))?;
        demo_meeting::chaired_through(store, &meeting, k)?;
    }
    since_last_meeting(store, panel_id, next, &agencies, today)?;

    // The next meeting, in two weeks, ready to run.
    meetings::create(
        store,
        &demo_meeting::meeting_input(
            panel_id,
            MeetingKind::Scheduled,
            today.checked_add_days(Days::new(14)).unwrap_or(today),
            &minute_taker,
        ),
        today,
    )?;
    Ok(())
}
