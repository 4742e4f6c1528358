//! Tauri's build step, and the build id shown in About: the commit and the
//! profile ("development" for debug builds).

use std::process::Command;

/// Every command the app registers (`generate_handler!` in src/lib.rs; a
/// test in tests/hardening.rs keeps the two lists equal). Tauri makes an
/// `allow-<command>` permission for each, and each window's capability
/// (capabilities/*.json) names the ones that window may call: the page can
/// call nothing else.
const COMMANDS: &[&str] = &[
    "app_status",
    "first_screen_shown",
    "set_up",
    "unlock",
    "lock",
    "idle_lock_minutes",
    "change_passphrase",
    "choose_backup_folder",
    "choose_backup_file",
    "back_up",
    "restore_backup",
    "audit_log",
    "verify_audit_log",
    "audit_head",
    "note_input",
    "retention_due",
    "delete_due_cases",
    "list_panels",
    "new_panel_defaults",
    "create_panel",
    "update_panel",
    "set_panel_archived",
    "set_panel_membership",
    "list_agencies",
    "create_agency",
    "update_agency",
    "set_agency_archived",
    "load_demo_data",
    "list_cases",
    "get_case",
    "new_case_defaults",
    "create_case",
    "update_case",
    "case_action",
    "dash_checklists",
    "record_dash",
    "save_dash_draft",
    "discard_dash_draft",
    "save_referral_details",
    "decide_other_panel",
    "decide_repeat",
    "triage_cases",
    "panel_concerns",
    "set_panel_concerns",
    "list_meetings",
    "get_meeting",
    "create_meeting",
    "create_emergency_meeting",
    "move_agenda_item",
    "set_agenda_item_minutes",
    "remove_agenda_item",
    "import_preview",
    "import_commit",
    "agency_import_preview",
    "agency_import_commit",
    "usual_agencies_for",
    "create_agencies",
    "minutes_preview",
    "minutes_status",
    "approve_minutes",
    "start_amendment",
    "finish_amendment",
    "default_export_folder",
    "choose_export_folder",
    "export_plan",
    "export_minutes",
    "export_action_plan",
    "open_projector",
    "projector_view",
    "meeting_now",
    "meeting_actions",
    "close_meeting",
    "case_in_meeting",
    "set_agency_attendance",
    "add_attendee",
    "update_attendee",
    "go_to_item",
    "toggle_timer",
    "share_information",
    "assess_case",
    "decide_case",
    "add_action",
    "update_action",
    "remove_action",
    "report_action",
    "actions_for_review",
    "list_actions",
    "report_actions",
    "action_lateness",
    "late_report",
    "statistics_periods",
    "panel_statistics",
    "safelives_return",
    "set_panel_population",
    "transfer_case",
    "receive_transfer",
    "close_transfer",
    "case_timeline",
    "export_report",
    "about",
    "open_file",
    "show_in_folder",
];

fn main() {
    let commit = Command::new("git")
        .args(["rev-parse", "--short=10", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "unknown commit".into());
    let profile = match std::env::var("PROFILE").as_deref() {
        Ok("release") => "release",
        _ => "development",
    };
    println!("cargo:rustc-env=ROUNDTABLE_BUILD={commit}, {profile} build");
    println!("cargo:rerun-if-changed=../.git/HEAD");
    println!("cargo:rerun-if-changed=../.git/refs/heads");
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(err) = tauri_build::try_build(attributes) {
        println!("cargo:warning=tauri-build failed: {err:#}");
        std::process::exit(1);
    }
}
