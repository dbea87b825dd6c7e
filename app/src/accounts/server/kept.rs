//! Forms posted after the session ended: which are kept for their person, and how one is
//! given back when they sign in again (see `services::accounts::kept` and the server's `keep_work`).

use std::collections::BTreeMap;

use leptos::server_fn::error::ServerFnUrlError;
use leptos::server_fn::ServerFn;

use crate::context::{cookie_value, AppState};
use crate::meetings::server as meetings;
use crate::register::server as register;
use crate::AppError;

/// The server functions whose forms carry what people type at length (minutes, responses,
/// answers, notes, records): a post to one of them after the session ended is kept. Forms
/// with passwords are not among them, and neither are reads.
pub fn keeps_typed_work(path: &str) -> bool {
    [
        meetings::SaveMinutes::PATH,
        meetings::CreateBoard::PATH,
        meetings::UpdateBoard::PATH,
        meetings::CreateMeeting::PATH,
        meetings::UpdateMeeting::PATH,
        meetings::RecordAttendance::PATH,
        meetings::AddAgendaItem::PATH,
        meetings::UpdateAgendaItem::PATH,
        register::CreateAction::PATH,
        register::UpdateAction::PATH,
        register::RespondToAction::PATH,
        register::AssessAction::PATH,
        register::WithdrawAction::PATH,
        register::RequestExtension::PATH,
        register::DecideExtension::PATH,
        register::CreateQuestion::PATH,
        register::AnswerQuestion::PATH,
        register::AssessQuestion::PATH,
    ]
    .contains(&path)
}

/// After `user` signs in: the page of the latest form kept for them in this browser, with a
/// one-time note (`services::accounts::flash`) that puts what they typed back into it; `None` when
/// nothing was kept (or it cannot be given back, which is logged).
pub async fn give_back(state: &AppState, user: domain::UserId) -> Option<String> {
    let parts = leptos::prelude::use_context::<http::request::Parts>()?;
    let holder = cookie_value(&parts.headers, state.cookie.flash_name())?;
    let now = services::now();
    let kept = match services::accounts::kept::take(&state.db, user, &holder, now).await {
        Ok(kept) => kept?,
        Err(error) => {
            tracing::error!(error = ?error, "could not read kept work");
            return None;
        }
    };
    let page = crate::routes::safe_next(&kept.page)?.to_owned();
    let values: BTreeMap<String, String> = form_urlencoded::parse(kept.body.as_bytes())
        .into_owned()
        .collect();
    // The note is what Leptos itself puts in the address of a refused form: the server
    // function's path and its error, here carrying the values typed.
    let note = ServerFnUrlError::new(&kept.server_fn, AppError::Restored { values })
        .to_url("http://scrutineer.invalid/")
        .ok()?
        .query()
        .map(str::to_owned)?;
    let id = match services::accounts::flash::put(&state.db, &holder, &note, now).await {
        Ok(id) => id,
        Err(error) => {
            tracing::error!(error = ?error, "could not give back kept work");
            return None;
        }
    };
    tracing::info!(user.id = %user, page, "kept work given back");
    let join = if page.contains('?') { '&' } else { '?' };
    Some(format!("{page}{join}__flash={id}"))
}
