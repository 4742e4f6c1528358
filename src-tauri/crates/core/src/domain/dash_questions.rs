//! The questions of the SafeLives Dash risk identification checklist: the
//! adult checklist (24 questions) and the young person's version for 13-17
//! year olds, in the order the checklists ask them. The wording here is
//! shortened for the screen; the person completing the checklist works from
//! SafeLives' published form and guidance, which this list follows question
//! for question. "They" is the person causing harm.

/// Credit for the checklist, shown with it on every screen, as SafeLives'
/// terms ask.
pub const DASH_CREDIT: &str = "Dash risk identification checklist: questions by SafeLives (© SafeLives), used with acknowledgement; developed with Laura Richards. See safelives.org.uk for the full checklist and its guidance.";

/// One question: its number on the form, the section it sits in, its words.
pub type QuestionText = (u8, &'static str, &'static str);

/// The adult checklist.
pub const ADULT: &[QuestionText] = &[
    (
        1,
        "The current incident",
        "Has the current incident resulted in injury?",
    ),
    (2, "The current incident", "Are you very frightened?"),
    (
        3,
        "The current incident",
        "What are you afraid of? Is it further injury or violence?",
    ),
    (
        4,
        "The current incident",
        "Do you feel isolated from family or friends: do they try to stop you seeing friends, family, your doctor or others?",
    ),
    (
        5,
        "The current incident",
        "Are you feeling depressed or having suicidal thoughts?",
    ),
    (
        6,
        "The current incident",
        "Have you separated or tried to separate from them within the past year?",
    ),
    (
        7,
        "The current incident",
        "Is there conflict over child contact?",
    ),
    (
        8,
        "The current incident",
        "Do they constantly text, call, contact, follow, stalk or harass you?",
    ),
    (
        9,
        "Children and dependants",
        "Are you pregnant, or have you had a baby in the last 18 months?",
    ),
    (
        10,
        "Domestic violence history",
        "Is the abuse happening more often?",
    ),
    (
        11,
        "Domestic violence history",
        "Is the abuse getting worse?",
    ),
    (
        12,
        "Domestic violence history",
        "Do they try to control everything you do, or are they excessively jealous?",
    ),
    (
        13,
        "Domestic violence history",
        "Have they ever used weapons or objects to hurt you?",
    ),
    (
        14,
        "Domestic violence history",
        "Have they ever threatened to kill you or someone else, and you believed them?",
    ),
    (
        15,
        "Domestic violence history",
        "Have they ever attempted to strangle, choke, suffocate or drown you?",
    ),
    (
        16,
        "Domestic violence history",
        "Do they do or say things of a sexual nature that make you feel bad or that physically hurt you or someone else?",
    ),
    (
        17,
        "Domestic violence history",
        "Is there any other person who has threatened you or whom you are afraid of?",
    ),
    (
        18,
        "Domestic violence history",
        "Do you know if they have hurt anyone else (children, siblings, an elderly relative, a stranger, a previous partner)?",
    ),
    (
        19,
        "Domestic violence history",
        "Have they ever mistreated an animal or the family pet?",
    ),
    (
        20,
        "Abuser",
        "Are there any financial issues: are you dependent on them for money, have they recently lost their job?",
    ),
    (
        21,
        "Abuser",
        "Have they had problems in the past year with drugs, alcohol or mental health leading to problems in leading a normal life?",
    ),
    (
        22,
        "Abuser",
        "Have they ever threatened or attempted suicide?",
    ),
    (
        23,
        "Abuser",
        "Have they ever broken bail, an injunction or a formal agreement about when they can see you or the children?",
    ),
    (
        24,
        "Abuser",
        "Do you know if they have ever been in trouble with the police or have a criminal history?",
    ),
];

/// The young person's version (13-17), in the sections of SafeLives'
/// young people's checklist.
pub const YOUNG_PERSON: &[QuestionText] = &[
    (1, "Your feelings", "Are you very frightened?"),
    (
        2,
        "Your feelings",
        "What are you afraid of? Is it further injury or violence?",
    ),
    (
        3,
        "Your feelings",
        "Do you feel isolated from family or friends: do they try to stop you seeing friends, family, school staff or others?",
    ),
    (
        4,
        "Your feelings",
        "Are you feeling depressed, or having thoughts of harming yourself or of suicide?",
    ),
    (
        5,
        "What is happening to you now?",
        "Has what happened most recently resulted in injury?",
    ),
    (
        6,
        "What is happening to you now?",
        "Do they constantly text, call, message, follow, stalk or harass you, online or in person?",
    ),
    (
        7,
        "What is happening to you now?",
        "Is the abuse happening more often?",
    ),
    (
        8,
        "What is happening to you now?",
        "Is the abuse getting worse?",
    ),
    (
        9,
        "Your life and your relationship",
        "Have you split up or tried to split up from them within the past year?",
    ),
    (
        10,
        "Your life and your relationship",
        "Are you pregnant, or have you had a baby in the last 18 months?",
    ),
    (
        11,
        "Your life and your relationship",
        "Is there conflict over contact with a child?",
    ),
    (
        12,
        "Your life and your relationship",
        "Do they try to control everything you do, or are they very jealous?",
    ),
    (
        13,
        "Things that might have happened to you in the past",
        "Have they ever used weapons or objects to hurt you?",
    ),
    (
        14,
        "Things that might have happened to you in the past",
        "Have they ever threatened to kill you or someone else, and you believed them?",
    ),
    (
        15,
        "Things that might have happened to you in the past",
        "Have they ever tried to strangle, choke, suffocate or drown you?",
    ),
    (
        16,
        "Things that might have happened to you in the past",
        "Do they do or say things of a sexual nature that make you feel bad or that hurt you or someone else, or share or threaten to share sexual images of you?",
    ),
    (
        17,
        "Things that might have happened to you in the past",
        "Is there any other person who has threatened you or whom you are afraid of?",
    ),
    (
        18,
        "The person who harms you",
        "Do you know if they have hurt anyone else?",
    ),
    (
        19,
        "The person who harms you",
        "Have they ever mistreated an animal or a pet?",
    ),
    (
        20,
        "The person who harms you",
        "Do they control your money or belongings, or are you dependent on them for money?",
    ),
    (
        21,
        "The person who harms you",
        "Have they had problems in the past year with drugs, alcohol or mental health?",
    ),
    (
        22,
        "The person who harms you",
        "Have they ever threatened or attempted suicide?",
    ),
    (
        23,
        "The person who harms you",
        "Have they ever broken bail, an injunction or an agreement about when they can see you?",
    ),
    (
        24,
        "The person who harms you",
        "Do you know if they have ever been in trouble with the police or have a criminal history?",
    ),
];
