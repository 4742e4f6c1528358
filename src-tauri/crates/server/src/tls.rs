//! HTTPS only. A borough gives the server its own certificate; until it
//! does, the server makes a self-signed one at first start (for localhost
//! and the names it is told), keeps it in its data folder with the key
//! readable by its owner alone, and reuses it at every later start.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use axum_server::tls_rustls::RustlsConfig;

/// Where the certificate and key are (made there if neither exists).
pub struct CertificatePaths {
    pub certificate: PathBuf,
    pub key: PathBuf,
}

impl CertificatePaths {
    pub fn in_folder(dir: &Path) -> Self {
        Self {
            certificate: dir.join("certificate.pem"),
            key: dir.join("certificate-key.pem"),
        }
    }
}

/// Makes a self-signed certificate for `names` (and localhost) unless
/// both files exist already.
pub fn ensure_certificate(paths: &CertificatePaths, names: &[String]) -> Result<bool, String> {
    if paths.certificate.exists() && paths.key.exists() {
        return Ok(false);
    }
    let mut subjects = vec!["localhost".to_owned(), "127.0.0.1".to_owned()];
    subjects.extend(
        names
            .iter()
            .filter(|n| !subjects.contains(n))
            .cloned()
            .collect::<Vec<_>>(),
    );
    let made = rcgen::generate_simple_self_signed(subjects)
        .map_err(|e| format!("could not make a certificate: {e}"))?;
    write_private(&paths.key, made.signing_key.serialize_pem().as_bytes())?;
    fs::write(&paths.certificate, made.cert.pem())
        .map_err(|e| format!("could not write {}: {e}", paths.certificate.display()))?;
    Ok(true)
}

fn write_private(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
        .open(path)
        .and_then(|mut f| f.write_all(bytes))
        .map_err(|e| format!("could not write {}: {e}", path.display()))
}

pub async fn rustls_config(paths: &CertificatePaths) -> Result<RustlsConfig, String> {
    RustlsConfig::from_pem_file(&paths.certificate, &paths.key)
        .await
        .map_err(|e| format!("could not use the certificate: {e}"))
}
