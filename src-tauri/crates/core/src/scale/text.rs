//! The scale dataset's directory (four panels, forty agencies) and the
//! wording it records: referral reasons, what agencies share, actions and
//! the updates on them. All invented; phrased the way panels write.

use crate::domain::PanelKind;
use crate::domain::agency::Sector;

pub(crate) struct PanelPlan {
    pub name: &'static str,
    pub kind: PanelKind,
    pub meeting_minutes: u32,
    pub minutes_per_case: u32,
    /// How many of the directory's agencies sit on it.
    pub members: usize,
    /// Ages at referral: (youngest, oldest).
    pub ages: (u32, u32),
    /// In a hundred referrals, how many have children in the household.
    pub with_children: u32,
    pub concerns: &'static [&'static str],
    pub start_time: &'static str,
}

pub(crate) const PANELS: &[PanelPlan] = &[
    PanelPlan {
        name: "Lowbridge MARAC",
        kind: PanelKind::Marac,
        meeting_minutes: 480,
        minutes_per_case: 12,
        members: 30,
        ages: (18, 64),
        with_children: 62,
        concerns: &["Domestic abuse"],
        start_time: "09:30",
    },
    PanelPlan {
        name: "Lowbridge Youth MARAC",
        kind: PanelKind::YouthMarac,
        meeting_minutes: 300,
        minutes_per_case: 12,
        members: 26,
        ages: (13, 19),
        with_children: 12,
        concerns: &[
            "Serious youth violence",
            "Knife crime",
            "Gang association",
            "Criminal exploitation",
        ],
        start_time: "10:00",
    },
    PanelPlan {
        name: "Lowbridge MACE Panel",
        kind: PanelKind::Mace,
        meeting_minutes: 300,
        minutes_per_case: 10,
        members: 24,
        ages: (10, 17),
        with_children: 20,
        concerns: &[
            "Criminal exploitation",
            "County lines",
            "Sexual exploitation",
            "Missing",
            "Online harm",
            "Trafficking",
        ],
        start_time: "13:30",
    },
    PanelPlan {
        name: "Lowbridge Offender Management Panel",
        kind: PanelKind::OffenderManagement,
        meeting_minutes: 360,
        minutes_per_case: 15,
        members: 20,
        ages: (16, 45),
        with_children: 35,
        concerns: &[
            "Serious youth violence",
            "Gang association",
            "Domestic abuse",
            "Knife crime",
        ],
        start_time: "14:00",
    },
];

/// (name, short code, sector). The police and children's social care come
/// first: every panel has them.
pub(crate) const AGENCIES: &[(&str, &str, Sector)] = &[
    (
        "Lowbridge Police, Public Protection Unit",
        "POL",
        Sector::Police,
    ),
    ("Children's Social Care", "CSC", Sector::ChildrensSocialCare),
    ("Lowbridge IDVA Service", "IDVA", Sector::Advocacy),
    ("Probation Service, Lowbridge", "PS", Sector::Probation),
    ("Housing Needs", "HSG", Sector::Housing),
    (
        "Lowbridge Hospital Emergency Department",
        "ED",
        Sector::Health,
    ),
    ("Adult Social Care", "ASC", Sector::AdultSocialCare),
    ("Youth Justice Service", "YJS", Sector::YouthOffending),
    ("Education Inclusion Team", "EDU", Sector::Education),
    (
        "Child and Adolescent Mental Health Services",
        "CAMHS",
        Sector::MentalHealth,
    ),
    ("Adult Mental Health Liaison", "AMH", Sector::MentalHealth),
    ("Lowbridge Homes", "LBH", Sector::Housing),
    ("Early Help", "EH", Sector::ChildrensSocialCare),
    ("Targeted Youth Support", "TYS", Sector::ChildrensSocialCare),
    ("School Nursing Service", "SN", Sector::Health),
    ("Health Visiting Service", "HV", Sector::Health),
    (
        "Lowbridge Maternity Safeguarding Team",
        "MAT",
        Sector::Health,
    ),
    ("GP Safeguarding Leads", "GP", Sector::Health),
    (
        "Young People's Substance Misuse Service",
        "YPSM",
        Sector::SubstanceMisuse,
    ),
    (
        "Adult Drug and Alcohol Service",
        "DAS",
        Sector::SubstanceMisuse,
    ),
    ("Safer Streets Youth Advocates", "YA", Sector::Advocacy),
    (
        "Refuge and Outreach Service",
        "ROS",
        Sector::VoluntarySector,
    ),
    ("Bridges Youth Work", "BYW", Sector::VoluntarySector),
    (
        "Return Home Interview Service",
        "RHI",
        Sector::VoluntarySector,
    ),
    ("British Transport Police", "BTP", Sector::Police),
    ("Community Safety Partnership", "CSP", Sector::Other),
    (
        "Lowbridge Hospital Youth Violence Navigators",
        "YVN",
        Sector::VoluntarySector,
    ),
    ("Riverside Pupil Referral Unit", "PRU", Sector::Education),
    ("Lowbridge College Safeguarding", "COL", Sector::Education),
    ("Department for Work and Pensions", "DWP", Sector::Other),
    ("Victim Support", "VS", Sector::VoluntarySector),
    (
        "Men's Behaviour Change Programme",
        "MBC",
        Sector::VoluntarySector,
    ),
    ("Anti-social Behaviour Team", "ASB", Sector::Other),
    ("Lowbridge Fire and Rescue", "FIRE", Sector::Other),
    ("Integrated Offender Management", "IOM", Sector::Probation),
    ("Prison Resettlement Service", "PRS", Sector::Probation),
    ("Gangs and Exploitation Unit", "GEU", Sector::Police),
    (
        "Looked After Children Service",
        "LAC",
        Sector::ChildrensSocialCare,
    ),
    ("Sexual Health Service", "SHS", Sector::Health),
    (
        "Interpreting and Community Link Workers",
        "ICL",
        Sector::Other,
    ),
];

