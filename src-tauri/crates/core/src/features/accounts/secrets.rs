//! The secrets of signing in: passwords hashed with argon2id (the RustCrypto
//! implementation, OWASP's recommended parameters, which are its defaults),
//! one-time passwords and session tokens from the operating system's random
//! source, and tokens kept only as their SHA-256.

use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use sha2::{Digest, Sha256};

use crate::error::{CoreError, CoreResult};

/// Letters and digits a reader cannot confuse when it is read out by phone
/// (no 0/O, 1/l/I).
const READABLE: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

fn random_bytes<const N: usize>() -> CoreResult<[u8; N]> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes)
        .map_err(|e| CoreError::Storage(format!("no random numbers from the system: {e}")))?;
    Ok(bytes)
}

/// The argon2id hash of `password`, in the PHC string format (algorithm,
/// parameters and salt included, so parameters can change later).
pub fn hash_password(password: &str) -> CoreResult<String> {
    let salt = SaltString::encode_b64(&random_bytes::<16>()?)
        .map_err(|e| CoreError::Storage(format!("could not salt a password: {e}")))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| CoreError::Storage(format!("could not hash a password: {e}")))
}

/// Whether `password` matches `hash`; a hash that does not parse is a
/// storage fault, not a wrong password.
pub fn verify_password(password: &str, hash: &str) -> CoreResult<bool> {
    let parsed = PasswordHash::new(hash)
        .map_err(|_| CoreError::Storage("an account's password hash is malformed".into()))?;
    Ok(Argon2::default()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok())
}

/// A hash no password is checked against in earnest: signing in as a name
/// that does not exist spends the same time as a wrong password.
pub(super) fn dummy_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| hash_password("no account has this password").unwrap_or_default())
}

/// A one-time password: 20 readable characters in groups of five (about
/// 99 bits), to be read out or copied once.
pub fn one_time_password() -> String {
    let mut chars = Vec::with_capacity(20);
    while chars.len() < 20 {
        let Ok(bytes) = random_bytes::<32>() else {
            continue;
        };
        // 31 symbols: bytes of 248 and above would bias the draw.
        for b in bytes.into_iter().filter(|b| *b < 248) {
            if chars.len() < 20 {
                chars.push(char::from(READABLE[usize::from(b) % READABLE.len()]));
            }
        }
    }
    chars
        .chunks(5)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// A session token for a browser's cookie: 256 random bits, as hex.
pub fn new_token() -> CoreResult<String> {
    Ok(hex(&random_bytes::<32>()?))
}

/// What is stored of a token: its SHA-256, as hex.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_against_its_hash_only() {
        let hash = hash_password("correct horse battery staple").unwrap();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(verify_password("correct horse battery staple", &hash).unwrap());
        assert!(!verify_password("correct horse battery stapler", &hash).unwrap());
        assert!(verify_password("x", "not a hash").is_err());
    }

    #[test]
    fn one_time_passwords_are_readable_and_differ() {
        let a = one_time_password();
        assert_eq!(a.len(), 23, "{a}");
        assert!(
            a.split('-')
                .all(|g| g.len() == 5 && g.bytes().all(|b| READABLE.contains(&b)))
        );
        assert_ne!(a, one_time_password());
        assert_ne!(new_token().unwrap(), new_token().unwrap());
        assert_eq!(new_token().unwrap().len(), 64);
        assert_eq!(token_hash("a"), token_hash("a"));
    }
}
