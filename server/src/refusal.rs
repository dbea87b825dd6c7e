//! How a download (CSV, iCalendar) answers a refused request: through the same mapping of
//! service errors as every page and server function (`app::AppError`), as plain text —
//! bad input is 400, a record someone may not see 404, never a 500 for what they typed.

use app::AppError;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

pub fn refused(error: services::Error) -> Response {
    error_response(&AppError::from(error))
}

/// A plain-text answer for an error met before (or after) the app itself ran.
pub(crate) fn error_response(error: &AppError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, format!("{error}\n")).into_response()
}
