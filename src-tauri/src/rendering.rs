//! How the window is painted on a machine without a GPU.
//!
//! WebKitGTK composites every frame through OpenGL. With no GPU (a virtual
//! desktop, a remote session, a laptop whose driver is missing) that GL is
//! Mesa's software renderer, and each frame of the cockpit cost 30 to 50 ms
//! more than painting it directly: `N` to the next case took a median of
//! about 100 ms on the ten-year borough, and about 30 ms with compositing off
//! (see the README's "Speed in the real window"). So where the machine has no GPU
//! render node, Roundtable asks WebKit never to use hardware acceleration;
//! with a GPU, WebKit's own choice stands.

use std::path::Path;

/// Whether the machine offers a GPU to render with (a DRM render node).
fn has_render_node(dri: &Path) -> bool {
    std::fs::read_dir(dri).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
    })
}

/// Turns WebKit's compositing off for a webview when there is no GPU.
/// (Painting directly, WebKit answers a WebDriver screenshot only after its
/// next paint: the end-to-end harness paints a dot while it takes one.)
pub fn suit_to_machine<R: tauri::Runtime>(webview: &tauri::Webview<R>) {
    if has_render_node(Path::new("/dev/dri")) {
        return;
    }
    // WebView2 (Windows) and WKWebView choose their own painting.
    #[cfg(not(target_os = "linux"))]
    let _ = webview;
    #[cfg(target_os = "linux")]
    if let Err(err) = webview.with_webview(|platform| {
        use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
        if let Some(settings) = WebViewExt::settings(&platform.inner()) {
            settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
        }
    }) {
        log::warn!("could not set how the window is painted: {err}");
    }
}

#[cfg(test)]
mod tests {
    use super::has_render_node;

    #[test]
    fn a_render_node_means_a_gpu() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!has_render_node(dir.path()));
        assert!(!has_render_node(&dir.path().join("absent")));
        std::fs::write(dir.path().join("card0"), "").unwrap();
        assert!(!has_render_node(dir.path()));
        std::fs::write(dir.path().join("renderD128"), "").unwrap();
        assert!(has_render_node(dir.path()));
    }
}
