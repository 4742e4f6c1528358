//! A case: a person discussed by a panel, across meetings, from referral to
//! closure. The input arrives as typed (dates as text) and is validated here;
//! checks that need the database (the panel's categories, the referring
//! agency) are made by the case service.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

pub use super::case_validation::normalise_postcode;
pub use super::case_views::{
    CaseDetail, CaseEvent, CaseSummary, LinkedPerson, OtherPanelMatch, RepeatCandidate,
};

#[macro_export]
/// An enum stored and sent as a fixed code string.
macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, ts_rs::TS)]
        pub enum $name { $($(#[$vmeta])* #[serde(rename = $code)] $variant),* }

        impl $name {
            pub const ALL: &'static [Self] = &[$(Self::$variant),*];
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $code),* }
            }
            pub fn parse(value: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str() == value)
            }
        }
    };
}

code_enum!(
    /// Where a case is in its life.
    CaseStatus {
        Referred = "referred",
        Accepted = "accepted",
        Redirected = "redirected",
        Deferred = "deferred",
        Heard = "heard",
        UnderReview = "under_review",
        Closed = "closed",
    }
);

code_enum!(
    /// A step the coordinator takes in a case's life, from its page.
    CaseStep {
        Accept = "accept",
        Redirect = "redirect",
        Defer = "defer",
        Close = "close",
        /// Convene an emergency panel for it.
        Emergency = "emergency",
    }
);

impl CaseStatus {
    /// Whether a case in this status may take `step`: the one rule every
    /// caller (the case's page, triage, the emergency panel) goes by.
    pub fn allows(self, step: CaseStep) -> bool {
        use CaseStatus::*;
        match step {
            CaseStep::Accept | CaseStep::Redirect => matches!(self, Referred | Deferred),
            CaseStep::Defer => matches!(self, Referred | Accepted),
            CaseStep::Close | CaseStep::Emergency => !matches!(self, Closed | Redirected),
        }
    }

    /// The steps a case in this status may take, in the order they are offered.
    pub fn next_steps(self) -> Vec<CaseStep> {
        CaseStep::ALL
            .iter()
            .copied()
            .filter(|s| self.allows(*s))
            .collect()
    }
}

code_enum!(
    ReferralRoute {
        Automatic = "automatic",
        RiskScore = "risk_score",
        ProfessionalJudgement = "professional_judgement",
        Escalation = "escalation",
        Repeat = "repeat",
    }
);

code_enum!(
    Consent {
        Given = "given",
        NotGiven = "not_given",
        NotSought = "not_sought",
    }
);

code_enum!(
    Gender {
        Female = "female",
        Male = "male",
        NonBinary = "non_binary",
        SelfDescribed = "self_described",
        NotKnown = "not_known",
    }
);

code_enum!(
    YesNoUnknown {
        Yes = "yes",
        No = "no",
        NotKnown = "not_known",
    }
);

code_enum!(
    /// The ethnic groups of the 2021 census for England and Wales.
    Ethnicity {
        Bangladeshi = "asian_bangladeshi",
        Chinese = "asian_chinese",
        Indian = "asian_indian",
        Pakistani = "asian_pakistani",
        OtherAsian = "asian_other",
        African = "black_african",
        Caribbean = "black_caribbean",
        OtherBlack = "black_other",
        WhiteAndAsian = "mixed_white_asian",
        WhiteAndBlackAfrican = "mixed_white_black_african",
        WhiteAndBlackCaribbean = "mixed_white_black_caribbean",
        OtherMixed = "mixed_other",
        WhiteBritish = "white_british",
        WhiteIrish = "white_irish",
        GypsyOrIrishTraveller = "white_gypsy_irish_traveller",
        Roma = "white_roma",
        OtherWhite = "white_other",
        Arab = "other_arab",
        AnyOther = "other_any",
        NotStated = "not_stated",
    }
);

code_enum!(
    Relationship {
        Perpetrator = "perpetrator",
        Peer = "peer",
        Sibling = "sibling",
        Associate = "associate",
        Parent = "parent",
        Other = "other",
    }
);

/// The categories a new panel starts with; each panel can edit its list.
pub const DEFAULT_CONCERNS: &[&str] = &[
    "Serious youth violence",
    "Knife crime",
    "Criminal exploitation",
    "County lines",
    "Sexual exploitation",
    "Missing",
    "Gang association",
    "Domestic abuse",
    "Online harm",
    "Trafficking",
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LinkedPersonInput {
    pub id: Option<Uuid>,
    pub name: String,
    pub relationship: Option<Relationship>,
    /// Must not be seen or placed with the subject (e.g. a perpetrator).
    pub keep_apart: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CaseInput {
    pub panel_id: Uuid,
    pub subject_name: String,
    pub aliases: Vec<String>,
    /// As typed: "14/03/2009", "2009-03-14", ... Empty when not known.
    pub date_of_birth: String,
    /// When the date of birth is not known.
    pub approximate_age: Option<u32>,
    pub gender: Option<Gender>,
    pub ethnicity: Option<Ethnicity>,
    pub disability: Option<YesNoUnknown>,
    pub lgbt: Option<YesNoUnknown>,
    pub address: String,
    pub postcode: String,
    pub school: String,
    pub referring_agency_id: Option<Uuid>,
    pub referring_officer: String,
    pub referral_date: String,
    pub referral_route: Option<ReferralRoute>,
    /// Why the referral was made, in words (professional judgement must be written down).
    pub referral_reason: String,
    pub concerns: Vec<String>,
    pub consent: Option<Consent>,
    /// Required when consent was not given: the lawful ground for sharing.
    pub lawful_ground: String,
    pub children_count: u32,
    pub children_details: String,
    pub linked_people: Vec<LinkedPersonInput>,
    pub lead_professional: String,
}

/// A case input that passed validation, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidCase {
    pub subject_name: String,
    pub aliases: Vec<String>,
    pub date_of_birth: Option<NaiveDate>,
    pub approximate_age: Option<u32>,
    pub gender: Option<Gender>,
    pub ethnicity: Option<Ethnicity>,
    pub disability: Option<YesNoUnknown>,
    pub lgbt: Option<YesNoUnknown>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub school: Option<String>,
    pub referring_agency_id: Option<Uuid>,
    pub referring_officer: Option<String>,
    pub referral_date: NaiveDate,
    pub referral_route: ReferralRoute,
    pub referral_reason: String,
    pub concerns: Vec<String>,
    pub consent: Consent,
    pub lawful_ground: Option<String>,
    pub children_count: u32,
    pub children_details: Option<String>,
    pub linked_people: Vec<(Option<Uuid>, String, Relationship, bool)>,
    pub lead_professional: Option<String>,
}
