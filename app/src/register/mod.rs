//! The accountability register: actions with their deadlines and workflow, questions put to
//! the force, the deadline panel of each home page, and what the public may read.

pub mod pages;
pub mod server;

pub use pages::*;
