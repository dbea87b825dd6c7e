//! Equality evidence: stop-and-search records imported from data.police.uk, the population
//! tables rates are computed on, and the disproportionality figures drawn from both.

pub mod complaints;
mod counts;
pub mod figures;
pub mod files;
pub mod import;
pub mod kept;
pub mod labels;
mod lines;
pub mod on_questions;
pub mod page;
pub mod populations;
pub mod records;
mod search;
pub mod settings;
pub mod thresholds;
