//! The equality duty's framework: the objectives register, tags and assurance on questions
//! and actions, coverage by quarter and the annual equality report.

pub mod pages;
pub mod server;

pub use pages::*;
