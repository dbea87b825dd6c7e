//! Each person's work: the queues on their home page, the emails about new work, and
//! the one search over everything they may see.

pub mod notifications;
pub mod queues;
pub mod search;
