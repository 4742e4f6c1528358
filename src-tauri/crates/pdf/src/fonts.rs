//! The fonts shipped in `assets/fonts` (Noto, OFL; Droid Sans Fallback,
//! Apache-2.0), compiled into the binary so an export never depends on what
//! the laptop has installed, and the choice of face for each script.

use std::collections::HashMap;
use std::sync::OnceLock;

use unicode_script::Script;

use crate::Style;

/// A family of faces for one writing system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// Latin, Greek, Cyrillic, Vietnamese, and the common punctuation.
    Latin,
    Arabic,
    Hebrew,
    Bengali,
    Devanagari,
    Gurmukhi,
    Gujarati,
    Tamil,
    Ethiopic,
    /// Chinese (and Japanese kana, Korean hangul where the face has them).
    Cjk,
}

/// Every family, in the order tried when a face lacks a character.
pub const FALLBACK: [Family; 10] = [
    Family::Latin,
    Family::Cjk,
    Family::Arabic,
    Family::Hebrew,
    Family::Devanagari,
    Family::Bengali,
    Family::Gurmukhi,
    Family::Gujarati,
    Family::Tamil,
    Family::Ethiopic,
];

impl Family {
    /// The family for a character's script; `None` for characters every
    /// script uses (spaces, digits, punctuation, combining marks).
    pub fn of(c: char) -> Option<Self> {
        use unicode_script::UnicodeScript;
        Some(match c.script() {
            Script::Common | Script::Inherited | Script::Unknown => return None,
            Script::Arabic => Self::Arabic,
            Script::Hebrew => Self::Hebrew,
            Script::Bengali => Self::Bengali,
            Script::Devanagari => Self::Devanagari,
            Script::Gurmukhi => Self::Gurmukhi,
            Script::Gujarati => Self::Gujarati,
            Script::Tamil => Self::Tamil,
            Script::Ethiopic => Self::Ethiopic,
            Script::Han
            | Script::Hiragana
            | Script::Katakana
            | Script::Hangul
            | Script::Bopomofo => Self::Cjk,
            _ => Self::Latin,
        })
    }
}

macro_rules! font_file {
    ($name:literal) => {
        include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../assets/fonts/",
            $name
        ))
    };
}

fn bytes(family: Family, style: Style) -> (&'static str, &'static [u8]) {
    let bold = style == Style::Bold;
    match (family, style) {
        (Family::Latin, Style::Regular) => ("NotoSans-Regular", font_file!("NotoSans-Regular.ttf")),
        (Family::Latin, Style::Bold) => ("NotoSans-Bold", font_file!("NotoSans-Bold.ttf")),
        (Family::Latin, Style::Italic) => ("NotoSans-Italic", font_file!("NotoSans-Italic.ttf")),
        (Family::Arabic, _) if bold => {
            ("NotoSansArabic-Bold", font_file!("NotoSansArabic-Bold.ttf"))
        }
        (Family::Arabic, _) => (
            "NotoSansArabic-Regular",
            font_file!("NotoSansArabic-Regular.ttf"),
        ),
        (Family::Hebrew, _) if bold => {
            ("NotoSansHebrew-Bold", font_file!("NotoSansHebrew-Bold.ttf"))
        }
        (Family::Hebrew, _) => (
            "NotoSansHebrew-Regular",
            font_file!("NotoSansHebrew-Regular.ttf"),
        ),
        (Family::Bengali, _) if bold => (
            "NotoSansBengali-Bold",
            font_file!("NotoSansBengali-Bold.ttf"),
        ),
        (Family::Bengali, _) => (
            "NotoSansBengali-Regular",
            font_file!("NotoSansBengali-Regular.ttf"),
        ),
        (Family::Devanagari, _) if bold => (
            "NotoSansDevanagari-Bold",
            font_file!("NotoSansDevanagari-Bold.ttf"),
        ),
        (Family::Devanagari, _) => (
            "NotoSansDevanagari-Regular",
            font_file!("NotoSansDevanagari-Regular.ttf"),
        ),
        (Family::Gurmukhi, _) if bold => (
            "NotoSansGurmukhi-Bold",
            font_file!("NotoSansGurmukhi-Bold.ttf"),
        ),
        (Family::Gurmukhi, _) => (
            "NotoSansGurmukhi-Regular",
            font_file!("NotoSansGurmukhi-Regular.ttf"),
        ),
        (Family::Gujarati, _) if bold => (
            "NotoSansGujarati-Bold",
            font_file!("NotoSansGujarati-Bold.ttf"),
        ),
        (Family::Gujarati, _) => (
            "NotoSansGujarati-Regular",
            font_file!("NotoSansGujarati-Regular.ttf"),
        ),
        (Family::Tamil, _) if bold => ("NotoSansTamil-Bold", font_file!("NotoSansTamil-Bold.ttf")),
        (Family::Tamil, _) => (
            "NotoSansTamil-Regular",
            font_file!("NotoSansTamil-Regular.ttf"),
        ),
        (Family::Ethiopic, _) if bold => (
            "NotoSansEthiopic-Bold",
            font_file!("NotoSansEthiopic-Bold.ttf"),
        ),
        (Family::Ethiopic, _) => (
            "NotoSansEthiopic-Regular",
            font_file!("NotoSansEthiopic-Regular.ttf"),
        ),
        (Family::Cjk, _) => (
            "DroidSansFallbackFull",
            font_file!("DroidSansFallbackFull.ttf"),
        ),
    }
}

