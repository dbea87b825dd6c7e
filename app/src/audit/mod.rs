//! The audit trail: every change to every record — who, when, before and after — read by
//! administrators, filtered, and downloaded as CSV (`server::export`).

pub mod pages;
pub mod server;

pub use pages::*;
