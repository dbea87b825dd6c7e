//! The iCalendar downloads, served outside Leptos because calendars want a plain
//! `text/calendar` file: a board's feed of published meetings (subscribed to by calendar
//! programs, which carry no session), and one meeting as a file.

use app::context::{AppState, Caller};
use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Extension;

fn answer(result: services::Result<String>, filename: &str) -> Response {
    match result {
        Ok(text) => (
            [
                (
                    header::CONTENT_TYPE,
                    "text/calendar; charset=utf-8".to_owned(),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{filename}\""),
                ),
            ],
            text,
        )
            .into_response(),
        Err(error) => crate::refusal::refused(error),
    }
}

pub async fn board_feed(
    Extension(state): Extension<AppState>,
    Path(code): Path<String>,
) -> Response {
    let base = app::context::site_address(&state);
    let result = services::meetings::calendar::board_feed(&state.db, &code, &base).await;
    let filename = format!(
        "{}-meetings.ics",
        code.chars()
            .filter(char::is_ascii_alphabetic)
            .collect::<String>()
    );
    answer(result, &filename)
}

/// A person's private feed of deadlines, at `/calendar/<token>.ics`.
pub async fn deadlines_feed(
    Extension(state): Extension<AppState>,
    Path(file): Path<String>,
) -> Response {
    let Some(token) = file.strip_suffix(".ics") else {
        return answer(Err(services::Error::NotFound), "");
    };
    let base = app::context::site_address(&state);
    answer(
        services::register::feeds::feed(&state.db, token, &base).await,
        "deadlines.ics",
    )
}

pub async fn meeting_file(
    Extension(state): Extension<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return answer(Err(services::Error::NotFound), "");
    };
    let base = app::context::site_address(&state);
    let result =
        services::meetings::calendar::meeting_file(&state.db, &caller.actor(), id, &base).await;
    answer(result, &format!("meeting-{id}.ics"))
}