/// One face: parsed once per process, for shaping (rustybuzz), measuring
/// and embedding (printpdf).
pub struct Face {
    pub name: &'static str,
    pub shaper: rustybuzz::Face<'static>,
    pub units_per_em: f32,
    /// Glyph -> the character the font maps to it, for each glyph's
    /// ToUnicode text.
    pub chars_of_glyph: HashMap<u16, char>,
    /// The other way, for the characters printpdf is told about: the glyph
    /// each one is the first character of (in `chars_of_glyph`).
    own_glyph: Vec<Option<u16>>,
    pdf: OnceLock<Option<printpdf::ParsedFont>>,
    bytes: &'static [u8],
}

impl Face {
    fn load(family: Family, style: Style) -> Option<Self> {
        let (name, bytes) = bytes(family, style);
        let shaper = rustybuzz::Face::from_slice(bytes, 0)?;
        let mut chars_of_glyph = HashMap::new();
        if let Some(cmap) = shaper.tables().cmap {
            for table in cmap.subtables {
                if !table.is_unicode() {
                    continue;
                }
                table.codepoints(|cp| {
                    if let (Some(c), Some(g)) = (char::from_u32(cp), table.glyph_index(cp)) {
                        chars_of_glyph.entry(g.0).or_insert(c);
                    }
                });
            }
        }
        let mut own_glyph = vec![None; MAPPED_BY_PRINTPDF as usize];
        for (gid, c) in &chars_of_glyph {
            if let Some(slot) = own_glyph.get_mut(u32::from(*c) as usize) {
                *slot = Some(*gid);
            }
        }
        Some(Self {
            name,
            units_per_em: shaper.units_per_em() as f32,
            shaper,
            chars_of_glyph,
            own_glyph,
            pdf: OnceLock::new(),
            bytes,
        })
    }

    pub fn has(&self, c: char) -> bool {
        self.shaper.glyph_index(c).is_some()
    }

    /// The face as printpdf embeds it (parsed on first use), knowing the
    /// character of each glyph [`is_own`] vouches for: printpdf writes a
    /// glyph given no text of its own (`GlyphText::Own`) in the ToUnicode
    /// map with that character.
    pub fn pdf(&self) -> Option<&printpdf::ParsedFont> {
        self.pdf
            .get_or_init(|| {
                let mut parsed = printpdf::ParsedFont::from_bytes(self.bytes, 0, &mut Vec::new())?;
                for (gid, c) in &self.chars_of_glyph {
                    if mapped_by_printpdf(*c) {
                        parsed.cache_glyph_mapping(*gid, c.encode_utf8(&mut [0; 4]));
                    }
                }
                Some(parsed)
            })
            .as_ref()
    }
}

