//! The core's integration tests, one binary: each file is a module. One
//! binary instead of one per file is linked once (the Windows build linked
//! 41 test binaries of about 100 MB each, minutes of a cold run) and
//! compiles the shared fixture once. Binaries of their own still: the tests
//! that kill a copy of their own binary mid-edit (`crash`, `pg_crash`,
//! `power_loss`: a killed child runs only its one test), and
//! `cipher_settings`, which changes SQLCipher's process-wide defaults.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

mod agency_import;
mod agenda;
mod between_meetings;
mod between_meetings_person;
mod cases;
mod dash;
mod dash_minutes_and_lists;
mod demo_flow;
mod directory;
mod documents;
mod documents_names;
mod durability;
mod encrypted_exports;
mod hostile;
mod hostile_meeting;
mod import;
mod import_choices;
mod invitations;
mod layout;
mod other_panels;
mod passphrase_guards;
mod pg_agency_rls;
mod pg_app_role;
mod pg_backup;
mod pg_query_plans;
mod pg_request;
mod pg_research_rls;
mod pg_row_security;
mod pg_same_results;
mod query_plans;
mod referral;
mod research;
mod retention;
mod running;
mod running_actions;
mod safelives_return;
mod safety;
mod safety_backup;
mod statistics;
mod statistics_by_hand;
mod tamper;
mod transfer;
mod vault;
