//! The main window's menu: what a meeting needs beside the keyboard
//! shortcuts. Choices are passed to the web UI as a "menu" event (the cockpit
//! acts on them); the menu holds no logic of its own.

use tauri::menu::{Menu, MenuBuilder, MenuEvent, MenuItemBuilder, SubmenuBuilder};
use tauri::{AppHandle, Emitter, Runtime};

pub const PROJECTOR: &str = "projector";
pub const SHORTCUTS: &str = "shortcuts";
pub const GUIDE: &str = "guide";
pub const ABOUT: &str = "about";

pub fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    let projector = MenuItemBuilder::with_id(PROJECTOR, "Open the &shared screen (projector)")
        .accelerator("CmdOrCtrl+Shift+P")
        .build(app)?;
    let meeting = SubmenuBuilder::new(app, "&Meeting")
        .items(&[&projector])
        .build()?;
    let guide = MenuItemBuilder::with_id(GUIDE, "&User guide")
        .accelerator("F1")
        .build(app)?;
    let shortcuts = MenuItemBuilder::with_id(SHORTCUTS, "&Keyboard shortcuts")
        .accelerator("CmdOrCtrl+/")
        .build(app)?;
    let about = MenuItemBuilder::with_id(ABOUT, "&About Roundtable").build(app)?;
    let help = SubmenuBuilder::new(app, "&Help")
        .items(&[&guide, &shortcuts])
        .separator()
        .items(&[&about])
        .build()?;
    MenuBuilder::new(app).items(&[&meeting, &help]).build()
}

pub fn forward<R: Runtime>(app: &AppHandle<R>, event: MenuEvent) {
    let id = event.id().as_ref();
    if [PROJECTOR, SHORTCUTS, GUIDE, ABOUT].contains(&id) {
        // Nothing to do if the main window has gone: the app is closing.
        let _ = app.emit_to("main", "menu", id);
    }
}
