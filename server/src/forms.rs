//! What the middleware does for forms: a post that arrives after its session has ended is
//! kept for its person (not carried out), and a refused form's values travel back to the
//! page in a one-time note instead of the address.

use app::context::{cookie_value, AppState, Caller};
use app::AppError;
use axum::body::to_bytes;
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::refusal::error_response;

/// A query parameter: name and value.
type Pair = (String, String);

/// Keeps a form posted after its sender's session ended (see `services::accounts::kept`): the post is
/// not carried out; what was typed is kept for the person whose session it was, in this
/// browser, and they are asked to sign in again, after which they are brought back to the
/// form with it (`app::accounts::kept::give_back`). Without JavaScript the answer is the sign-in
/// page; with it, a 401 whose error says the same beside the form.
pub(crate) async fn keep_work(request: Request, next: Next) -> Response {
    let ended = request
        .extensions()
        .get::<Caller>()
        .filter(|caller| caller.user.is_none())
        .and_then(|caller| caller.ended);
    let state = request.extensions().get::<AppState>().cloned();
    let (Some(user), Some(state)) = (ended, state) else {
        return next.run(request).await;
    };
    let server_fn = request.uri().path().to_owned();
    if request.method() != Method::POST || !app::accounts::kept::keeps_typed_work(&server_fn) {
        return next.run(request).await;
    }
    let headers = request.headers().clone();
    let page = headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|referer| referer.parse::<axum::http::Uri>().ok())
        .and_then(|uri| uri.path_and_query().map(|pq| pq.as_str().to_owned()))
        .filter(|page| app::routes::safe_next(page).is_some())
        .unwrap_or_else(|| "/".to_owned());
    let body = match to_bytes(request.into_body(), services::accounts::kept::MAX_BODY).await {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(_) => {
            return error_response(&AppError::Request(
                "The form was too large to keep.".to_owned(),
            ))
        }
    };
    let holder = cookie_value(&headers, state.cookie.flash_name())
        .unwrap_or_else(services::accounts::sessions::new_token);
    let kept = services::accounts::kept::Kept {
        page: page.clone(),
        server_fn,
        body,
    };
    if let Err(error) =
        services::accounts::kept::keep(&state.db, user, &holder, &kept, services::now()).await
    {
        tracing::error!(error = ?error, "could not keep work posted after the session ended");
        return error_response(&AppError::Internal);
    }
    tracing::info!(user.id = %user, page, "kept work posted after the session ended");
    let wants_page = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    let mut response = if wants_page {
        let location = app::routes::sign_in_again(&page);
        (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response()
    } else {
        let json = serde_json::to_string(&AppError::SessionEnded).unwrap_or_default();
        (
            StatusCode::UNAUTHORIZED,
            [(header::CONTENT_TYPE, "application/json")],
            json,
        )
            .into_response()
    };
    if let Ok(cookie) = HeaderValue::from_str(&state.cookie.set_flash(&holder)) {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

/// The parameters Leptos puts in the address when it sends a form posted without
/// JavaScript back to its page: the server function and its error (with the values typed).
pub(crate) const FORM_ERROR_PARAMS: [&str; 2] = ["__path", "__err"];

/// Keeps a no-JavaScript form's errors and typed values off the address bar.
///
/// Leptos answers a refused form post with a redirect to the form's page carrying the error
/// (and what was typed) in `__err`. Here that redirect's `__path`/`__err` are kept on the
/// server (`services::accounts::flash`) for the browser that posted (a cookie), and the address
/// carries `__flash=<random id>` instead; the page's request gets them back once. Any
/// `__err` or `__path` a request brings itself is dropped: this server never issues one, so
/// it was made by someone else.
pub(crate) async fn form_flash(mut request: Request, next: Next) -> Response {
    let Some(state) = request.extensions().get::<AppState>().cloned() else {
        return next.run(request).await;
    };
    let holder = cookie_value(request.headers(), state.cookie.flash_name());
    if matches!(*request.method(), Method::GET | Method::HEAD) {
        if let Some(clean) = without_form_error(request.uri()) {
            // Not from this server: its page, without the words someone else put in it.
            return (StatusCode::SEE_OTHER, [(header::LOCATION, clean)]).into_response();
        }
        restore_note(&state, holder.as_deref(), &mut request).await;
        return next.run(request).await;
    }
    let server_fn = request.uri().path().to_owned();
    // Whose note it would be: someone signed in, or an address.
    let anonymous_from = request
        .extensions()
        .get::<Caller>()
        .filter(|caller| caller.user.is_none())
        .map(|caller| caller.address.clone());
    let (request, typed) = crate::cannot_save::read_typed(request).await;
    let response = next.run(request).await;
    if refused_error(&response).is_some_and(|e| matches!(e, AppError::Unavailable)) {
        return crate::cannot_save::page(&server_fn, typed.as_ref());
    }
    let note = Note {
        server_fn: &server_fn,
        typed: typed.as_ref(),
        anonymous_from: anonymous_from.as_deref(),
    };
    keep_note(&state, holder, response, note).await
}

/// About the form post whose refusal a note keeps.
pub(crate) struct Note<'a> {
    server_fn: &'a str,
    typed: Option<&'a crate::cannot_save::Typed>,
    /// The address of someone not signed in, whose notes are kept smaller and fewer.
    anonymous_from: Option<&'a str>,
}

/// The most of one typed value kept in a note for someone not signed in (their forms ask
/// for an email, a name, a code: short things); people signed in keep what they typed.
const ANONYMOUS_VALUE_CHARS: usize = 1024;
/// Notes kept per address, for people not signed in, per [`NOTE_WINDOW_SECS`] (refused posts
/// from no one in particular once stored 2.5 MB each, unthrottled).
const ANONYMOUS_NOTES: u32 = 100;
const NOTE_WINDOW_SECS: i64 = 10 * 60;

/// The error with each typed value cut to `chars`.
fn with_values_cut(error: AppError, chars: usize) -> AppError {
    let cut = |values: std::collections::BTreeMap<String, String>| {
        values
            .into_iter()
            .map(|(k, v)| (k, v.chars().take(chars).collect()))
            .collect()
    };
    match error {
        AppError::Invalid { errors, values } => AppError::Invalid {
            errors,
            values: cut(values),
        },
        AppError::Restored { values } => AppError::Restored {
            values: cut(values),
        },
        other => other,
    }
}

/// The error of Leptos's redirect back to a refused form's page, if this is one.
fn refused_error(response: &Response) -> Option<AppError> {
    let location = response.headers().get(header::LOCATION)?.to_str().ok()?;
    let (_, query) = location.split_once('?')?;
    form_urlencoded::parse(query.as_bytes())
        .find(|(key, _)| key == "__err")
        .map(|(_, error)| {
            leptos::server_fn::error::ServerFnUrlError::<AppError>::decode_err(&error)
        })
}

/// The address without any `__err`/`__path`, if it has one.
pub(crate) fn without_form_error(uri: &axum::http::Uri) -> Option<String> {
    let query = uri.query()?;
    let pairs: Vec<Pair> = form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    if !pairs
        .iter()
        .any(|(key, _)| FORM_ERROR_PARAMS.contains(&key.as_str()))
    {
        return None;
    }
    let kept = pairs
        .into_iter()
        .filter(|(key, _)| !FORM_ERROR_PARAMS.contains(&key.as_str()));
    let query = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(kept)
        .finish();
    Some(if query.is_empty() {
        uri.path().to_owned()
    } else {
        format!("{}?{query}", uri.path())
    })
}

/// Takes out of a page's address any `__err`/`__path` and its `__flash` id, and puts back
/// the note that id names, if it was kept for this browser and not shown yet.
pub(crate) async fn restore_note(state: &AppState, holder: Option<&str>, request: &mut Request) {
    let Some(query) = request.uri().query() else {
        return;
    };
    let pairs: Vec<Pair> = form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    let ours = |key: &str| key == "__flash" || FORM_ERROR_PARAMS.contains(&key);
    if !pairs.iter().any(|(key, _)| ours(key)) {
        return;
    }
    let id = pairs
        .iter()
        .rev()
        .find(|(key, _)| key == "__flash")
        .map(|(_, id)| id.clone());
    let mut kept: Vec<Pair> = pairs.into_iter().filter(|(key, _)| !ours(key)).collect();
    if let (Some(id), Some(holder)) = (id, holder) {
        match services::accounts::flash::take(&state.db, &id, holder, services::now()).await {
            Ok(Some(stored)) => kept.extend(form_urlencoded::parse(stored.as_bytes()).into_owned()),
            Ok(None) => {}
            Err(error) => tracing::warn!(error = ?error, "could not read a form's note"),
        }
    }
    let query = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(kept)
        .finish();
    let path = request.uri().path();
    let rebuilt = if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{query}")
    };
    if let Ok(uri) = rebuilt.parse() {
        *request.uri_mut() = uri;
    }
}