pub(crate) const STREETS: &[&str] = &[
    "Granville Road",
    "Ennersdale Road",
    "Mercia Grove",
    "Brockley Rise",
    "Hither Green Lane",
    "Sandhurst Road",
    "Wellmeadow Road",
    "Torridon Road",
    "Ardgowan Road",
    "Manor Lane",
    "Lee High Road",
    "Lewisham Way",
    "Loampit Vale",
    "Rushey Green",
    "Bromley Road",
];

pub(crate) const POSTCODES: &[&str] = &[
    "SE13 5AB", "SE6 2LN", "SE4 1AA", "SE8 4RT", "SE14 6TY", "SE12 8QP", "SE23 3HF", "SE26 4PU",
    "SE10 9RB", "SE13 6EW", "SE6 4DF", "SE4 2PT", "SE8 3NU", "SE12 0AX",
];

pub(crate) const SCHOOLS: &[&str] = &[
    "Lowbridge Academy",
    "Riverside Pupil Referral Unit",
    "St Mary's Catholic School",
    "Lowbridge College",
    "Hatcham Park School",
    "Not in education",
    "Forest Hill School",
    "Prendergast Vale",
];

pub(crate) const OFFICERS: &[&str] = &[
    "DS Amira Haddad",
    "PC Joanna Kowalczyk",
    "Tom Reilly",
    "Dr Farah Siddiqui",
    "Chidi Okonkwo",
    "Rachel Green",
    "Maria Santos",
    "Nadia Rahman",
    "Imran Chowdhury",
    "Helen Marsh",
];

pub(crate) const LEADS: &[&str] = &[
    "Maria Santos (IDVA)",
    "Aaliyah Campbell (Youth advocate)",
    "Piotr Nowak (Youth advocate)",
    "Chidi Okonkwo (YJS)",
    "Priya Natarajan (CSC)",
    "Nadia Rahman (Probation)",
];

pub(crate) const CHAIRS: &[&str] = &["DI Marcus Bell", "DCI Sarah Okonjo", "Priya Natarajan"];
pub(crate) const MINUTE_TAKERS: &[&str] = &["Yusuf Ali", "Hannah Lewis", "Kemi Adebayo"];

pub(crate) const LINKED: &[&str] = &[
    "Tyrell Grant",
    "Kacper Nowicki",
    "Dean Marsh",
    "Ryan Cole",
    "Abdi Farah",
    "Jordan Hale",
];

/// Why a referral was made, by panel (index as in `PANELS`).
pub(crate) fn reasons(panel: usize) -> &'static [&'static str] {
    match panel {
        0 => &[
            "DASH risk assessment scored 16 after a strangulation attempt; children present.",
            "Third police call-out in twelve months; perpetrator released on bail last week.",
            "Professional judgement: escalating coercive control and threats to kill.",
            "Disclosed at the Emergency Department after a head injury; fears returning home.",
            "Perpetrator breached a non-molestation order twice this month.",
        ],
        1 => &[
            "Stabbed in the thigh near the bus station; treated at the Emergency Department.",
            "Victim of a shooting in the park; not seriously injured. Believed targeted.",
            "Found carrying a knife at school; says it is for protection.",
            "Assaulted by a group after a dispute on social media; threats continue.",
        ],
        2 => &[
            "Seen getting into cars with older males; new phone and clothes the family cannot explain.",
            "Third missing episode in twelve months; found in Southend each time.",
            "School reports sexualised messages from adults online and unexplained absences.",
            "Arrested in a trap house in Kent with drugs and cash on them.",
        ],
        _ => &[
            "Released on licence; previous convictions for violence and weapons.",
            "Intelligence of renewed gang association and threats against a rival group.",
            "Repeat domestic abuse perpetrator; new partner has a young child.",
            "Breach of licence conditions and missed appointments for six weeks.",
        ],
    }
}

