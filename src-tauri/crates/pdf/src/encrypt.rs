//! Encrypting a finished PDF for the journey by email: AES-256, the PDF
//! standard security handler's revision 6 (PDF 2.0), which every common
//! reader opens with its password. lopdf does the cryptography; nothing
//! here is hand-written crypto. The file's key and the owner password are
//! fresh random bytes, used once and never kept, so only the password
//! given opens the file.

use std::collections::BTreeMap;
use std::sync::Arc;

use lopdf::encryption::crypt_filters::{Aes256CryptFilter, CryptFilter};
use lopdf::{Document, EncryptionState, EncryptionVersion, Permissions};

use crate::PdfError;

fn failed(e: impl std::fmt::Display) -> PdfError {
    PdfError::Encrypt(e.to_string())
}

/// Random bytes as text: the owner password nobody is told.
fn random_hex(bytes: usize) -> Result<String, PdfError> {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).map_err(failed)?;
    Ok(buf.iter().map(|b| format!("{b:02x}")).collect())
}

/// The PDF `bytes`, encrypted so that `password` opens it (AES-256, R6).
/// Reading, printing and copying stay allowed for whoever has the password
/// (a screen reader must be able to read it).
pub fn encrypt(bytes: &[u8], password: &str) -> Result<Vec<u8>, PdfError> {
    let mut doc = Document::load_mem(bytes).map_err(failed)?;
    if doc.is_encrypted() {
        return Err(PdfError::Encrypt("it is already encrypted".into()));
    }
    let mut key = [0u8; 32];
    getrandom::fill(&mut key).map_err(failed)?;
    let owner = random_hex(32)?;
    let filter: Arc<dyn CryptFilter> = Arc::new(Aes256CryptFilter);
    let version = EncryptionVersion::V5 {
        encrypt_metadata: true,
        crypt_filters: BTreeMap::from([(b"StdCF".to_vec(), filter)]),
        file_encryption_key: &key,
        stream_filter: b"StdCF".to_vec(),
        string_filter: b"StdCF".to_vec(),
        owner_password: &owner,
        user_password: password,
        permissions: Permissions::PRINTABLE
            | Permissions::PRINTABLE_IN_HIGH_QUALITY
            | Permissions::COPYABLE
            | Permissions::COPYABLE_FOR_ACCESSIBILITY,
    };
    let state = EncryptionState::try_from(version).map_err(failed)?;
    doc.encrypt(&state).map_err(failed)?;
    declare_key_length(&mut doc)?;
    // The AES-256 handler (revision 6) is PDF 2.0's.
    doc.version = "2.0".into();
    let mut out = Vec::with_capacity(bytes.len() + 1024);
    doc.save_to(&mut out).map_err(failed)?;
    Ok(out)
}

/// Writes the key's length (256 bits) into the encryption dictionary and
/// its crypt filter, as qpdf does. The standard lets a reader infer it from
/// AESV3, but poppler (behind many Linux readers and `pdftotext`) falls back
/// to 40 bits without it and reads nothing.
fn declare_key_length(doc: &mut Document) -> Result<(), PdfError> {
    let id = doc
        .trailer
        .get(b"Encrypt")
        .and_then(lopdf::Object::as_reference)
        .map_err(failed)?;
    let dict = doc.get_dictionary_mut(id).map_err(failed)?;
    dict.set("Length", 256);
    let filter = dict
        .get_mut(b"CF")
        .and_then(lopdf::Object::as_dict_mut)
        .and_then(|cf| cf.get_mut(b"StdCF"))
        .and_then(lopdf::Object::as_dict_mut)
        .map_err(failed)?;
    filter.set("Length", 32);
    filter.set("AuthEvent", lopdf::Object::Name(b"DocOpen".to_vec()));
    Ok(())
}

/// Whether `bytes` are a PDF that needs a password to read.
pub fn is_encrypted(bytes: &[u8]) -> bool {
    Document::load_mem(bytes)
        .map(|d| d.is_encrypted())
        .unwrap_or(false)
}
