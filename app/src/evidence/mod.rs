//! Equality evidence: stop-and-search disproportionality from data.police.uk's files, the
//! imports that brought them in, and what their labels and denominators mean.

pub mod pages;
pub mod server;

pub use pages::*;
