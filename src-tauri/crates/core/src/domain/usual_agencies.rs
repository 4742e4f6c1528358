//! The agencies a panel of each kind usually seats, offered to an empty
//! directory on day one so a coordinator edits a list instead of typing
//! twenty forms. Names are generic ("Police"): the coordinator makes them
//! local ("Lewisham Police") before adding them. Drawn from the agencies the
//! brief names as panel members (police, children's social care, health and
//! A&E, CAMHS, housing, probation, youth justice, education, substance misuse,
//! voluntary services, youth advocates / IDVAs), arranged per kind of panel.

use crate::domain::panel::PanelKind;
use crate::domain::{AgencyInput, Sector};

fn agency(name: &str, code: &str, sector: Sector) -> AgencyInput {
    AgencyInput {
        name: name.to_owned(),
        short_code: code.to_owned(),
        sector: Some(sector),
        secure_email: String::new(),
        representatives: Vec::new(),
    }
}

const MARAC: &[(&str, &str, Sector)] = &[
    ("Police", "POL", Sector::Police),
    (
        "Independent Domestic Violence Advisers",
        "IDVA",
        Sector::Advocacy,
    ),
    ("Children's Social Care", "CSC", Sector::ChildrensSocialCare),
    ("Adult Social Care", "ASC", Sector::AdultSocialCare),
    ("Acute Hospital Trust", "HOSP", Sector::Health),
    ("GP and Primary Care", "GP", Sector::Health),
    ("Mental Health Trust", "MH", Sector::MentalHealth),
    ("Housing", "HSG", Sector::Housing),
    ("Probation Service", "PROB", Sector::Probation),
    ("Education", "EDU", Sector::Education),
    ("Substance Misuse Service", "SMS", Sector::SubstanceMisuse),
    (
        "Refuge and Domestic Abuse Services",
        "DAS",
        Sector::VoluntarySector,
    ),
];

const YOUTH_MARAC: &[(&str, &str, Sector)] = &[
    ("Police", "POL", Sector::Police),
    ("Young People's Violence Advisers", "YPVA", Sector::Advocacy),
    ("Children's Social Care", "CSC", Sector::ChildrensSocialCare),
    ("Early Help", "EH", Sector::ChildrensSocialCare),
    ("Youth Justice Service", "YJS", Sector::YouthOffending),
    ("Education", "EDU", Sector::Education),
    ("School Nursing", "SN", Sector::Health),
    (
        "Child and Adolescent Mental Health Services",
        "CAMHS",
        Sector::MentalHealth,
    ),
    ("Housing", "HSG", Sector::Housing),
    (
        "Young People's Substance Misuse Service",
        "YPSMS",
        Sector::SubstanceMisuse,
    ),
];

const MACE: &[(&str, &str, Sector)] = &[
    ("Police", "POL", Sector::Police),
    ("Children's Social Care", "CSC", Sector::ChildrensSocialCare),
    ("Youth Justice Service", "YJS", Sector::YouthOffending),
    ("Education", "EDU", Sector::Education),
    ("Missing Children Service", "MISS", Sector::VoluntarySector),
    ("Health", "HLTH", Sector::Health),
    (
        "Child and Adolescent Mental Health Services",
        "CAMHS",
        Sector::MentalHealth,
    ),
    ("Community Safety", "CS", Sector::Other),
    ("Housing", "HSG", Sector::Housing),
    (
        "Young People's Substance Misuse Service",
        "YPSMS",
        Sector::SubstanceMisuse,
    ),
];

const OFFENDER_MANAGEMENT: &[(&str, &str, Sector)] = &[
    ("Police", "POL", Sector::Police),
    ("Probation Service", "PROB", Sector::Probation),
    ("Prison Service", "HMPPS", Sector::Other),
    ("Housing", "HSG", Sector::Housing),
    ("Substance Misuse Service", "SMS", Sector::SubstanceMisuse),
    ("Mental Health Trust", "MH", Sector::MentalHealth),
    ("Adult Social Care", "ASC", Sector::AdultSocialCare),
    ("Employment and Skills", "ESS", Sector::VoluntarySector),
];

const OTHER: &[(&str, &str, Sector)] = &[
    ("Police", "POL", Sector::Police),
    ("Children's Social Care", "CSC", Sector::ChildrensSocialCare),
    ("Adult Social Care", "ASC", Sector::AdultSocialCare),
    ("Health", "HLTH", Sector::Health),
    ("Housing", "HSG", Sector::Housing),
    ("Probation Service", "PROB", Sector::Probation),
    ("Education", "EDU", Sector::Education),
];

/// The usual agencies for a panel of this kind, in the order a chair calls them.
pub fn usual_agencies(kind: PanelKind) -> Vec<AgencyInput> {
    let list = match kind {
        PanelKind::Marac => MARAC,
        PanelKind::YouthMarac => YOUTH_MARAC,
        PanelKind::Mace => MACE,
        PanelKind::OffenderManagement => OFFENDER_MANAGEMENT,
        PanelKind::Other => OTHER,
    };
    list.iter().map(|(n, c, s)| agency(n, c, *s)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_offers_valid_agencies_with_distinct_names_and_codes() {
        for kind in PanelKind::ALL {
            let list = usual_agencies(kind);
            assert!(list.len() >= 7, "{kind:?} offers {}", list.len());
            for (i, a) in list.iter().enumerate() {
                a.validate()
                    .unwrap_or_else(|e| panic!("{kind:?} {}: {e:?}", a.name));
                assert!(
                    list[..i]
                        .iter()
                        .all(|b| b.name != a.name && b.short_code != a.short_code)
                );
            }
        }
    }

    #[test]
    fn a_marac_is_offered_police_idva_and_childrens_social_care() {
        let names: Vec<String> = usual_agencies(PanelKind::Marac)
            .into_iter()
            .map(|a| a.name)
            .collect();
        for expected in [
            "Police",
            "Independent Domestic Violence Advisers",
            "Children's Social Care",
        ] {
            assert!(names.iter().any(|n| n == expected), "{names:?}");
        }
    }
}
