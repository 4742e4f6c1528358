//! The browser's session: a random token in a `__Host-` cookie (HttpOnly,
//! Secure, SameSite=Strict, the whole site, no domain), resolved on every
//! request to the signed-in account. Requests that change anything must
//! also carry the `X-Roundtable` header and, when the browser sends an
//! `Origin`, come from this server's own: a page on another site can send
//! neither, so cross-site request forgery is refused before any work.

use axum::http::header::{COOKIE, HOST, ORIGIN};
use axum::http::{HeaderMap, HeaderValue, Method};
use roundtable_core::CoreError;

pub const COOKIE_NAME: &str = "__Host-roundtable";
/// The header the UI's web backend sends with every request.
pub const CSRF_HEADER: &str = "x-roundtable";

/// The session token in the request's cookies, if any.
pub fn token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE_NAME)
        .map(|(_, value)| value.to_owned())
        .filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The `Set-Cookie` value that hands the browser its session.
pub fn cookie(token: &str) -> HeaderValue {
    HeaderValue::from_str(&format!(
        "{COOKIE_NAME}={token}; Path=/; Secure; HttpOnly; SameSite=Strict"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The `Set-Cookie` value that removes it (signing out).
pub fn expired_cookie() -> HeaderValue {
    HeaderValue::from_static(
        "__Host-roundtable=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0",
    )
}

/// Refuses a request that changes something unless it is plainly from
/// this server's own pages.
/// `authority` is the request's own (HTTP/2 names the host there, not in a
/// `Host` header).
pub fn check_same_origin(
    method: &Method,
    headers: &HeaderMap,
    authority: Option<&str>,
) -> Result<(), CoreError> {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return Ok(());
    }
    let refused = || {
        CoreError::Forbidden(
            "This request did not come from Roundtable's own pages, so it was refused.",
        )
    };
    if headers.get(CSRF_HEADER).is_none() {
        return Err(refused());
    }
    if let Some(origin) = headers.get(ORIGIN) {
        let host = headers
            .get(HOST)
            .and_then(|h| h.to_str().ok())
            .or(authority)
            .unwrap_or("");
        if origin.to_str().ok() != Some(&format!("https://{host}")) {
            return Err(refused());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn the_token_is_read_from_its_own_cookie_only() {
        let t = "a".repeat(64);
        let h = headers(&[("cookie", &format!("other=1; {COOKIE_NAME}={t}"))]);
        assert_eq!(token(&h), Some(t));
        let h = headers(&[("cookie", "roundtable=abc")]);
        assert_eq!(token(&h), None);
        let h = headers(&[("cookie", &format!("{COOKIE_NAME}=not-hex"))]);
        assert_eq!(token(&h), None);
    }

    #[test]
    fn a_change_from_another_site_is_refused() {
        let post = Method::POST;
        assert!(check_same_origin(&Method::GET, &HeaderMap::new(), None).is_ok());
        assert!(check_same_origin(&post, &HeaderMap::new(), None).is_err());
        let ours = headers(&[
            ("x-roundtable", "1"),
            ("host", "rt.example:8443"),
            ("origin", "https://rt.example:8443"),
        ]);
        assert!(check_same_origin(&post, &ours, None).is_ok());
        // HTTP/2: no Host header, the request's own authority instead.
        let h2 = headers(&[("x-roundtable", "1"), ("origin", "https://rt.example:8443")]);
        assert!(check_same_origin(&post, &h2, Some("rt.example:8443")).is_ok());
        assert!(check_same_origin(&post, &h2, Some("evil.example")).is_err());
        let theirs = headers(&[
            ("x-roundtable", "1"),
            ("host", "rt.example:8443"),
            ("origin", "https://evil.example"),
        ]);
        assert!(check_same_origin(&post, &theirs, None).is_err());
    }
}
