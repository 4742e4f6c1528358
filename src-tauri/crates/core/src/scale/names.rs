//! Invented names for the scale dataset, in the scripts a London borough's
//! panels see: Latin with diacritics (Yoruba, Polish, Vietnamese, Irish,
//! French, Turkish, Somali), Arabic, Bengali, Devanagari, Gurmukhi,
//! Gujarati, Tamil, Cyrillic, Greek, Hebrew, Ethiopic and Chinese. Every
//! name is made up from common given and family names; none is a real
//! person's record.

use crate::domain::case::{Ethnicity, Gender};

/// A naming tradition: given names by gender, family names, which comes
/// first, and the ethnicity most often recorded with it.
pub(crate) struct Tradition {
    pub female: &'static [&'static str],
    pub male: &'static [&'static str],
    pub family: &'static [&'static str],
    pub family_first: bool,
    pub ethnicity: Ethnicity,
    /// How often, in a hundred, a new person is named in this tradition.
    pub weight: u32,
}

pub(crate) const TRADITIONS: &[Tradition] = &[
    Tradition {
        female: &[
            "Ella", "Grace", "Leah", "Chloe", "Keisha", "Shanice", "Mia", "Jade", "Amelia", "Ruby",
            "Holly", "Tia",
        ],
        male: &[
            "Jayden", "Tyler", "Kai", "Reece", "Marcus", "Liam", "Ethan", "Noah", "Darnell",
            "Callum", "Harvey", "Tyrese",
        ],
        family: &[
            "Clarke", "Brown", "Thompson", "Reid", "Johnson", "Hughes", "Walker", "Williams",
            "Grant", "Morris", "Ellis", "Evans", "Campbell", "Francis", "Bennett", "Taylor",
        ],
        family_first: false,
        ethnicity: Ethnicity::WhiteBritish,
        weight: 18,
    },
    Tradition {
        female: &[
            "Fọláṣadé",
            "Adéọlá",
            "Chiamaka",
            "Ngozi",
            "Precious",
            "Oluwaseun",
            "Ifeoma",
            "Títílayọ̀",
            "Abena",
            "Ama",
        ],
        male: &[
            "Adéwálé",
            "Oluwaseun",
            "Chidi",
            "Kwame",
            "Ọlámídé",
            "Emeka",
            "Kofi",
            "Tóbi",
            "Jamal",
            "Babátúndé",
        ],
        family: &[
            "Okafor",
            "Adébáyọ̀",
            "Ògúnlọ́lá",
            "Àjàyí",
            "Nwosu",
            "Mensah",
            "Asante",
            "Osei",
            "Adeyemi",
            "Ọládipọ̀",
            "Boateng",
            "Eze",
        ],
        family_first: false,
        ethnicity: Ethnicity::African,
        weight: 12,
    },
    Tradition {
        female: &[
            "Zofia",
            "Małgorzata",
            "Agnieszka",
            "Katarzyna",
            "Wiktoria",
            "Zuzanna",
            "Natalia",
            "Joanna",
        ],
        male: &[
            "Łukasz", "Piotr", "Dominik", "Kacper", "Mateusz", "Paweł", "Jakub", "Michał",
        ],
        family: &[
            "Wiśniewska",
            "Wójcik",
            "Kowalczyk",
            "Zieliński",
            "Nowak",
            "Kowalski",
            "Dąbrowski",
            "Lewandowska",
            "Szymańska",
            "Woźniak",
        ],
        family_first: false,
        ethnicity: Ethnicity::OtherWhite,
        weight: 9,
    },
    Tradition {
        female: &[
            "Thị Hồng",
            "Thị Thu Hà",
            "Ngọc Ánh",
            "Thị Lan",
            "Bảo Trâm",
            "Thùy Linh",
        ],
        male: &[
            "Văn An",
            "Minh Đức",
            "Quốc Bảo",
            "Đức Anh",
            "Hoàng Nam",
            "Văn Hùng",
        ],
        family: &["Nguyễn", "Trần", "Phạm", "Lê", "Hoàng", "Vũ", "Đặng", "Bùi"],
        family_first: true,
        ethnicity: Ethnicity::OtherAsian,
        weight: 5,
    },
    Tradition {
        female: &[
            "Hodan", "Faadumo", "Hibaaq", "Sahra", "Ayaan", "Cawo", "Ifrah", "Nasra",
        ],
        male: &[
            "Abdirahman",
            "Maxamed",
            "Cabdi",
            "Guuleed",
            "Xasan",
            "Bashiir",
            "Liibaan",
            "Yuusuf",
        ],
        family: &[
            "Warsame",
            "Cabdullaahi",
            "Xasan",
            "Cali Nuur",
            "Faarax",
            "Jaamac",
            "Maxamuud",
            "Ciise",
        ],
        family_first: false,
        ethnicity: Ethnicity::African,
        weight: 6,
    },
    Tradition {
        female: &[
            "فاطمة",
            "مريم",
            "زينب",
            "عائشة",
            "نور",
            "ليلى",
            "سارة",
            "هدى",
        ],
        male: &[
            "محمد",
            "يوسف",
            "أحمد",
            "عمر",
            "علي",
            "خالد",
            "إبراهيم",
            "حسن",
        ],
        family: &[
            "العلي",
            "حسن",
            "إبراهيم",
            "الخطيب",
            "منصور",
            "السيد",
            "عبد الله",
            "الحسيني",
        ],
        family_first: false,
        ethnicity: Ethnicity::Arab,
        weight: 7,
    },
    Tradition {
        female: &["সুমাইয়া", "আয়েশা", "নুসরাত", "ফারহানা", "তাসলিমা", "রুমানা"],
        male: &["রহিম", "তানভীর", "সাকিব", "আরিফ", "ইমরান", "জাহিদ"],
        family: &["উদ্দিন", "বেগম", "আহমেদ", "চৌধুরী", "রহমান", "হোসেন", "ইসলাম"],
        family_first: false,
        ethnicity: Ethnicity::Bangladeshi,
        weight: 6,
    },
    Tradition {
        female: &["प्रिया", "अनन्या", "पूजा", "नेहा", "कविता", "दीपिका"],
        male: &["राहुल", "अर्जुन", "विक्रम", "रोहन", "अमित", "संजय"],
        family: &["शर्मा", "पटेल", "गुप्ता", "सिंह", "वर्मा", "मेहता"],
        family_first: false,
        ethnicity: Ethnicity::Indian,
        weight: 4,
    },
    Tradition {
        female: &["ਹਰਪ੍ਰੀਤ", "ਜਸਪ੍ਰੀਤ", "ਮਨਪ੍ਰੀਤ"],
        male: &["ਗੁਰਪ੍ਰੀਤ", "ਹਰਜੀਤ", "ਅਮਨਦੀਪ"],
        family: &["ਕੌਰ", "ਸਿੰਘ", "ਗਿੱਲ", "ਸੰਧੂ"],
        family_first: false,
        ethnicity: Ethnicity::Indian,
        weight: 2,
    },
    Tradition {
        female: &["ધ્રુવી", "હેતલ", "નિશા"],
        male: &["ધ્રુવ", "કિરણ", "જય"],
        family: &["પટેલ", "શાહ", "દેસાઈ", "મહેતા"],
        family_first: false,
        ethnicity: Ethnicity::Indian,
        weight: 2,
    },
    Tradition {
        female: &["கவிதா", "பிரியா", "மீனா"],
        male: &["கார்த்திக்", "அருண்", "விஜய்"],
        family: &["ராஜா", "குமார்", "சுப்பிரமணியம்"],
        family_first: false,
        ethnicity: Ethnicity::OtherAsian,
        weight: 2,
    },
    Tradition {
        female: &["Анастасия", "Ольга", "Дарья", "Наталія", "Олена", "Марина"],
        male: &["Иван", "Дмитрий", "Олександр", "Сергей", "Андрій", "Максим"],
        family: &[
            "Петров",
            "Смирнова",
            "Коваленко",
            "Иванов",
            "Шевченко",
            "Бондаренко",
            "Попова",
        ],
        family_first: false,
        ethnicity: Ethnicity::OtherWhite,
        weight: 5,
    },
    Tradition {
        female: &["Ελένη", "Μαρία", "Σοφία"],
        male: &["Αλέξανδρος", "Γιώργος", "Νίκος"],
        family: &["Παπαδόπουλος", "Γεωργίου", "Οικονόμου"],
        family_first: false,
        ethnicity: Ethnicity::OtherWhite,
        weight: 2,
    },
    Tradition {
        female: &["יעל", "נועה", "תמר"],
        male: &["דוד", "יוסף", "אורי"],
        family: &["כהן", "לוי", "מזרחי"],
        family_first: false,
        ethnicity: Ethnicity::AnyOther,
        weight: 1,
    },
    Tradition {
        female: &["ሰላም", "ሄለን", "ትዕግስት"],
        male: &["ዳዊት", "ዮናስ", "ሚካኤል"],
        family: &["ተስፋዬ", "ገብረ", "ኃይሌ"],
        family_first: false,
        ethnicity: Ethnicity::African,
        weight: 2,
    },
    Tradition {
        female: &["娜", "静", "晓燕", "丽"],
        male: &["伟", "晨阳", "小明", "强"],
        family: &["王", "李", "张", "刘", "陈"],
        family_first: true,
        ethnicity: Ethnicity::Chinese,
        weight: 4,
    },
    Tradition {
        female: &[
            "Siobhán", "Chloé", "Aoife", "Inês", "Zeynep", "Ayşe", "Renée", "Mairéad",
        ],
        male: &[
            "Seán",
            "José",
            "Ciarán",
            "Joaquín",
            "Emre",
            "Oğuz",
            "François",
            "Jürgen",
        ],
        family: &[
            "O'Connor",
            "Ó Briain",
            "Müller",
            "Durand",
            "Gonçalves",
            "Yılmaz",
            "Öztürk",
            "Ní Bhriain",
            "García",
            "Lefèvre",
        ],
        family_first: false,
        ethnicity: Ethnicity::OtherWhite,
        weight: 8,
    },
    Tradition {
        female: &["Shantelle", "Aaliyah", "Tanisha", "Kemi", "Destiny"],
        male: &["Jermaine", "Kareem", "Dwayne", "Leon", "Rashid"],
        family: &[
            "Campbell", "Grant", "Francis", "Bailey", "Samuels", "McKenzie",
        ],
        family_first: false,
        ethnicity: Ethnicity::Caribbean,
        weight: 9,
    },
];

