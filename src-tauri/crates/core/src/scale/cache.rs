//! The ten-year borough, built once and kept in the cache folder, for the
//! benchmarks that need it (the core's scale benchmark and the real window's):
//! the same seed, schema and generator give the same file, so it is reused
//! until one of them changes. Benchmarks only: nothing here runs in the app.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::Spec;
use crate::Store;
use crate::error::CoreResult;

/// The passphrase of the cached datasets (test data, never real).
pub const PASSPHRASE: &str = "scale benchmark passphrase";

pub fn cache_dir() -> PathBuf {
    if let Ok(dir) = std::env::var("ROUNDTABLE_SCALE_DIR") {
        return PathBuf::from(dir);
    }
    let home = std::env::var("HOME").unwrap_or_else(|_| ".".into());
    Path::new(&home).join(".cache/roundtable/scale")
}

/// The cached dataset and its plain copy, built when missing (or when the
/// schema or the generator changed, which changes the file name).
/// Says on standard output whether it was reused or built, and how long
/// building took.
#[allow(clippy::print_stdout)]
pub fn dataset(spec: &Spec) -> CoreResult<(PathBuf, PathBuf)> {
    let dir = cache_dir();
    std::fs::create_dir_all(&dir)?;
    let name = format!(
        "{}-schema{}-gen{}",
        spec.seed,
        crate::store::latest_version(),
        super::GENERATOR_VERSION
    );
    let encrypted = dir.join(format!("{name}.db"));
    let plain = dir.join(format!("{name}-plain.db"));
    let notes = dir.join(format!("{name}.txt"));
    if encrypted.exists() && plain.exists() {
        let built = std::fs::read_to_string(&notes).unwrap_or_default();
        println!("Dataset reused from the cache ({name}); {}", built.trim());
        return Ok((encrypted, plain));
    }
    let partial = dir.join(format!("{name}.db.partial"));
    let _ = std::fs::remove_file(&partial);
    let _ = std::fs::remove_file(&plain);
    println!("Building the dataset (seed {}) ...", spec.seed);
    let t = Instant::now();
    {
        let mut store = Store::create(&partial, PASSPHRASE)?;
        super::generate(&mut store, spec)?;
    }
    let built = t.elapsed();
    std::fs::rename(&partial, &encrypted)?;
    let t = Instant::now();
    {
        let store = Store::open(&encrypted, PASSPHRASE)?;
        let partial_plain = dir.join(format!("{name}-plain.db.partial"));
        let _ = std::fs::remove_file(&partial_plain);
        store.export_unencrypted_for_benchmark(&partial_plain)?;
        std::fs::rename(&partial_plain, &plain)?;
    }
    let exported = t.elapsed();
    let size = std::fs::metadata(&encrypted).map(|m| m.len()).unwrap_or(0);
    let line = format!(
        "built in {:.1} s (one transaction, encrypted), {:.0} MB; plain copy exported in {:.1} s.",
        built.as_secs_f64(),
        size as f64 / 1048576.0,
        exported.as_secs_f64()
    );
    std::fs::write(&notes, &line)?;
    println!("Dataset {line}");
    Ok((encrypted, plain))
}
