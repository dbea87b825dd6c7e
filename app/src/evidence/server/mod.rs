//! The evidence area's server functions, each thin over `services::evidence`. Files come
//! in through `server::evidence` (a plain multipart handler), not through these.

use domain::evidence::{Denominator, EvidenceView, ImportReport, LabelMeaning};
use leptos::prelude::*;

use crate::AppError;

/// What the labels mean, and the population tables.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Meanings {
    pub ethnicity: Vec<LabelMeaning>,
    pub outcomes: Vec<LabelMeaning>,
    pub tables: Vec<(Denominator, bool)>,
    pub can_import: bool,
    /// The viewer may change what a label means (admins and the secretariat).
    pub may_map: bool,
}

/// The office's evidence settings, and what the viewer may change of them.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Settings {
    pub settings: domain::evidence::EvidenceSettings,
    pub may_set_force: bool,
    pub may_set_fewest: bool,
}

mod complaints;
mod figures;
mod imports;
mod on_questions;
mod settings;

pub use complaints::*;
pub use figures::*;
pub use imports::*;
pub use on_questions::*;
pub use settings::*;
