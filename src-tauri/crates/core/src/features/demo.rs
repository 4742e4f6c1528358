//! "Load demo data": a fictional borough (Lowbridge) with a Youth MARAC and the
//! agencies that sit on it, its cases and meetings (see `demo_cases`), so a
//! newcomer can explore without real data.
//! Every name, address and email here is invented (`.example` domains).

use crate::domain::{AgencyInput, PanelInput, PanelKind, RepresentativeInput, Sector};
use crate::error::{CoreError, CoreResult};
use crate::features::{agencies, panels};
use crate::store::Engine;

/// (name, short code, sector, secure email, [(representative, role)])
type DemoAgency = (
    &'static str,
    &'static str,
    Sector,
    &'static str,
    &'static [(&'static str, &'static str)],
);

const AGENCIES: &[DemoAgency] = &[
    (
        "Lowbridge Police, Public Protection Unit",
        "POL",
        Sector::Police,
        "ppu@lowbridge-police.example",
        &[
            ("DI Marcus Bell", "Chair, Detective Inspector"),
            ("DS Amira Haddad", "Youth violence lead"),
        ],
    ),
    (
        "British Transport Police",
        "BTP",
        Sector::Police,
        "safeguarding@btp.example",
        &[("PC Joanna Kowalczyk", "Safeguarding officer")],
    ),
    (
        "Children's Social Care",
        "CSC",
        Sector::ChildrensSocialCare,
        "mash@lowbridge.example",
        &[
            ("Priya Natarajan", "Head of Service, Safeguarding"),
            ("Tom Reilly", "Team manager, Assessment"),
        ],
    ),
    (
        "Early Help",
        "EH",
        Sector::ChildrensSocialCare,
        "earlyhelp@lowbridge.example",
        &[("Grace Adeyemi", "Early Help coordinator")],
    ),
    (
        "Targeted Youth Support",
        "TYS",
        Sector::ChildrensSocialCare,
        "tys@lowbridge.example",
        &[("Dwayne Clarke", "Senior youth worker")],
    ),
    (
        "Adult Social Care",
        "ASC",
        Sector::AdultSocialCare,
        "asc.safeguarding@lowbridge.example",
        &[("Helen Marsh", "Safeguarding adults manager")],
    ),
    (
        "Lowbridge Hospital Emergency Department",
        "ED",
        Sector::Health,
        "ed.safeguarding@lowbridge-nhs.example",
        &[("Dr Farah Siddiqui", "Named doctor, safeguarding")],
    ),
    (
        "School Nursing Service",
        "SN",
        Sector::Health,
        "schoolnursing@lowbridge-nhs.example",
        &[("Bernadette O'Connor", "School nurse lead")],
    ),
    (
        "Child and Adolescent Mental Health Services",
        "CAMHS",
        Sector::MentalHealth,
        "camhs@lowbridge-nhs.example",
        &[("Dr Kwame Mensah", "Consultant clinical psychologist")],
    ),
    (
        "Adult Mental Health Liaison",
        "AMH",
        Sector::MentalHealth,
        "amh.liaison@lowbridge-nhs.example",
        &[("Sofia Petrova", "Liaison nurse")],
    ),
    (
        "Housing Needs",
        "HSG",
        Sector::Housing,
        "housingneeds@lowbridge.example",
        &[("Imran Chowdhury", "Housing options manager")],
    ),
    (
        "Lowbridge Homes",
        "LBH",
        Sector::Housing,
        "tenancy@lowbridge-homes.example",
        &[("Claire Watts", "Tenancy sustainment officer")],
    ),
    (
        "Probation Service, Lowbridge",
        "PS",
        Sector::Probation,
        "lowbridge.pdu@probation.example",
        &[("Nadia Rahman", "Senior probation officer")],
    ),
    (
        "Youth Justice Service",
        "YJS",
        Sector::YouthOffending,
        "yjs@lowbridge.example",
        &[("Chidi Okonkwo", "YJS team manager")],
    ),
    (
        "Education Inclusion Team",
        "EDU",
        Sector::Education,
        "inclusion@lowbridge.example",
        &[
            ("Rachel Green", "Inclusion lead"),
            ("Mohammed Abdi", "Attendance officer"),
        ],
    ),
    (
        "Riverside Pupil Referral Unit",
        "PRU",
        Sector::Education,
        "office@riverside-pru.example",
        &[("Lucy Tran", "Deputy head, pastoral")],
    ),
    (
        "Young People's Substance Misuse Service",
        "YPSM",
        Sector::SubstanceMisuse,
        "referrals@ypsm.example",
        &[("Jack Doherty", "Substance misuse worker")],
    ),
    (
        "Safer Streets Youth Advocates",
        "YA",
        Sector::Advocacy,
        "advocates@saferstreets.example",
        &[
            ("Aaliyah Campbell", "Youth advocate"),
            ("Piotr Nowak", "Youth advocate"),
        ],
    ),
    (
        "Lowbridge IDVA Service",
        "IDVA",
        Sector::Advocacy,
        "idva@lowbridge-idva.example",
        &[("Maria Santos", "Senior IDVA")],
    ),
    (
        "Bridges Youth Work",
        "BYW",
        Sector::VoluntarySector,
        "hello@bridges-youth.example",
        &[("Kofi Boateng", "Detached youth work lead")],
    ),
    (
        "Return Home Interview Service",
        "RHI",
        Sector::VoluntarySector,
        "rhi@childrens-charity.example",
        &[("Ellen Fraser", "Missing children worker")],
    ),
    (
        "Community Safety Partnership",
        "CSP",
        Sector::Other,
        "community.safety@lowbridge.example",
        &[("Yusuf Ali", "Youth MARAC coordinator")],
    ),
    (
        "Lowbridge Hospital Youth Violence Navigators",
        "YVN",
        Sector::VoluntarySector,
        "navigators@lowbridge-nhs.example",
        &[("Shanice Williams", "Hospital youth worker")],
    ),
];

/// Loads the demo borough. Refused unless Roundtable is empty, so it can never
/// mix invented people into real records.
pub fn load(store: &mut impl Engine, today: chrono::NaiveDate) -> CoreResult<()> {
    let has_data = store.read(crate::tables::panels::any_panel_or_agency)?;
    if has_data {
        return Err(CoreError::Conflict(
            "Demo data can only be loaded into an empty Roundtable. This one already has panels or agencies.".into(),
        ));
    }
    let mut panel = PanelInput::defaults(PanelKind::YouthMarac);
    panel.name = "Lowbridge Youth MARAC".into();
    panel.meeting_minutes = 240;
    panel.minutes_per_case = 12;
    let panel = panels::create(store, &panel)?;
    for (name, code, sector, email, reps) in AGENCIES {
        let agency = agencies::create(
            store,
            &AgencyInput {
                name: (*name).into(),
                short_code: (*code).into(),
                sector: Some(*sector),
                secure_email: (*email).into(),
                representatives: reps
                    .iter()
                    .map(|(rep, role)| RepresentativeInput {
                        id: None,
                        name: (*rep).into(),
                        role: (*role).into(),
                        email: String::new(),
                    })
                    .collect(),
            },
        )?;
        panels::set_membership(store, panel.id, agency.id, true)?;
    }
    crate::features::demo_cases::load(store, panel.id, today)
}

/// How many agencies the demo borough has (used by tests).
pub const AGENCY_COUNT: usize = AGENCIES.len();

/// The names of the demo's invented people (for tests that check a log or
/// a document holds none of them).
pub fn personal_names() -> Vec<&'static str> {
    crate::features::demo_cases::personal_names()
}