pub(crate) const FACTS: &[&str] = &[
    "Two call-outs in October; the perpetrator breached his bail conditions and was arrested.",
    "Known to the service since 2019; last contact three weeks ago, engaged well.",
    "Attended the Emergency Department twice this year with injuries to the face and arms.",
    "Open to the service under a child in need plan; home visit last week found the flat cold.",
    "Missed the last three appointments; the worker has been unable to make contact.",
    "Temporary accommodation offered; the family has rent arrears and a notice to quit.",
    "School attendance has fallen to 61 per cent; two fixed-term exclusions this term.",
    "Intelligence links the address to drug supply; a warrant was executed last month.",
    "On licence until March; reporting weekly and tested negative at the last appointment.",
    "Registered with the practice; prescribed medication for anxiety and low mood.",
];

pub(crate) const OPINIONS: &[&str] = &[
    "The risk of serious harm is escalating.",
    "Engagement is improving but fragile.",
    "The worker believes the young person is being groomed.",
    "We are concerned the children are not safe at home.",
    "Risk appears reduced since the move.",
];

pub(crate) const WITHHELD: (&str, &str) = (
    "Details of an ongoing investigation.",
    "Disclosure could prejudice a criminal investigation (DPA 2018 Sch 2 para 2).",
);

pub(crate) const SUMMARIES: &[&str] = &[
    "High risk; children in the household. Safety planning with the advocate continues.",
    "Risk remains high while the perpetrator is in the community.",
    "Some progress: engaged with the youth worker and attending school more often.",
    "Risk reduced since the move to a new address; protective factors in place.",
    "Continuing concern about exploitation; agencies to share intelligence weekly.",
];

pub(crate) const DECISIONS: &[&str] = &[
    "Refer to MASH; safety plan with the IDVA; flag the address for an urgent response.",
    "Strategy discussion to be convened; school to nominate a trusted adult.",
    "Joint home visit by police and social care; housing to prioritise a move.",
    "Referral to the National Referral Mechanism; return home interview after each episode.",
];

pub(crate) const WHO_TELLS: &[&str] = &[
    "The IDVA, by phone",
    "The youth advocate, in person",
    "The social worker, at the next visit",
    "The probation officer",
    "The school's safeguarding lead",
];

/// Actions an agency of `sector` might own.
pub(crate) fn actions(sector: Sector) -> &'static [&'static str] {
    match sector {
        Sector::Police => &[
            "Flag the home address for an urgent response and share intelligence on associates",
            "Complete a Clare's Law disclosure and report back to the coordinator",
            "Review bail conditions and tell the victim of any change",
        ],
        Sector::ChildrensSocialCare => &[
            "Complete a child and family assessment and share the outcome with the panel",
            "Convene a strategy discussion within five working days",
            "Offer weekly one-to-one sessions with a youth worker and report engagement",
        ],
        Sector::Housing => &[
            "Assess for a management transfer and confirm the outcome in writing",
            "Fit additional locks and a door alarm at the property",
        ],
        Sector::Health | Sector::MentalHealth => &[
            "Flag the record and tell the GP of the panel's concerns",
            "Offer an assessment appointment within two weeks",
        ],
        Sector::Education => &[
            "Nominate a trusted adult at school and agree a safe route home",
            "Share attendance figures weekly with the lead professional",
        ],
        Sector::Probation | Sector::YouthOffending => &[
            "Review licence conditions and consider an exclusion zone",
            "Increase reporting to twice weekly and report any missed appointment",
        ],
        _ => &[
            "Make contact within five working days and offer support",
            "Share any new information with the lead professional",
            "Arrange a joint visit with the lead professional",
        ],
    }
}

pub(crate) const DONE_NOTES: &[&str] = &[
    "Completed and reported to the coordinator.",
    "Done: outcome shared with the lead professional.",
    "Completed late: the worker was off sick.",
];

pub(crate) const PROGRESS_NOTES: &[&str] = &[
    "Started: first home visit done.",
    "Under way: appointment booked for next week.",
];

pub(crate) const NOT_DONE_CIRCUMSTANCES: &str =
    "The family moved out of the borough before it could be done.";
pub(crate) const NOT_DONE_AGENCY: &str = "Not done: no worker was allocated in time.";
