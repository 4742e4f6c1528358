//! Benchmark: the minutes of a 40-case meeting with 25 agencies and 300
//! actions (<= 150 ms, <= 300 KB), and all 25 agencies' action plans for it
//! (<= 600 ms together); release build, encrypted store, names in many
//! scripts. Run with `cargo bench -p roundtable-core --bench documents`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::{Duration, Instant};

use chrono::{NaiveDate, Utc};
use roundtable_core::Store;
use roundtable_core::domain::action::ActionInput;
use roundtable_core::domain::case::{CaseInput, Consent, ReferralRoute};
use roundtable_core::domain::meeting::{HearingOutcome, MeetingInput, MeetingKind};
use roundtable_core::domain::running::{
    AssessmentInput, AttendanceStatus, OutcomeInput, Rag, RiskLevel, ShareInput, ShareState,
};
use roundtable_core::domain::{AgencyInput, PanelInput, PanelKind, Sector};
use roundtable_core::features::cases::{self, CaseAction};
use roundtable_core::features::{actions, agencies, documents, meetings, panels, running};

const MORE_NAMES: &[&str] = &[
    "Jayden Clarke",
    "Leah Mensah",
    "Kwame Asante",
    "Siobhán O'Connor",
];

fn fastest(samples: &[Duration]) -> f64 {
    samples.iter().min().map_or(0.0, |d| d.as_secs_f64() * 1e3)
}

fn median(samples: &mut [Duration]) -> f64 {
    samples.sort();
    samples[samples.len() / 2].as_secs_f64() * 1e3
}

