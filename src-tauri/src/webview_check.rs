//! Windows draws Roundtable's window with Microsoft Edge WebView2. Most
//! machines have its runtime, but some (LTSC builds, locked-down images)
//! do not, and there Tauri ends the process with no window and no word: the
//! app has no console on Windows. So the runtime is looked for before Tauri
//! starts, and a user without it is told what to ask for.

/// Whether the window can be drawn; if not, says so in a message box (and
/// on standard error, for a launch from a terminal).
#[cfg(windows)]
pub fn webview_available() -> bool {
    match tauri::webview_version() {
        Ok(_) => true,
        Err(err) => {
            eprintln!("Roundtable could not start: no WebView2 runtime ({err})");
            rfd::MessageDialog::new()
                .set_level(rfd::MessageLevel::Error)
                .set_title("Roundtable cannot start")
                .set_description(MISSING)
                .set_buttons(rfd::MessageButtons::Ok)
                .show();
            false
        }
    }
}

/// Elsewhere the window is the system's own web view, part of the package's
/// dependencies.
#[cfg(not(windows))]
pub fn webview_available() -> bool {
    true
}

/// What a Windows user without WebView2 is told.
#[cfg(windows)]
const MISSING: &str = "Roundtable needs the Microsoft Edge WebView2 Runtime to show its \
window, and this computer does not have it.\n\nAsk your IT team to install Microsoft's \
\"Evergreen\" WebView2 Runtime, then start Roundtable again. Your data has not been touched.";
