//! Where a meeting's minutes stand: approved by whom, their version, and
//! the amendments made since (see `features::approval` for the rules).

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Amendment {
    /// The minutes' version this amendment made.
    pub version: u32,
    pub opened_by: String,
    pub opened_at: String,
    pub why: String,
    /// What was changed; none while the amendment is open.
    pub what: Option<String>,
    pub closed_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MinutesStatus {
    pub held: bool,
    pub approved_by: Option<String>,
    pub approved_at: Option<String>,
    /// 0 until approved; 1 when approved; +1 for each finished amendment.
    pub version: u32,
    /// An amendment under way: the record may be changed until it is finished.
    pub amending: Option<Amendment>,
    /// Every amendment, oldest first (the open one included).
    pub amendments: Vec<Amendment>,
}
