//! The Roundtable desktop shell: starts Tauri, claims the data folder, and
//! exposes the core's services as commands. Nothing here holds domain logic.

mod commands;
mod data_dir;
mod state;

use state::AppState;

pub fn run() {
    let builder = tauri::Builder::default()
        .setup(|app| {
            let dir = data_dir::resolve(app.handle())?;
            tauri::Manager::manage(app, AppState::claim(&dir));
            Ok(())
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
        ]);
    if let Err(err) = builder.run(tauri::generate_context!()) {
        eprintln!("Roundtable could not start: {err}");
        std::process::exit(1);
    }
}
