//! All SQL, one module per table or aggregate: a newcomer finds a feature's
//! queries here, and the differences between engines stay here too. The
//! features above decide what to do and call these inside one transaction;
//! these only read and write rows, with values in their typed codecs
//! ([`crate::store::codec`]). Aggregates move here one at a time.

pub mod actions;
pub mod agencies;
pub mod agenda;
pub mod approval;
pub mod cases;
pub mod imports;
pub mod meetings;
pub mod new_cases;
pub mod panels;
pub mod person;
pub mod repeats;
pub mod retention;
pub mod running;
pub mod search;
pub mod statistics;
pub mod timers;
pub mod tracker;