fn main() {
    let names: Vec<&str> = roundtable_pdf::SAMPLE_NAMES
        .iter()
        .chain(MORE_NAMES)
        .copied()
        .collect();
    let today = roundtable_core::dates::local_today();
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("bench.db"), "benchmark passphrase").unwrap();
    store.set_actor("Yusuf Ali");
    let mut panel = PanelInput::defaults(PanelKind::Marac);
    panel.name = "Benchmark MARAC".into();
    panel.meeting_minutes = 480;
    panel.minutes_per_case = 10;
    let panel = panels::create(&mut store, &panel).unwrap();
    let mut agency_ids = Vec::new();
    for i in 0..25 {
        let a = agencies::create(
            &mut store,
            &AgencyInput {
                name: format!("Agency number {i} of the borough"),
                short_code: format!("AG{i}"),
                sector: Some(Sector::Other),
                secure_email: String::new(),
                representatives: vec![],
            },
        )
        .unwrap();
        panels::set_membership(&mut store, panel.id, a.id, true).unwrap();
        agency_ids.push(a.id);
    }
    for i in 0..40 {
        let mut input = CaseInput::blank(panel.id, today);
        input.subject_name = format!("{} {i}", names[i % names.len()]);
        input.date_of_birth = format!("{:02}/0{}/2009", 1 + i % 28, 1 + i % 9);
        input.referral_date = (today - chrono::Days::new(10))
            .format("%Y-%m-%d")
            .to_string();
        input.referral_route = Some(ReferralRoute::ProfessionalJudgement);
        input.referral_reason = "Repeated incidents of domestic abuse reported to police; the children were present at two of them.".into();
        input.consent = Some(Consent::Given);
        input.lead_professional = "Priya Natarajan (CSC)".into();
        let c = cases::create(&mut store, &input, today).unwrap();
        cases::transition(&mut store, c.id, &CaseAction::Accept, today).unwrap();
    }
    let date: NaiveDate = today + chrono::Days::new(7);
    let meeting = meetings::create(
        &mut store,
        &MeetingInput {
            panel_id: panel.id,
            kind: MeetingKind::Scheduled,
            date: date.format("%Y-%m-%d").to_string(),
            start_time: "09:30".into(),
            venue: "Lowbridge Civic Centre".into(),
            chair: "DI Marcus Bell".into(),
            minute_taker: "Yusuf Ali".into(),
            expected_agency_ids: vec![],
        },
        today,
    )
    .unwrap();
    for a in &agency_ids {
        running::set_agency_attendance(&mut store, meeting.id, *a, AttendanceStatus::Present)
            .unwrap();
    }
    let case_ids: Vec<_> = meeting
        .items
        .iter()
        .filter_map(|i| i.case.as_ref().map(|c| c.id))
        .collect();
    assert_eq!(case_ids.len(), 40);
    let mut n = 0;
    for (k, case) in case_ids.iter().enumerate() {
        for j in 0..5 {
            running::share(
                &mut store,
                meeting.id,
                *case,
                agency_ids[(k + j) % 25],
                &ShareInput {
                    state: ShareState::Known,
                    facts: "Two call-outs in October; the perpetrator breached his bail conditions on 3 November and was arrested.".into(),
                    opinion: "The risk of serious harm is escalating.".into(),
                    withheld: String::new(),
                    withheld_reason: String::new(), based_on: None, },
            )
            .unwrap();
        }
        running::assess(
            &mut store,
            meeting.id,
            *case,
            &AssessmentInput {
                summary: "High risk; children in the household.".into(),
                risk_level: Some(RiskLevel::High),
                risk_rag: Some(Rag::Red),
                likelihood: Some(3),
                impact: Some(3),
                decisions: "Refer to MASH; safety plan with the IDVA.".into(),
                who_tells: "The IDVA, by phone".into(),
            },
        )
        .unwrap();
        running::decide(
            &mut store,
            meeting.id,
            *case,
            &OutcomeInput {
                outcome: HearingOutcome::Continue,
                review: "+6w".into(),
                reason: String::new(),
            },
            today,
        )
        .unwrap();
        let per_case = if k < 20 { 8 } else { 7 };
        for _ in 0..per_case {
            actions::add(
                &mut store,
                &ActionInput {
                    meeting_id: meeting.id,
                    case_id: Some(*case),
                    agency_id: Some(agency_ids[n % 25]),
                    text: format!(
                        "Complete a safety visit and share the outcome with the IDVA (action {n})"
                    ),
                    due: "+2w".into(),
                    officer: "PC Joanna Kowalczyk".into(),
                },
                today,
            )
            .unwrap();
            n += 1;
        }
    }
    assert_eq!(n, 300);

    println!(
        "Minutes and action plans: 40 cases, 25 agencies, {n} actions (release build, encrypted store)\n"
    );
    println!(
        "| {:<44} | {:>10} | {:>10} | {:<6} |",
        "operation", "median", "target", "result"
    );
    println!(
        "|{}|{}|{}|{}|",
        "-".repeat(46),
        "-".repeat(12),
        "-".repeat(12),
        "-".repeat(8)
    );

    let mut times = Vec::new();
    let mut size = 0;
    for _ in 0..15 {
        let t = Instant::now();
        let bytes =
            documents::pdf(&documents::minutes(store.conn(), meeting.id, Utc::now()).unwrap())
                .unwrap();
        times.push(t.elapsed());
        size = bytes.len();
    }
    let first = times[0].as_secs_f64() * 1e3;
    let quickest = fastest(&times);
    let ms = median(&mut times);
    let verdict = |ok: bool| if ok { "met" } else { "MISSED" };
    println!(
        "| {:<44} | {:>7.1} ms | <= 150 ms  | {:<6} |",
        "minutes (40 cases)",
        ms,
        verdict(ms <= 150.0)
    );
    println!(
        "| {:<44} | {:>7.1} ms |            |        |",
        "  (fastest of 15)", quickest
    );
    println!(
        "| {:<44} | {:>7.1} ms |            |        |",
        "  (the first, before anything is cached)", first
    );
    let kb = size as f64 / 1024.0;
    println!(
        "| {:<44} | {:>7.0} KB | <= 300 KB  | {:<6} |",
        "minutes file size",
        kb,
        verdict(kb <= 300.0)
    );

    // Where the time goes: reading the meeting, then laying it out.
    let mut reading = Vec::new();
    for _ in 0..7 {
        let t = Instant::now();
        let _ = documents::minutes(store.conn(), meeting.id, Utc::now()).unwrap();
        reading.push(t.elapsed());
    }
    println!(
        "| {:<44} | {:>7.1} ms | (part)     |        |",
        "  of which reading the meeting",
        median(&mut reading)
    );

    let mut plans = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        for a in &agency_ids {
            let bytes = documents::pdf(
                &documents::action_plan(store.conn(), meeting.id, *a, Utc::now()).unwrap(),
            )
            .unwrap();
            assert!(bytes.len() > 1000);
        }
        plans.push(t.elapsed());
    }
    let ms = median(&mut plans);
    println!(
        "| {:<44} | {:>7.1} ms | <= 600 ms  | {:<6} |",
        "all 25 action plans",
        ms,
        verdict(ms <= 600.0)
    );
}
