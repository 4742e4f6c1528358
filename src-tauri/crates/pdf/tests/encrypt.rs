//! An encrypted export as its recipient meets it: qpdf names AES-256
//! (revision 6), `pdftotext` reads it with the password and cannot without.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::output as tool;
use roundtable_pdf::{Block, Document, encrypt, is_encrypted, render};

fn minutes() -> Vec<u8> {
    render(&Document {
        keywords: vec!["roundtable-audit-anchor 7 abc".into()],
        ..common::minutes(vec![
            Block::heading(1, "Case 1"),
            Block::text("Amara Okafor: the police shared two call-outs since March."),
        ])
    })
    .unwrap()
}

const PASSWORD: &str = "K7QM-PX4R-9HTW-C2ZN-V8LD";

#[test]
fn an_encrypted_pdf_is_aes_256_and_opens_only_with_its_password() {
    let plain = minutes();
    assert!(!is_encrypted(&plain));
    let sealed = encrypt(&plain, PASSWORD).unwrap();
    assert!(is_encrypted(&sealed));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sealed.pdf");
    std::fs::write(&path, &sealed).unwrap();
    let path = path.display().to_string();

    let shown = tool(
        "qpdf",
        &[
            "--show-encryption",
            &format!("--password={PASSWORD}"),
            &path,
        ],
    );
    let shown = String::from_utf8_lossy(&shown.stdout).into_owned();
    assert!(shown.contains("R = 6"), "revision 6: {shown}");
    assert!(
        shown.contains("AESv3"),
        "AES-256 for streams and strings: {shown}"
    );
    assert!(!shown.contains("RC4"), "{shown}");

    let checked = tool(
        "qpdf",
        &["--check", &format!("--password={PASSWORD}"), &path],
    );
    assert!(
        checked.status.success(),
        "{}",
        String::from_utf8_lossy(&checked.stdout)
    );

    let read = tool("pdftotext", &["-upw", PASSWORD, &path, "-"]);
    assert!(read.status.success());
    let text = String::from_utf8_lossy(&read.stdout);
    assert!(text.contains("Amara Okafor"), "{text}");
    assert!(text.contains("Prepared for Children"), "{text}");

    let refused = tool("pdftotext", &[&path, "-"]);
    assert!(!refused.status.success(), "no password, no text");
    assert!(!String::from_utf8_lossy(&refused.stdout).contains("Amara"));
    let wrong = tool(
        "pdftotext",
        &["-upw", "K7QM-PX4R-9HTW-C2ZN-V8LE", &path, "-"],
    );
    assert!(!wrong.status.success(), "a wrong password opens nothing");

    assert!(
        !sealed.windows(5).any(|w| w == b"Amara"),
        "no name in the file's bytes"
    );
    assert!(encrypt(&sealed, PASSWORD).is_err(), "never encrypted twice");
}

#[test]
fn two_copies_with_one_password_have_different_keys() {
    let plain = minutes();
    let a = encrypt(&plain, PASSWORD).unwrap();
    let b = encrypt(&plain, PASSWORD).unwrap();
    assert_ne!(a, b, "a fresh key each time");
}
