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
mod webview_check;

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

/// Claims the data folder, starts the idle watch and builds the menu.
fn setup(app: &mut tauri::App) -> Result<(), Box<dyn std::error::Error>> {
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
}

fn on_window_event(window: &tauri::Window, event: &tauri::WindowEvent) {
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
}

pub fn run() {
    STARTED.get_or_init(Instant::now);
    if !webview_check::webview_available() {
        std::process::exit(1);
    }
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
        .setup(setup)
        .on_window_event(on_window_event)
        .invoke_handler(commands::handler());
    if let Err(err) = builder.run(tauri::generate_context!()) {
        eprintln!("Roundtable could not start: {err}");
        std::process::exit(1);
    }
}
