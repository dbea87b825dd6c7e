//! Server functions of each person's work.

mod home;
mod notifications;
mod search;

pub use home::*;
pub use notifications::*;
pub use search::*;
