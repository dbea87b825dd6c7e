//! The HTTP behaviour around the pages: bad input never gives a 500, forms posted without
//! JavaScript come back with their errors, cross-site posts are refused, the session cookie
//! and security headers are as docs/SECURITY.md says.

use crate::support;
use crate::support::{page_path, TestServer, PASSWORD};
use domain::Role;
use reqwest::StatusCode;

fn decode_error(text: &str) -> app::AppError {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not an AppError ({e}): {text}"))
}

mod forms;
mod records;
mod security;
mod two_factor;
mod unavailable;