/// A name in the tradition's order; Chinese names are written without a space.
fn joined(tradition: &Tradition, given: &str, family: &str) -> String {
    let han = family
        .chars()
        .all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    match (tradition.family_first, han) {
        (true, true) => format!("{family}{given}"),
        (true, false) => format!("{family} {given}"),
        (false, _) => format!("{given} {family}"),
    }
}

/// A new person's name, gender and ethnicity, from the random stream.
pub(crate) fn person(rng: &mut fastrand::Rng) -> (String, Gender, Ethnicity) {
    let total: u32 = TRADITIONS.iter().map(|t| t.weight).sum();
    let mut pick = rng.u32(0..total);
    let mut tradition = &TRADITIONS[0];
    for t in TRADITIONS {
        if pick < t.weight {
            tradition = t;
            break;
        }
        pick -= t.weight;
    }
    let gender = match rng.u32(0..100) {
        0..=53 => Gender::Female,
        54..=97 => Gender::Male,
        98 => Gender::NonBinary,
        _ => Gender::NotKnown,
    };
    let given = if gender == Gender::Male || (gender != Gender::Female && rng.bool()) {
        tradition.male
    } else {
        tradition.female
    };
    let given = given[rng.usize(0..given.len())];
    let family = tradition.family[rng.usize(0..tradition.family.len())];
    // A recorded ethnicity mostly follows the name, not always.
    let ethnicity = match rng.u32(0..100) {
        0..=79 => tradition.ethnicity,
        80..=89 => Ethnicity::NotStated,
        _ => Ethnicity::ALL[rng.usize(0..Ethnicity::ALL.len())],
    };
    (joined(tradition, given, family), gender, ethnicity)
}

/// Every name part, for tests that check the scripts are all present.
#[cfg(test)]
pub(crate) fn all_parts() -> impl Iterator<Item = &'static str> {
    TRADITIONS.iter().flat_map(|t| {
        t.female
            .iter()
            .chain(t.male.iter())
            .chain(t.family.iter())
            .copied()
    })
}
