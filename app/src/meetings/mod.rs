//! Boards, their meetings and agendas, the minutes from draft to published, and what the
//! public may read of them.

pub mod pages;
pub mod server;

pub use pages::*;
