//! What the audit trail page shows and filters by.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEventView {
    pub id: i64,
    /// RFC 3339, UTC.
    pub at: String,
    pub actor_label: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<String>,
    /// What changed, field by field, in words.
    pub changes: Vec<AuditChange>,
    /// JSON, pretty-printed for reading.
    pub before: Option<String>,
    pub after: Option<String>,
    pub address: Option<String>,
    /// London time, written out: "Monday 7 December 2026, 10:02 (GMT)".
    #[serde(default)]
    pub when: String,
    /// What happened, in words: "Action SPCB/2026/004: extension approved".
    #[serde(default)]
    pub summary: String,
}

/// One field an audit event changed: its label, and its value before and after (empty for
/// none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

/// Filters on the audit trail; every field optional. Dates are `YYYY-MM-DD`, inclusive.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    pub actor: Option<String>,
    /// A kind of event, by the start of its key ("action.", "sign_in."): a choice of
    /// `services::audit::words::AREAS`.
    #[serde(default)]
    pub area: Option<String>,
    pub action: Option<String>,
    pub entity: Option<String>,
    pub entity_id: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub page: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub events: Vec<AuditEventView>,
    pub page: u32,
    pub pages: u32,
    pub total: i64,
    pub chain: AuditChainState,
}

/// The hash chain over the whole trail, as checked when the page was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditChainState {
    /// Events in the trail.
    pub events: i64,
    /// The last event's place in the chain and its hash (hex).
    pub head: Option<(i64, String)>,
    /// The first edited, deleted, inserted or moved event, in words; none when intact.
    pub broken: Option<String>,
}

/// The kinds of event the filter offers: (key prefix, what people call them).
pub const AREAS: &[(&str, &str)] = &[
    ("action.", "Actions"),
    ("question.", "Questions"),
    ("words.", "What the public reads of responses"),
    ("meeting.", "Meetings"),
    ("minutes.", "Minutes"),
    ("agenda.", "Agendas"),
    ("board.", "Boards"),
    ("equality.", "Equality"),
    ("evidence.", "Evidence"),
    ("user.", "People and accounts"),
    ("sign_in.", "Signing in"),
    ("session.", "Sessions"),
    ("two_factor.", "Two-factor sign-in"),
];

/// The kinds of record the filter offers: (entity key, what people call it).
pub const RECORDS: &[(&str, &str)] = &[
    ("action", "Action"),
    ("question", "Question"),
    ("meeting", "Meeting"),
    ("board", "Board"),
    ("agenda_item", "Agenda item"),
    ("equality_report", "Equality report"),
    ("user", "Person"),
];
