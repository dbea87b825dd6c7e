//! One page of a longer list, as every paged list returns it.

use serde::{Deserialize, Serialize};

/// `items` are page `page` of `pages` (at least one, even when empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub page: u32,
    pub pages: u32,
}

/// One version of a statutory publication (the annual equality report, published minutes):
/// when it was published and what changed since the version before. A published version
/// never changes; a change is a new version.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PublishedVersion {
    pub number: u32,
    /// "Monday 7 December 2026, 10:02 (GMT)".
    pub published: String,
    /// What changed since the version before; empty for the first.
    pub change: String,
}