/// The characters whose glyphs printpdf is told about (see [`Face::pdf`]):
/// Latin, most of any document, and a few hundred glyphs at most, as the
/// font is copied into every document that uses it.
fn mapped_by_printpdf(c: char) -> bool {
    u32::from(c) < MAPPED_BY_PRINTPDF
}

/// Where Latin Extended-B ends.
const MAPPED_BY_PRINTPDF: u32 = 0x250;

/// Glyph `gid` of `face` stands for `c` alone as far as the font goes, and
/// the embedded font's ToUnicode map writes it so by itself.
pub(crate) fn is_own(face: FaceId, gid: u16, c: char) -> bool {
    self::face(face).is_some_and(|f| f.own_glyph.get(u32::from(c) as usize) == Some(&Some(gid)))
}

/// Index of a face in [`faces`].
pub type FaceId = usize;

const STYLES: [Style; 3] = [Style::Regular, Style::Bold, Style::Italic];

/// One shipped font file by its name ("NotoSansArabic-Regular.ttf"): the
/// app serves these same bytes to its windows, so each font is in the
/// package once, whether it draws a PDF or the screen.
pub fn file(name: &str) -> Option<&'static [u8]> {
    let stem = name.strip_suffix(".ttf")?;
    FALLBACK
        .iter()
        .flat_map(|f| STYLES.map(|s| bytes(*f, s)))
        .find(|(face, _)| *face == stem)
        .map(|(_, data)| data)
}

/// The style a family really has: only Latin has italics, and the Chinese
/// face has one weight.
fn canonical(family: Family, style: Style) -> Style {
    match (family, style) {
        (Family::Latin, s) => s,
        (Family::Cjk, _) | (_, Style::Italic) => Style::Regular,
        (_, s) => s,
    }
}

fn index(family: Family, style: Style) -> FaceId {
    let style = canonical(family, style);
    let f = FALLBACK.iter().position(|x| *x == family).unwrap_or(0);
    let s = STYLES.iter().position(|x| *x == style).unwrap_or(0);
    f * STYLES.len() + s
}

/// Every (family, style) face, loaded once.
pub fn faces() -> &'static [Option<Face>] {
    static FACES: OnceLock<Vec<Option<Face>>> = OnceLock::new();
    FACES.get_or_init(|| {
        FALLBACK
            .iter()
            .flat_map(|family| {
                STYLES.iter().map(move |style| {
                    (canonical(*family, *style) == *style)
                        .then(|| Face::load(*family, *style))
                        .flatten()
                })
            })
            .collect()
    })
}

/// Whether the face's script draws glyphs out of reading order (vowel signs
/// before their consonant), so a glyph-by-glyph text cannot be right and the
/// run needs its text given whole (PDF ActualText).
pub fn reorders(id: FaceId) -> bool {
    matches!(
        FALLBACK.get(id / STYLES.len()),
        Some(
            Family::Bengali
                | Family::Devanagari
                | Family::Gurmukhi
                | Family::Gujarati
                | Family::Tamil
        )
    )
}

/// Whether the face is one of the Latin faces (shaped word by word).
pub fn is_latin(id: FaceId) -> bool {
    id / STYLES.len() == 0
}

pub fn face(id: FaceId) -> Option<&'static Face> {
    faces().get(id).and_then(Option::as_ref)
}

/// The face to set `c` in: its script's family if that face has it, else the
/// first family that does (else the script's own, which shows a box).
pub fn choose(c: char, preferred: Family, style: Style) -> FaceId {
    let own = index(preferred, style);
    if face(own).is_some_and(|f| f.has(c)) {
        return own;
    }
    FALLBACK
        .iter()
        .map(|family| index(*family, style))
        .find(|id| face(*id).is_some_and(|f| f.has(c)))
        .unwrap_or(own)
}
