//! Domain types and their validation: what the UI sends (`*Input`), what it
//! gets back, and the rules an input must meet before anything is stored.

pub mod account;
pub mod action;
pub mod agency;
pub mod approval;
pub mod case;
mod case_validation;
mod case_views;
pub mod dash;
pub mod dash_questions;
pub mod meeting;
pub mod panel;
pub mod referral;
pub mod research;
pub mod running;
pub mod safelives_return;
pub mod safety;
pub mod statistics;
pub mod user;
pub mod usual_agencies;

pub use agency::{Agency, AgencyInput, Representative, RepresentativeInput, Sector};
pub use panel::{Panel, PanelInput, PanelKind};
pub use user::{AppState, AppStatus, SetupInput, UserProfile, UserRole};
