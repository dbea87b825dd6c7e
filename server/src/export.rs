//! The register as a CSV download, served outside Leptos because it is a file: the same
//! filter as the register page's address, every matching row (not one page), for whoever is
//! signed in (force liaison get the force's actions only, as on the page).
//!
//! Streamed: rows go out as they are read, so memory stays bounded at any size. An export
//! holds a database connection while it runs, so each person may run one at a time, and
//! the server at most [`EXPORTS_AT_ONCE`]: eight parallel exports once held every
//! connection and stalled the health check for 9 s.

use std::collections::HashSet;
use std::sync::{Arc, Mutex, OnceLock};

use app::context::{AppState, Caller};
use axum::body::{Body, Bytes};
use axum::extract::RawQuery;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use domain::{RegisterFilter, UserId};
use futures_util::StreamExt;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Exports running at once across the whole server.
pub const EXPORTS_AT_ONCE: usize = 2;

/// Who is exporting now, and the server-wide slots.
struct Running {
    people: Mutex<HashSet<UserId>>,
    slots: Arc<Semaphore>,
}

fn running() -> &'static Running {
    static RUNNING: OnceLock<Running> = OnceLock::new();
    RUNNING.get_or_init(|| Running {
        people: Mutex::new(HashSet::new()),
        slots: Arc::new(Semaphore::new(EXPORTS_AT_ONCE)),
    })
}

/// A running export's claim: the person's turn and a server slot, given back when dropped.
struct Claim {
    person: UserId,
    _slot: OwnedSemaphorePermit,
}

impl Drop for Claim {
    fn drop(&mut self) {
        if let Ok(mut people) = running().people.lock() {
            people.remove(&self.person);
        }
    }
}

fn busy(message: &str) -> Response {
    let mut response = (StatusCode::TOO_MANY_REQUESTS, format!("{message}\n")).into_response();
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, header::HeaderValue::from_static("10"));
    response
}

async fn claim(person: UserId) -> Result<Claim, Response> {
    {
        let Ok(mut people) = running().people.lock() else {
            return Err(busy("Exports are unavailable just now: try again"));
        };
        if !people.insert(person) {
            return Err(busy(
                "An export of yours is still running: wait for it to finish, then try again",
            ));
        }
    }
    let slot = tokio::time::timeout(
        std::time::Duration::from_secs(10),
        running().slots.clone().acquire_owned(),
    )
    .await;
    match slot {
        Ok(Ok(slot)) => Ok(Claim {
            person,
            _slot: slot,
        }),
        _ => {
            if let Ok(mut people) = running().people.lock() {
                people.remove(&person);
            }
            Err(busy("Other exports are running: try again in a minute"))
        }
    }
}

pub async fn actions_csv(
    Extension(state): Extension<AppState>,
    Extension(caller): Extension<Caller>,
    RawQuery(query): RawQuery,
) -> Response {
    let Some(user) = &caller.user else {
        return Redirect::to("/sign-in?next=%2Factions").into_response();
    };
    let claim = match claim(user.id).await {
        Ok(claim) => claim,
        Err(response) => return response,
    };
    let filter = RegisterFilter::from_query(query.as_deref().unwrap_or_default());
    let (sender, mut receiver) = tokio::sync::mpsc::channel::<String>(4);
    let actor = caller.actor();
    let window = state.window();
    let export = tokio::spawn(async move {
        let _claim = claim;
        let result =
            services::register::actions::export_csv(&state.db, &actor, &filter, &window, sender)
                .await;
        // A failure after the first rows went out can only be logged: the download ends short.
        if let Err(services::Error::Unexpected(cause)) = &result {
            tracing::error!(error = ?cause, "action export");
        }
        result
    });
    // The first chunk (the header row and the first rows) tells whether the query ran; if
    // none comes, the export's error says why (a mistyped date is 400, as on the page).
    let Some(first) = receiver.recv().await else {
        return match export.await {
            Ok(Err(error)) => crate::refusal::refused(error),
            _ => crate::refusal::refused(services::Error::Unexpected(anyhow::anyhow!(
                "the export ended before its first rows"
            ))),
        };
    };
    let rest = futures_util::stream::unfold(receiver, |mut receiver| async move {
        receiver.recv().await.map(|chunk| {
            (
                Ok::<_, std::convert::Infallible>(Bytes::from(chunk)),
                receiver,
            )
        })
    });
    // Fused: the compression layer may poll a body again after its end, which an
    // unfused `unfold` answers with a panic.
    let body = futures_util::stream::once(async move { Ok(Bytes::from(first)) })
        .chain(rest)
        .fuse();
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"actions.csv\"",
            ),
        ],
        Body::from_stream(body),
    )
        .into_response()
}

/// `GET /admin/audit.csv?…`: the audit trail as the page's filter shows it, in the same
/// words (administrators only; the newest `services::audit::CSV_MOST` events).
pub async fn audit_csv(
    Extension(state): Extension<AppState>,
    Extension(caller): Extension<Caller>,
    axum::extract::Query(query): axum::extract::Query<std::collections::HashMap<String, String>>,
) -> Response {
    if caller.user.is_none() {
        return Redirect::to("/sign-in?next=%2Fadmin%2Faudit").into_response();
    }
    let get = |key: &str| query.get(key).cloned();
    let filter = domain::AuditFilter {
        actor: get("actor"),
        area: get("area"),
        action: get("action"),
        entity: get("entity"),
        entity_id: get("entity_id"),
        from: get("from"),
        to: get("to"),
        page: None,
    };
    match services::audit::to_csv(&state.db, &caller.actor(), &filter).await {
        Ok(csv) => crate::evidence::csv_response("audit-trail.csv", csv),
        Err(error) => crate::refusal::refused(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn one_export_at_a_time_per_person_and_a_few_per_server() {
        let first = claim(UserId(9001)).await.expect("a first export");
        let refused = claim(UserId(9001))
            .await
            .err()
            .expect("a second at once is refused");
        assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
        let other = claim(UserId(9002)).await.expect("someone else may export");
        drop(first);
        let again = claim(UserId(9001))
            .await
            .expect("after the first ends, another");
        drop((other, again));
    }
}
