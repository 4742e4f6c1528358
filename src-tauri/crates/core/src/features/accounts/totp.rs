//! A second factor: time-based one-time codes (RFC 6238, six digits every
//! 30 seconds, the step before or after accepted for clock drift) from any
//! authenticator app, by totp-rs. Setting up is two steps, so a mistyped
//! secret never locks anyone out: the server offers a new secret (and its
//! otpauth address for a QR code); only a code made from it turns it on.
//! Each code is accepted once.

use serde::Serialize;
use totp_rs::{Builder, Secret, Totp};

use crate::domain::account::Account;
use crate::error::{CoreError, CoreResult};
use crate::store::Engine;
use crate::store::codec::now;
use crate::tables::accounts as table;

/// A secret offered to set up an authenticator app (not yet in use).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TotpOffer {
    /// Base32, to type into the app.
    pub secret: String,
    /// `otpauth://totp/...`, for a QR code.
    pub url: String,
}

fn totp(secret: &[u8], account: &str) -> CoreResult<Totp> {
    Builder::new()
        .with_secret(secret.to_vec())
        .with_skew(1)
        .with_issuer(Some("Roundtable"))
        .with_account_name(account)
        .build()
        .map_err(|e| CoreError::Storage(format!("an authenticator secret is unusable: {e}")))
}

fn decode(secret: &str) -> CoreResult<Vec<u8>> {
    Secret::try_from_base32(secret.trim())
        .map(|s| s.as_bytes().to_vec())
        .map_err(|_| CoreError::field("secret", "That setup key is not valid. Start again."))
}

/// A new secret (160 random bits) for `account` to set up its app with.
pub fn offer(account: &Account) -> CoreResult<TotpOffer> {
    let mut bytes = [0u8; 20];
    getrandom::fill(&mut bytes)
        .map_err(|e| CoreError::Storage(format!("no random numbers from the system: {e}")))?;
    let totp = totp(&bytes, &account.username)?;
    Ok(TotpOffer {
        secret: Secret::from(bytes.to_vec()).to_base32(),
        url: totp
            .to_url()
            .map_err(|e| CoreError::Storage(format!("could not make the setup address: {e}")))?,
    })
}

/// The step a code belongs to, if it is right for `secret` now.
fn accepted(secret: &[u8], username: &str, code: &str) -> CoreResult<Option<i64>> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    let step = totp(secret, username)?.check_current(&code);
    Ok(step.map(|s| i64::try_from(s).unwrap_or(i64::MAX)))
}

/// Turns the second factor on with `secret`, once a code made from it is
/// right.
pub fn confirm(
    store: &mut impl Engine,
    account: &Account,
    secret: &str,
    code: &str,
) -> CoreResult<Account> {
    let bytes = decode(secret)?;
    let Some(step) = accepted(&bytes, &account.username, code)? else {
        return Err(CoreError::field(
            "code",
            "That code is not right. Check the app shows Roundtable and try the next code.",
        ));
    };
    store.write(|db| {
        table::set_totp(db, account.id, Some(secret.trim()), Some(step), &now())?;
        table::get(db, account.id)?.ok_or(CoreError::NotFound("That account"))
    })
}

/// At sign-in, after the password: an account with the second factor on
/// must give a code it has not used before.
pub fn check(store: &mut impl Engine, account: &Account, code: Option<&str>) -> CoreResult<()> {
    let Some((secret, last)) = store.read_one(|db| table::totp(db, account.id))? else {
        return Ok(());
    };
    let Some(code) = code.filter(|c| !c.trim().is_empty()) else {
        return Err(CoreError::field(
            "code",
            "Enter the 6-digit code from your authenticator app.",
        ));
    };
    let bytes = decode(&secret)?;
    match accepted(&bytes, &account.username, code)? {
        Some(step) if last.is_none_or(|last| step > last) => {
            store.write(|db| table::set_totp_step(db, account.id, step))
        }
        _ => Err(CoreError::SignInFailed),
    }
}

/// Turns the second factor off (a lost phone: a coordinator resets it).
pub fn reset(store: &mut impl Engine, by: &Account, id: uuid::Uuid) -> CoreResult<Account> {
    let target = store
        .read_one(|db| table::get(db, id))?
        .ok_or(CoreError::NotFound("That account"))?;
    if by.id != id && !by.role.may_create(target.role) {
        return Err(CoreError::Forbidden(
            "Your account cannot reset that account's authenticator.",
        ));
    }
    store.write(|db| {
        table::set_totp(db, id, None, None, &now())?;
        table::get(db, id)?.ok_or(CoreError::NotFound("That account"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_right_for_its_secret_only() {
        let secret = [7u8; 20];
        let code = totp(&secret, "sam").unwrap().generate_current().to_string();
        assert!(accepted(&secret, "sam", &code).unwrap().is_some());
        assert!(accepted(&[8u8; 20], "sam", &code).unwrap().is_none());
        assert!(accepted(&secret, "sam", "000000x").unwrap().is_none());
    }
}
