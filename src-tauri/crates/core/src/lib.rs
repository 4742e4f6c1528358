//! Roundtable's core: the domain, validation, features and the encrypted
//! store. No Tauri and no UI here: everything is callable and testable
//! headless, and the desktop shell's commands are thin wrappers over it.

pub mod audit;
pub mod bindings;
pub mod dates;
pub mod domain;
pub mod error;
pub mod features;
pub mod import;
pub mod matching;
#[cfg(feature = "test-support")]
pub mod scale;
pub mod store;
pub mod tables;
pub mod validate;
pub mod vault;

pub use error::{ApiError, CoreError, CoreResult, ErrorCode, FieldError};
pub use store::Store;
pub use vault::Vault;
