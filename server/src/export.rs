//! The register as a CSV download, served outside Leptos because it is a file: the same
//! filter as the register page's address, every matching row (not one page), for whoever is
//! signed in (force liaison get the force's actions only, as on the page).

use std::collections::HashMap;

use app::context::{AppState, Caller};
use axum::extract::Query;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use domain::RegisterFilter;

pub async fn actions_csv(
    Extension(state): Extension<AppState>,
    Extension(caller): Extension<Caller>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    if caller.user.is_none() {
        return Redirect::to("/sign-in?next=%2Factions").into_response();
    }
    let get = |key: &str| query.get(key).cloned().unwrap_or_default();
    let filter = RegisterFilter {
        status: get("status"),
        owner: get("owner"),
        board: get("board"),
        topic: get("topic"),
        due_from: get("due_from"),
        due_to: get("due_to"),
        overdue: query.contains_key("overdue"),
        mine: query.contains_key("mine"),
        sort: get("sort"),
        page: None,
    };
    match services::actions::export(&state.db, &caller.actor(), &filter, &state.window()).await {
        Ok(actions) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"actions.csv\"",
                ),
            ],
            services::actions::to_csv(&actions),
        )
            .into_response(),
        Err(error) => {
            tracing::error!(error = ?error, "action export");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Sorry, there is a problem with the service\n",
            )
                .into_response()
        }
    }
}
