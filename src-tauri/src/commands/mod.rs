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

/// Every command the window may invoke.
pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        crate::commands::session::app_status,
        crate::commands::session::first_screen_shown,
        crate::commands::session::set_up,
        crate::commands::session::unlock,
        crate::commands::session::lock,
        crate::commands::safety::idle_lock_minutes,
        crate::commands::safety::change_passphrase,
        crate::commands::safety::choose_backup_folder,
        crate::commands::safety::choose_backup_file,
        crate::commands::safety::back_up,
        crate::commands::safety::restore_backup,
        crate::commands::safety::audit_log,
        crate::commands::safety::verify_audit_log,
        crate::commands::safety::audit_head,
        crate::commands::safety::note_input,
        crate::commands::safety::retention_due,
        crate::commands::safety::delete_due_cases,
        crate::commands::panels::list_panels,
        crate::commands::panels::new_panel_defaults,
        crate::commands::panels::create_panel,
        crate::commands::panels::update_panel,
        crate::commands::panels::set_panel_archived,
        crate::commands::panels::set_panel_membership,
        crate::commands::agencies::list_agencies,
        crate::commands::agencies::create_agency,
        crate::commands::agencies::update_agency,
        crate::commands::agencies::set_agency_archived,
        crate::commands::demo::load_demo_data,
        crate::commands::cases::list_cases,
        crate::commands::cases::get_case,
        crate::commands::cases::new_case_defaults,
        crate::commands::cases::create_case,
        crate::commands::cases::update_case,
        crate::commands::cases::case_action,
        crate::commands::cases::dash_checklists,
        crate::commands::cases::record_dash,
        crate::commands::cases::save_dash_draft,
        crate::commands::cases::discard_dash_draft,
        crate::commands::cases::save_referral_details,
        crate::commands::cases::decide_repeat,
        crate::commands::cases::triage_cases,
        crate::commands::cases::panel_concerns,
        crate::commands::cases::set_panel_concerns,
        crate::commands::meetings::list_meetings,
        crate::commands::meetings::get_meeting,
        crate::commands::meetings::create_meeting,
        crate::commands::meetings::create_emergency_meeting,
        crate::commands::meetings::move_agenda_item,
        crate::commands::meetings::set_agenda_item_minutes,
        crate::commands::meetings::remove_agenda_item,
        crate::commands::import::import_preview,
        crate::commands::import::import_commit,
        crate::commands::agency_import::agency_import_preview,
        crate::commands::agency_import::agency_import_commit,
        crate::commands::agency_import::usual_agencies_for,
        crate::commands::agency_import::create_agencies,
        crate::commands::exports::minutes_preview,
        crate::commands::exports::minutes_status,
        crate::commands::exports::approve_minutes,
        crate::commands::exports::start_amendment,
        crate::commands::exports::finish_amendment,
        crate::commands::exports::default_export_folder,
        crate::commands::exports::choose_export_folder,
        crate::commands::exports::export_plan,
        crate::commands::exports::export_minutes,
        crate::commands::exports::export_action_plan,
        crate::commands::projector::open_projector,
        crate::commands::projector::projector_view,
        crate::commands::running::meeting_now,
        crate::commands::running::meeting_actions,
        crate::commands::running::close_meeting,
        crate::commands::running::case_in_meeting,
        crate::commands::running::set_agency_attendance,
        crate::commands::running::add_attendee,
        crate::commands::running::update_attendee,
        crate::commands::running::go_to_item,
        crate::commands::running::toggle_timer,
        crate::commands::running::share_information,
        crate::commands::running::assess_case,
        crate::commands::running::decide_case,
        crate::commands::running::add_action,
        crate::commands::running::update_action,
        crate::commands::running::remove_action,
        crate::commands::running::report_action,
        crate::commands::running::actions_for_review,
        crate::commands::between::list_actions,
        crate::commands::between::report_actions,
        crate::commands::between::action_lateness,
        crate::commands::between::late_report,
        crate::commands::between::statistics_periods,
        crate::commands::between::panel_statistics,
        crate::commands::between::case_timeline,
        crate::commands::between::export_report,
        crate::commands::help::about,
        crate::commands::help::open_file,
        crate::commands::help::show_in_folder,
    ]
}
