//! Tauri commands, one module per feature area. Each unpacks its arguments and
//! state and calls the core in a few lines; errors cross as `ApiError`.

pub mod agencies;
pub mod agency_import;
pub mod between;
pub mod cases;
pub mod demo;
pub mod exports;
pub mod help;
pub mod import;
pub mod meetings;
pub mod panels;
pub mod projector;
pub mod running;
pub mod safety;
pub mod session;
