//! The Roundtable desktop shell: starts Tauri, claims the data folder, and
//! exposes the core's features as commands. Nothing here holds domain logic.

mod commands;
mod data_dir;
mod fonts;
mod idle_watch;
mod menu;
mod rendering;
mod state;
mod support_log;

use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use state::AppState;
use tauri::Manager;
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

/// Saves the main window's size and place as it changes (at most every
/// WINDOW_SAVE_INTERVAL), so a crash keeps them too; the plugin saves again
/// on a normal exit.
fn save_window_state(window: &tauri::Window) {
    static LAST: Mutex<Option<Instant>> = Mutex::new(None);
    let mut last = LAST
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if last.is_some_and(|t| t.elapsed() < WINDOW_SAVE_INTERVAL) {
        return;
    }
    *last = Some(Instant::now());
    if let Err(err) = window.app_handle().save_window_state(StateFlags::all()) {
        log::warn!("could not save the window's size and place: {err}");
    }
}

/// How often, at most, the window's size and place are saved while it moves.
const WINDOW_SAVE_INTERVAL: Duration = Duration::from_millis(300);

/// When Roundtable started, for the support log's "first screen shown".
pub static STARTED: OnceLock<Instant> = OnceLock::new();

pub fn run() {
    STARTED.get_or_init(Instant::now);
    let chosen = data_dir::chosen();
    let mut builder = tauri::Builder::default();
    if chosen.is_none() {
        // One Roundtable per desktop session on the usual data folder: a
        // second launch brings the first to the front instead. (A folder
        // given with --data-dir, as tests do, is guarded by its own lock.)
        builder = builder.plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(main) = app.get_webview_window("main") {
                let _ = main.unminimize();
                let _ = main.show();
                let _ = main.set_focus();
            }
        }));
    }
    let mut window_state = tauri_plugin_window_state::Builder::new()
        .with_state_flags(StateFlags::SIZE | StateFlags::POSITION | StateFlags::MAXIMIZED)
        // The projector goes wherever the chair drags it each meeting.
        .with_denylist(&[commands::projector::LABEL]);
    if let Some(dir) = &chosen {
        // Kept with that data folder, so test runs never share a window size.
        window_state =
            window_state.with_filename(dir.join("window-state.json").display().to_string());
    }
    let builder = builder
        .register_uri_scheme_protocol(fonts::SCHEME, |_ctx, request| fonts::serve(&request))
        .plugin(window_state.build())
        .plugin(support_log::plugin(chosen.as_deref()))
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init())
        .on_page_load(|webview, _| rendering::suit_to_machine(webview))
        .setup(|app| {
            let dir = data_dir::resolve(app.handle())?;
            log::info!(
                "Roundtable {} ({}) started",
                env!("CARGO_PKG_VERSION"),
                commands::help::BUILD
            );
            let state = AppState::claim(&dir);
            if let Some(exports) = data_dir::export_dir() {
                state.grant(&exports);
            }
            tauri::Manager::manage(app, state);
            idle_watch::start(app.handle().clone());
            app.set_menu(menu::build(app.handle())?)?;
            app.on_menu_event(menu::forward);
            Ok(())
        })
        .on_window_event(|window, event| {
            match event {
                // Closing the main window ends Roundtable, projector window
                // and all: the shared screen must never outlive the chair's.
                tauri::WindowEvent::Destroyed if window.label() == "main" => {
                    log::info!("Roundtable closed");
                    tauri::Manager::app_handle(window).exit(0);
                }
                tauri::WindowEvent::Moved(_) | tauri::WindowEvent::Resized(_)
                    if window.label() == "main" =>
                {
                    save_window_state(window);
                }
                _ => {}
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::session::app_status,
            commands::session::first_screen_shown,
            commands::session::set_up,
            commands::session::unlock,
            commands::session::lock,
            commands::safety::idle_lock_minutes,
            commands::safety::change_passphrase,
            commands::safety::choose_backup_folder,
            commands::safety::choose_backup_file,
            commands::safety::back_up,
            commands::safety::restore_backup,
            commands::safety::audit_log,
            commands::safety::verify_audit_log,
            commands::safety::audit_head,
            commands::safety::note_input,
            commands::safety::retention_due,
            commands::safety::delete_due_cases,
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
            commands::agency_import::agency_import_preview,
            commands::agency_import::agency_import_commit,
            commands::agency_import::usual_agencies_for,
            commands::agency_import::create_agencies,
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
            commands::help::about,
            commands::help::open_file,
            commands::help::show_in_folder,
        ]);
    if let Err(err) = builder.run(tauri::generate_context!()) {
        eprintln!("Roundtable could not start: {err}");
        std::process::exit(1);
    }
}
