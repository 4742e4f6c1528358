//! The page cannot make Roundtable read or write outside the folders the
//! user chose. Every command that takes a path is called from the page, as a
//! hostile page would, with a trailing or leading space, a missing path, a
//! way out with `..`, and a symbolic link into a folder nobody granted; each
//! is refused beside its field and nothing appears in that folder. (A
//! trailing space used to pass the check and be trimmed by the core, so the
//! minutes were written into the ungranted folder.) The projector window
//! may call only its own view.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use roundtable_e2e::scenario;

/// Calls every path command with `path` in place of its folder or file and
/// returns each outcome: "written" or the error's message.
const CALL_ALL: &str = r#"
const [path, done] = [arguments[0], arguments[arguments.length - 1]];
const invoke = window.__TAURI_INTERNALS__.invoke;
(async () => {
  const meetings = await invoke("list_meetings", { panelId: null });
  const meetingId = meetings.find((m) => m.status === "held").id;
  const agencyId = (await invoke("list_agencies"))[0].id;
  const pass = "backup only passphrase";
  const calls = {
    export_plan: { meetingId, folder: path },
    export_minutes: { meetingId, folder: path, replace: true },
    export_action_plan: { meetingId, agencyId, folder: path, replace: true },
    export_report: { request: { kind: "late_actions", panel_id: null }, folder: path, replace: true },
    back_up: { input: { folder: path, passphrase: pass, confirm_passphrase: pass } },
    restore_backup: { input: { file: path, backup_passphrase: pass, current_passphrase: "violet harbour kettle" } },
    open_file: { path },
    show_in_folder: { path },
  };
  const out = {};
  for (const [command, args] of Object.entries(calls)) {
    try {
      await invoke(command, args);
      out[command] = "written";
    } catch (e) {
      out[command] = typeof e === "string" ? e : e.message;
    }
  }
  done(JSON.stringify(out));
})().catch((e) => done("failed: " + e));
"#;

#[tokio::test]
async fn no_command_reads_or_writes_outside_the_chosen_folders() {
    scenario("paths", |h| async move {
        h.set_up().await;
        h.click_button("Load demo data").await;
        h.heading("Lowbridge Youth MARAC").await;

        let granted = h.export_dir();
        let other = h.data_dir().join("ungranted");
        std::fs::create_dir_all(&other).unwrap();
        std::fs::write(other.join("minutes.pdf"), b"%PDF-1.7 not ours").unwrap();
        std::os::unix::fs::symlink(&other, granted.join("link")).unwrap();
        std::os::unix::fs::symlink(other.join("minutes.pdf"), granted.join("minutes.pdf")).unwrap();
        let g = granted.display().to_string();
        let o = other.display().to_string();
        let hostile = [
            format!("{o} "),
            format!(" {o}"),
            format!("{o}/minutes.pdf "),
            format!("{g}/../ungranted"),
            format!("{g}/link"),
            format!("{g}/minutes.pdf"),
            format!("{g}/no-such-folder"),
        ];
        for path in &hostile {
            let result = h
                .client
                .execute_async(CALL_ALL, vec![serde_json::json!(path)])
                .await
                .unwrap();
            let result: serde_json::Value = serde_json::from_str(result.as_str().unwrap())
                .unwrap_or_else(|_| panic!("{result}"));
            for (command, outcome) in result.as_object().unwrap() {
                let outcome = outcome.as_str().unwrap();
                assert!(
                    outcome.contains("you chose")
                        || outcome.contains("cannot be found")
                        || outcome.contains("no longer there"),
                    "{command} with {path:?} was not refused: {outcome}"
                );
            }
            let mut inside: Vec<String> = std::fs::read_dir(&other)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            inside.sort();
            assert_eq!(
                inside,
                ["minutes.pdf"],
                "nothing written there after {path:?}"
            );
        }

        // The chosen folder itself still works.
        let result = h
            .client
            .execute_async(CALL_ALL, vec![serde_json::json!(g)])
            .await
            .unwrap();
        let result: serde_json::Value = serde_json::from_str(result.as_str().unwrap()).unwrap();
        for command in [
            "export_minutes",
            "export_action_plan",
            "export_report",
            "back_up",
        ] {
            assert_eq!(
                result[command], "written",
                "{command} into the chosen folder: {result}"
            );
        }
        h
    })
    .await;
}
