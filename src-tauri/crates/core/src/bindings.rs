//! The TypeScript types the UI uses, generated from the Rust types here so the
//! two can never disagree. `ui/src/lib/bindings.ts` is committed; a test fails
//! when it no longer matches (run with `UPDATE_BINDINGS=1` to rewrite it).

use ts_rs::{Config, TS};

use crate::audit::{AuditAnchor, AuditEntry, AuditPage, AuditVerification};
use crate::domain::account::{Account, AccountInput, AccountRole};
use crate::domain::action::*;
use crate::domain::case::*;
use crate::domain::dash::{
    DashAnswer, DashAssessment, DashChecklist, DashInput, DashQuestion, DashVersion,
};
use crate::domain::meeting::*;
use crate::domain::referral::{
    ChildInput, ChildRelationship, LawfulGround, PerpetratorInput, PerpetratorRelationship,
    ReferralDetails,
};
use crate::domain::research::*;
use crate::domain::running::*;
use crate::domain::safelives_return::{PopulationInput, ReturnRow, SafeLivesReturn};
use crate::domain::safety::{
    BackupInput, BackupSummary, ChangePassphraseInput, LockReason, RestoreInput,
};
use crate::domain::*;
use crate::error::{ApiError, ErrorCode, FieldError};
use crate::features::accounts::invitations::{Invitation, InvitationView};
use crate::features::agency_desk::AgencyPlan;
use crate::features::agency_import::{AgencyImportPreview, AgencyImportResult, AgencyImportRow};
use crate::features::approval::{Amendment, MinutesStatus};
use crate::features::cases::{CaseAction, CaseFilter};
use crate::features::cockpit::{CaseInMeeting, ItemTiming, MeetingNow, PastHearing};
use crate::features::exports::{PlannedFile, ReportRequest, WrittenFile};
use crate::features::import::{
    AgencyWordUse, ImportPreview, ImportRepeat, ImportResult, ImportRowPreview, RowProblem,
};
use crate::features::person::TimelineEntry;
use crate::features::projector::{ProjectorAction, ProjectorItem, ProjectorView};
use crate::features::retention::{DeleteDueInput, DeletedCases, DueCase};
use crate::features::sealing::Encryption;
use crate::features::statistics::{
    AgencyActions, Breakdown, Count, MeetingTiming, PeriodChoice, Statistics, StatisticsRequest,
};
use crate::features::tracker::{
    ActionFilter, AgencyLateness, LateReport, OverdueAction, StatusFilter, TrackerPage,
};
use crate::features::transfer::{
    ReceiptRecorded, ReceiptRequest, ReceiveRequest, Received, TransferRequest,
};
use crate::import::agency_rows::{AgencyColumn, AgencyField};
use crate::import::{AgencyWord, ColumnMapping, ImportChoices, ImportField};
use crate::matching::MatchStrength;
use roundtable_pdf::{Block, Column, Document, Style};

macro_rules! declarations {
    ($cfg:expr; $($ty:ty),* $(,)?) => {
        vec![$(format!("export {}", <$ty as TS>::decl($cfg))),*]
    };
}

/// The whole bindings file.
pub fn typescript() -> String {
    let cfg = Config::new();
    let decls = declarations![&cfg;
        ErrorCode, FieldError, ApiError,
        UserRole, UserProfile, SetupInput, AppState, AppStatus,
        AccountRole, Account, AccountInput, Invitation, InvitationView,
        AgencyPlan,
        ResearchRequestInput, ResearchMeeting, ResearchAnswer, ResearchSubject, ResearchList,
        ResearchAgency, ResearchRow, ResearchGrid,
        PanelKind, PanelInput, Panel,
        Sector, RepresentativeInput, AgencyInput, Representative, Agency,
        CaseStatus, ReferralRoute, Consent, Gender, YesNoUnknown, Ethnicity, Relationship,
        LinkedPersonInput, CaseInput, LinkedPerson, MatchStrength, RepeatCandidate, CaseEvent,
        DashVersion, DashQuestion, DashChecklist, DashAnswer, DashInput, DashAssessment,
        PerpetratorRelationship, ChildRelationship, LawfulGround, PerpetratorInput, ChildInput, ReferralDetails,
        OtherPanelMatch,
        CaseStep, CaseDetail, CaseSummary, CaseAction, CaseFilter,
        MeetingKind, AgendaItemKind, HearingOutcome, MeetingInput, AgendaCase, AgendaItem,
        MeetingDetail, MeetingSummary,
        ImportField, ColumnMapping, AgencyWord, ImportChoices, RowProblem, ImportRepeat, ImportRowPreview, AgencyWordUse, ImportPreview, ImportResult,
        AgencyField, AgencyColumn, AgencyImportRow, AgencyImportPreview, AgencyImportResult,
        ActionStatus, ActionInput, ActionUpdate, Action, ActionSaved,
        AttendanceStatus, ShareState, RiskLevel, Rag, AttendeeInput, Attendee, AgencyAttendance,
        ShareInput, Share, AssessmentInput, OutcomeInput, HearingRecord,
        ItemTiming, MeetingNow, PastHearing, CaseInMeeting,
        ProjectorItem, ProjectorAction, ProjectorView,
        Amendment, MinutesStatus, PlannedFile, WrittenFile, Encryption,
        ReportInput, StatusFilter, ActionFilter, TrackerPage, AgencyLateness, OverdueAction, LateReport,
        StatisticsRequest, PeriodChoice, Count, Breakdown, AgencyActions, MeetingTiming, Statistics,
        ReturnRow, SafeLivesReturn, PopulationInput,
        TransferRequest, ReceiveRequest, ReceiptRequest, Received, ReceiptRecorded,
        TimelineEntry, ReportRequest,
        ChangePassphraseInput, BackupInput, RestoreInput, BackupSummary, LockReason,
        AuditEntry, AuditAnchor, AuditPage, AuditVerification, DueCase, DeleteDueInput, DeletedCases,
        Style, Column, Block, Document,
    ];
    let mut out = String::from(
        "// Generated from the Rust types in src-tauri/crates/core by `bindings::typescript()`.\n\
         // Do not edit: change the Rust type, then run\n\
         //   UPDATE_BINDINGS=1 cargo test -p roundtable-core bindings\n\n",
    );
    for decl in decls {
        out.push_str(&decl);
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    #[test]
    fn committed_bindings_match_the_rust_types() {
        let path =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../ui/src/lib/bindings.ts");
        let expected = super::typescript();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &expected).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == expected,
            "ui/src/lib/bindings.ts is out of date with the Rust types: run `UPDATE_BINDINGS=1 cargo test -p roundtable-core bindings` and commit the result"
        );
    }
}
