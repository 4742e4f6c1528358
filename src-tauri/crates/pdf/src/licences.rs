//! The licences of the fonts shipped inside Roundtable (the PDFs are set in
//! them and every window draws names in them): shown by Help > About in the
//! desktop app and in the browser alike, from this one list.

use serde::Serialize;

const FONT_NOTES: &str = include_str!("../../../../assets/fonts/README.md");
const OFL: &str = include_str!("../../../../assets/fonts/OFL.txt");
const APACHE: &str = include_str!("../../../../assets/fonts/LICENSE-Apache-2.0.txt");

#[derive(Debug, Clone, Serialize)]
pub struct Licence {
    pub title: String,
    pub text: String,
}

/// Which fonts ship, and each licence they ship under.
pub fn font_licences() -> Vec<Licence> {
    vec![
        Licence {
            title: "The fonts shipped with Roundtable".into(),
            text: FONT_NOTES.into(),
        },
        Licence {
            title: "SIL Open Font License 1.1 (Noto fonts)".into(),
            text: OFL.into(),
        },
        Licence {
            title: "Apache License 2.0 (Droid Sans Fallback)".into(),
            text: APACHE.into(),
        },
    ]
}
