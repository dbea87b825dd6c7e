//! Each person's work: their home page of queues, the emails about new work, the one search
//! over everything they may see, and the administrator's index of their pages.

pub mod pages;
pub mod server;

pub use pages::*;