/// Turns Leptos's redirect of a refused form, which carries the error in its address, into
/// one that carries only a note's id, the note kept for this browser (a cookie).
pub(crate) async fn keep_note(
    state: &AppState,
    holder: Option<String>,
    mut response: Response,
    note: Note<'_>,
) -> Response {
    let Note {
        server_fn,
        typed,
        anonymous_from,
    } = note;
    let Some(location) = response
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .filter(|l| l.contains("__err="))
        .map(str::to_owned)
    else {
        return response;
    };
    let (base, query) = location.split_once('?').unwrap_or((&location, ""));
    let (mut error, rest): (Vec<Pair>, Vec<Pair>) = form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .partition(|(key, _)| FORM_ERROR_PARAMS.contains(&key.as_str()));
    if let Some(address) = anonymous_from {
        if !state
            .windows
            .allow(address, ANONYMOUS_NOTES, NOTE_WINDOW_SECS, services::now())
        {
            // Back to the page as it was, without the note.
            let clean = rest
                .iter()
                .filter(|(key, _)| key != "__flash")
                .map(|(k, v)| (k.as_str(), v.as_str()));
            let query = form_urlencoded::Serializer::new(String::new())
                .extend_pairs(clean)
                .finish();
            let location = if query.is_empty() {
                base.to_owned()
            } else {
                format!("{base}?{query}")
            };
            if let Ok(location) = HeaderValue::from_str(&location) {
                response.headers_mut().insert(header::LOCATION, location);
            }
            return response;
        }
        for (_, value) in error.iter_mut().filter(|(key, _)| key == "__err") {
            let decoded = leptos::server_fn::error::ServerFnUrlError::<AppError>::decode_err(value);
            let cut = with_values_cut(decoded, ANONYMOUS_VALUE_CHARS);
            *value = base64::Engine::encode(
                &base64::engine::general_purpose::URL_SAFE,
                leptos::server_fn::error::FromServerFnError::ser(&cut),
            );
        }
    }
    // The form's page may itself have come from an earlier note: that id is spent.
    let rest = rest.into_iter().filter(|(key, _)| key != "__flash");
    let holder = holder.unwrap_or_else(services::accounts::sessions::new_token);
    let stored = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(error)
        .finish();
    let id =
        match services::accounts::flash::put(&state.db, &holder, &stored, services::now()).await {
            Ok(id) => id,
            // The note is a write: when the database cannot take one, the form comes back
            // as the page for that, with what was typed.
            Err(error) if error.is_unavailable() => {
                let _ = AppError::from(error);
                return crate::cannot_save::page(server_fn, typed);
            }
            Err(error) => {
                tracing::error!(error = ?error, "could not keep a form's note");
                return error_response(&AppError::Internal);
            }
        };
    let query = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(rest)
        .append_pair("__flash", &id)
        .finish();
    if let (Ok(location), Ok(cookie)) = (
        HeaderValue::from_str(&format!("{base}?{query}")),
        HeaderValue::from_str(&state.cookie.set_flash(&holder)),
    ) {
        response.headers_mut().insert(header::LOCATION, location);
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}
