//! The Roundtable desktop shell: starts Tauri, claims the data folder, and
//! exposes the core's services as commands. Nothing here holds domain logic.

mod commands;
mod data_dir;
mod menu;
mod state;

use state::AppState;

pub fn run() {
    let builder = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let dir = data_dir::resolve(app.handle())?;
            tauri::Manager::manage(app, AppState::claim(&dir));
            app.set_menu(menu::build(app.handle())?)?;
            app.on_menu_event(menu::forward);
            Ok(())
        })
        // Closing the main window ends Roundtable, projector window and all:
        // the shared screen must never outlive the chair's.
        .on_window_event(|window, event| {
            if window.label() == "main" && matches!(event, tauri::WindowEvent::Destroyed) {
                tauri::Manager::app_handle(window).exit(0);
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::session::app_status,
            commands::session::set_up,
            commands::session::unlock,
            commands::session::lock,
            commands::panels::list_panels,
            commands::panels::new_panel_defaults,
            commands::panels::create_panel,
            commands::panels::update_panel,
            commands::panels::set_panel_archived,
            commands::panels::set_panel_membership,
            commands::agencies::list_agencies,
            commands::agencies::create_agency,
            commands::agencies::update_agency,
            commands::agencies::set_agency_archived,
            commands::demo::load_demo_data,
            commands::cases::list_cases,
            commands::cases::get_case,
            commands::cases::new_case_defaults,
            commands::cases::create_case,
            commands::cases::update_case,
            commands::cases::case_action,
            commands::cases::decide_repeat,
            commands::cases::triage_cases,
            commands::cases::panel_concerns,
            commands::cases::set_panel_concerns,
            commands::meetings::list_meetings,
            commands::meetings::get_meeting,
            commands::meetings::create_meeting,
            commands::meetings::create_emergency_meeting,
            commands::meetings::move_agenda_item,
            commands::meetings::set_agenda_item_minutes,
            commands::meetings::remove_agenda_item,
            commands::import::import_preview,
            commands::import::import_commit,
            commands::exports::minutes_preview,
            commands::exports::minutes_status,
            commands::exports::approve_minutes,
            commands::exports::start_amendment,
            commands::exports::finish_amendment,
            commands::exports::default_export_folder,
            commands::exports::choose_export_folder,
            commands::exports::export_plan,
            commands::exports::export_minutes,
            commands::exports::export_action_plan,
            commands::projector::open_projector,
            commands::projector::projector_view,
            commands::running::meeting_now,
            commands::running::meeting_actions,
            commands::running::close_meeting,
            commands::running::case_in_meeting,
            commands::running::set_agency_attendance,
            commands::running::add_attendee,
            commands::running::update_attendee,
            commands::running::go_to_item,
            commands::running::toggle_timer,
            commands::running::share_information,
            commands::running::assess_case,
            commands::running::decide_case,
            commands::running::add_action,
            commands::running::update_action,
            commands::running::remove_action,
            commands::running::report_action,
            commands::running::actions_for_review,
            commands::between::list_actions,
            commands::between::report_actions,
            commands::between::action_lateness,
            commands::between::late_report,
            commands::between::statistics_periods,
            commands::between::panel_statistics,
            commands::between::case_timeline,
            commands::between::export_report,
        ]);
    if let Err(err) = builder.run(tauri::generate_context!()) {
        eprintln!("Roundtable could not start: {err}");
        std::process::exit(1);
    }
}
