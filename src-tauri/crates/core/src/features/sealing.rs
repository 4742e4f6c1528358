//! Exports that leave encrypted (issue 20): any PDF Roundtable writes or
//! hands to a browser can be sealed with AES-256 (the PDF standard security
//! handler, revision 6, done by the pdf crate through lopdf) before it goes
//! by email. The password is either made here, strong and easy to read
//! aloud, and shown once so it can go by phone, or typed by the
//! coordinator. It is never stored: the audit log says only that an
//! encrypted copy went, to whom, and whose password it was.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{CoreError, CoreResult};
use crate::validate::Validator;

/// How an export is to be encrypted (none of this is kept).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Encryption {
    /// The password the coordinator typed; empty for one Roundtable makes.
    #[serde(default)]
    pub password: String,
    /// The same password again, when typed.
    #[serde(default)]
    pub confirm: String,
    /// Whom the copy is for, for the audit log. For an action plan it may
    /// be left empty: the plan's agency.
    #[serde(default)]
    pub recipient: String,
}

/// A file's bytes after sealing, and what the export reports about it.
pub(crate) struct Sealed {
    pub bytes: Vec<u8>,
    /// The password Roundtable made, to be shown once; None when the
    /// coordinator typed it or the file is not encrypted.
    pub password: Option<String>,
    /// What the audit log adds to the export's line ("" when unencrypted).
    pub audit_note: String,
}

/// Letters and digits that cannot be misheard or misread for one another
/// (no I, L, O, 0 or 1): 31 of them, so each is about five bits.
const ALPHABET: &[u8; 31] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/// Five groups of four: about 99 bits, read aloud in five breaths.
const GROUPS: usize = 5;
const GROUP: usize = 4;
/// The fewest characters a typed password may have.
pub const MIN_PASSWORD_CHARS: usize = 12;
/// Revision 6 reads at most 127 bytes of a password.
const MAX_PASSWORD_BYTES: usize = 127;
const MAX_RECIPIENT_CHARS: usize = 200;

/// A strong password to read over the phone, e.g. "K7QM-PX4R-9HTW-C2ZN-V8LD".
pub fn make_password() -> CoreResult<String> {
    let mut chars = Vec::with_capacity(GROUPS * GROUP);
    while chars.len() < GROUPS * GROUP {
        let mut buf = [0u8; 32];
        getrandom::fill(&mut buf)
            .map_err(|e| CoreError::Io(format!("no random numbers for a password: {e}")))?;
        // 248 = 8 x 31: every letter equally likely.
        for b in buf.into_iter().filter(|b| *b < 248) {
            if chars.len() < GROUPS * GROUP {
                chars.push(char::from(ALPHABET[usize::from(b % 31)]));
            }
        }
    }
    Ok(chars
        .chunks(GROUP)
        .map(|g| g.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-"))
}

/// Checks the request: a typed password strong enough and typed twice, and
/// someone to send it to. Nothing is written until it passes.
fn check(encryption: &Encryption, default_recipient: Option<&str>) -> CoreResult<String> {
    let mut v = Validator::new();
    let recipient = encryption.recipient.trim();
    let recipient = match (recipient.is_empty(), default_recipient) {
        (true, Some(agency)) => agency.to_string(),
        _ => v.required("recipient", "Who it is for", recipient, MAX_RECIPIENT_CHARS),
    };
    let typed = &encryption.password;
    if !typed.is_empty() {
        if typed.chars().count() < MIN_PASSWORD_CHARS {
            v.add(
                "password",
                format!("The password must be at least {MIN_PASSWORD_CHARS} characters. Leave it empty and Roundtable will make a strong one."),
            );
        } else if typed.len() > MAX_PASSWORD_BYTES {
            v.add(
                "password",
                "The password must be shorter: PDF readers read at most 127 bytes of it.",
            );
        } else if zxcvbn::zxcvbn(typed, &["roundtable", "marac", recipient.as_str()]).score()
            < zxcvbn::Score::Three
        {
            v.add(
                "password",
                "That password is too easy to guess. Use three or four random words, or leave it empty and Roundtable will make one.",
            );
        }
        if encryption.confirm != *typed {
            v.add("confirm", "Type the same password again to confirm it.");
        }
    }
    v.finish()?;
    Ok(recipient)
}

/// Checks an encryption request before anything is made or written.
pub(crate) fn checked(
    encryption: Option<&Encryption>,
    default_recipient: Option<&str>,
) -> CoreResult<()> {
    match encryption {
        Some(e) => check(e, default_recipient).map(|_| ()),
        None => Ok(()),
    }
}

/// Seals a PDF's bytes as asked (or leaves them as they are).
/// `default_recipient` is an action plan's agency.
pub(crate) fn seal(
    bytes: Vec<u8>,
    encryption: Option<&Encryption>,
    default_recipient: Option<&str>,
) -> CoreResult<Sealed> {
    let Some(encryption) = encryption else {
        return Ok(Sealed {
            bytes,
            password: None,
            audit_note: String::new(),
        });
    };
    let recipient = check(encryption, default_recipient)?;
    let (password, shown, whose) = if encryption.password.is_empty() {
        let made = make_password()?;
        (made.clone(), Some(made), "password made by Roundtable")
    } else {
        (
            encryption.password.clone(),
            None,
            "password typed by the coordinator",
        )
    };
    let bytes = roundtable_pdf::encrypt(&bytes, &password)
        .map_err(|e| CoreError::Io(format!("encrypting the file: {e}")))?;
    Ok(Sealed {
        bytes,
        password: shown,
        audit_note: format!("; encrypted (AES-256) for {recipient}, {whose}"),
    })
}

/// A CSV file cannot carry a password: refuse before anything is written.
pub(crate) fn refuse_for_csv(encryption: Option<&Encryption>) -> CoreResult<()> {
    if encryption.is_some() {
        return Err(CoreError::field(
            "encryption",
            "A CSV file cannot be encrypted. Export the statistics as PDF to send them encrypted.",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn made_passwords_are_long_readable_and_new_each_time() {
        let a = make_password().unwrap_or_default();
        let b = make_password().unwrap_or_default();
        assert_eq!(a.len(), 24, "{a}");
        assert_ne!(a, b);
        assert!(
            a.split('-')
                .all(|g| g.len() == 4 && g.bytes().all(|c| ALPHABET.contains(&c)))
        );
    }

    #[test]
    fn a_typed_password_must_be_strong_and_confirmed() {
        let typed = |password: &str, confirm: &str| Encryption {
            password: password.into(),
            confirm: confirm.into(),
            recipient: "Panel members".into(),
        };
        let fields = |e: &Encryption| match check(e, None) {
            Err(CoreError::Validation(f)) => f.into_iter().map(|f| f.field).collect(),
            _ => Vec::new(),
        };
        assert_eq!(fields(&typed("short", "short")), ["password"]);
        assert_eq!(
            fields(&typed("passwordpassword", "passwordpassword")),
            ["password"]
        );
        let strong = "copper lantern orbit meadow";
        assert_eq!(fields(&typed(strong, "copper lantern")), ["confirm"]);
        assert!(check(&typed(strong, strong), None).is_ok());
        let nobody = Encryption::default();
        assert_eq!(fields(&nobody), ["recipient"]);
        assert_eq!(
            check(&nobody, Some("Children's Social Care"))
                .ok()
                .as_deref(),
            Some("Children's Social Care")
        );
    }
}
