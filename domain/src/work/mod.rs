//! Each person's work: the queues on their home page and the one search's results.

use serde::{Deserialize, Serialize};

/// One search's hits, by kind, within what the person may see.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchResults {
    /// The text searched for, as typed.
    pub q: String,
    pub actions: Vec<SearchHit>,
    pub questions: Vec<SearchHit>,
    pub meetings: Vec<SearchHit>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchHit {
    pub href: String,
    pub title: String,
    pub detail: String,
}

/// A list of someone's next jobs on their home page: how many, the first few, and the
/// address of the whole list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Queue {
    pub title: String,
    pub count: i64,
    pub href: String,
    pub items: Vec<QueueItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueItem {
    pub href: String,
    pub label: String,
    pub detail: String,
}
