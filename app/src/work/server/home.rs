//! Server functions for the home page: each person's queues of work.

use crate::AppError;
use domain::Queue;
use leptos::prelude::*;

/// The signed-in person's queues (`services::work::queues`); none for someone signed out, whose
/// home page is the public one.
#[server(endpoint = "home/queues")]
pub async fn get_queues() -> Result<Vec<Queue>, AppError> {
    let (state, actor) = crate::context::anyone()?;
    if actor.user_id.is_none() {
        return Ok(Vec::new());
    }
    services::work::queues::for_person(&state.db, &actor)
        .await
        .map_err(|e| crate::context::refused(e, &[]))
}
