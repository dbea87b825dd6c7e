//! Server functions for the one search box.

use crate::AppError;
use domain::SearchResults;
use leptos::prelude::*;

#[server(endpoint = "search")]
pub async fn search(#[server(default)] q: String) -> Result<SearchResults, AppError> {
    let (state, actor) = crate::context::anyone()?;
    services::work::search::everything(&state.db, &actor, &q, &state.window())
        .await
        .map_err(|e| crate::context::refused(e, &[]))
}
