//! A transfer's files: the bundle (the case, for the receiving MARAC) and
//! its receipt (for the sender), each a JSON document encrypted with age
//! under the passphrase the two coordinators agreed (scrypt, ChaCha20-
//! Poly1305: a damaged or altered file does not open). Nothing here is
//! hand-written crypto.

use std::io::{Read, Write};

use age::secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::case::CaseInput;
use crate::domain::dash::DashInput;
use crate::domain::referral::ReferralDetails;
use crate::error::{CoreError, CoreResult};

/// Names the format inside every file, so nothing else is ever read as one.
pub const FORMAT: &str = "roundtable-transfer/1";

/// What travels with the person: the referral, the Dash checklists, the
/// history and the actions still open where they were.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    pub format: String,
    pub id: Uuid,
    pub from_panel: String,
    pub to_panel: String,
    pub sent_at: String,
    pub sent_by: String,
    pub reference: String,
    pub case: CaseInput,
    /// The referring agency's name (agencies differ between areas).
    pub referred_by: String,
    pub referral: ReferralDetails,
    pub dash: Vec<DashInput>,
    /// Scores that came in a list without their answers: date and score.
    pub dash_scores: Vec<(String, u32)>,
    /// The case's history where it was: date, what happened.
    pub timeline: Vec<(String, String)>,
    /// Actions still open: agency, action, due date, status.
    pub open_actions: Vec<(String, String, String, String)>,
}

/// The receiving MARAC's word that the bundle arrived.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Receipt {
    pub format: String,
    pub receipt_for: Uuid,
    pub received_by_panel: String,
    pub received_at: String,
    pub reference: String,
}

fn damaged() -> CoreError {
    CoreError::field(
        "file",
        "That file is not a Roundtable transfer, or it is damaged. Nothing was changed.",
    )
}

/// Encrypts `value` as JSON under `passphrase`.
pub fn seal<T: Serialize>(value: &T, passphrase: &SecretString) -> CoreResult<Vec<u8>> {
    let json = serde_json::to_vec(value)
        .map_err(|e| CoreError::Io(format!("writing the transfer: {e}")))?;
    let encryptor = age::Encryptor::with_user_passphrase(SecretString::from(
        passphrase.expose_secret().to_owned(),
    ));
    let mut out = Vec::with_capacity(json.len() + 256);
    let mut writer = encryptor.wrap_output(&mut out)?;
    writer.write_all(&json)?;
    writer.finish()?;
    Ok(out)
}

/// Opens a file sealed by [`seal`]: a wrong passphrase is named as such;
/// anything damaged, altered or of another kind is refused whole.
pub fn open<T: for<'de> Deserialize<'de>>(
    bytes: &[u8],
    passphrase: &SecretString,
) -> CoreResult<T> {
    let decryptor = age::Decryptor::new_buffered(bytes).map_err(|_| damaged())?;
    let identity =
        age::scrypt::Identity::new(SecretString::from(passphrase.expose_secret().to_owned()));
    let mut reader = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|_| {
            CoreError::field(
                "passphrase",
                "That passphrase does not open this file. Check it with the other area's coordinator.",
            )
        })?;
    let mut json = Vec::new();
    reader.read_to_end(&mut json).map_err(|_| damaged())?;
    let value: serde_json::Value = serde_json::from_slice(&json).map_err(|_| damaged())?;
    if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(damaged());
    }
    serde_json::from_value(value).map_err(|_| damaged())
}
