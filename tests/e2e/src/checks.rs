//! What is checked on every screen and kept for people to look at:
//! axe-core's accessibility rules, a council laptop's 1366x768 without
//! sideways scrolling, and screenshots (which need a nudge to be painted
//! when the app paints without a GPU).

use std::path::PathBuf;
use std::time::Duration;

use fantoccini::Client;

use super::{Harness, artifacts_dir, workspace_root};

impl Harness {
    pub async fn screenshot(&self, label: &str) -> PathBuf {
        let dir = artifacts_dir();
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{}--{label}.png", self.name));
        if let Ok(png) = screenshot(&self.client).await {
            std::fs::write(&path, png).unwrap();
        }
        path
    }

    /// Runs axe-core on the current screen and fails on any violation.
    pub async fn axe(&self, screen: &str) {
        if std::env::var_os("E2E_SCREENSHOTS").is_some() {
            self.screenshot(screen).await;
        }
        let source =
            std::fs::read_to_string(workspace_root().join("ui/node_modules/axe-core/axe.min.js"))
                .expect("axe-core is installed by npm ci in ui/");
        self.client
            .execute(&format!("{source}\nreturn true;"), vec![])
            .await
            .unwrap();
        let result = self
            .client
            .execute_async(
                r#"const done = arguments[arguments.length - 1];
                   axe.run(document).then(
                     (r) => done(r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)),
                     (e) => done([`axe failed: ${e}`]));"#,
                vec![],
            )
            .await
            .unwrap();
        let violations: Vec<String> = serde_json::from_value(result).unwrap_or_default();
        assert!(
            violations.is_empty(),
            "axe found problems on the {screen} screen:\n{}",
            violations.join("\n")
        );
    }

    /// Sets the window to a council laptop's 1366x768 and fails if the page
    /// scrolls sideways there.
    pub async fn fits_laptop_screen(&self, screen: &str) {
        self.client.set_window_size(1366, 768).await.unwrap();
        tokio::time::sleep(Duration::from_millis(300)).await;
        let overflow = self
            .client
            .execute("return document.documentElement.scrollWidth - document.documentElement.clientWidth;", vec![])
            .await
            .unwrap();
        if std::env::var_os("E2E_SCREENSHOTS").is_some() {
            self.screenshot(&format!("{screen}-1366x768")).await;
        }
        if overflow.as_i64() != Some(0) {
            // Name what sticks out, to fix it (not what scrolls inside its own box).
            let culprits = self
                .client
                .execute(
                    "const w = document.documentElement.clientWidth; return [...document.querySelectorAll('body *')]
                       .filter((e) => e.getBoundingClientRect().right > w + 1 && !e.parentElement.closest('.table-scroll'))
                       .slice(0, 6).map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`)
                       .join('; ');",
                    vec![],
                )
                .await
                .unwrap();
            panic!("the {screen} screen scrolls sideways at 1366x768 by {overflow}px: {culprits}");
        }
    }
}

/// The window's screenshot. WebKit painting without compositing (the app's
/// choice on a machine without a GPU, as here) answers a screenshot only
/// after its next paint, and a page that has nothing left to paint would keep
/// it waiting until something changes (ten minutes later, the idle lock). So
/// a dot of one pixel, all but transparent, is painted and taken away a few
/// times while the screenshot is made.
pub(crate) async fn screenshot(client: &Client) -> Result<Vec<u8>, fantoccini::error::CmdError> {
    client
        .execute(
            r#"for (const ms of [20, 150, 500, 1500]) setTimeout(() => {
                 const dot = document.createElement("div");
                 dot.setAttribute("aria-hidden", "true");
                 Object.assign(dot.style, { position: "fixed", right: "0", bottom: "0", width: "1px",
                   height: "1px", background: "black", opacity: "0.01", pointerEvents: "none" });
                 document.body.append(dot);
                 setTimeout(() => dot.remove(), 10);
               }, ms);
               return true;"#,
            vec![],
        )
        .await?;
    client.screenshot().await
}
