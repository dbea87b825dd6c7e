//! What a server function knows about the request it serves, put there by the server's
//! middleware (see `server::web`): the shared state, the signed-in user, the client's
//! address. Server functions read it here and nowhere else.

use leptos::prelude::*;
use services::accounts::auth::Throttle;
use services::accounts::sessions::{SessionPolicy, SessionUser};
use services::audit::Actor;
use services::Db;

use crate::AppError;

/// How the session cookie is written.
#[derive(Debug, Clone)]
pub struct CookieSettings {
    /// Marks the cookie `Secure` and names it with the `__Host-` prefix; set when served
    /// over TLS.
    pub secure: bool,
}

impl CookieSettings {
    pub fn name(&self) -> &'static str {
        if self.secure {
            "__Host-scrutineer_session"
        } else {
            "scrutineer_session"
        }
    }

    /// A session cookie (no Max-Age): the server decides when the session ends.
    pub fn set(&self, token: &str) -> String {
        let secure = if self.secure { "; Secure" } else { "" };
        format!(
            "{}={token}; Path=/; HttpOnly; SameSite=Lax{secure}",
            self.name()
        )
    }

    /// The cookie naming the browser a no-JavaScript form's note is kept for
    /// (`services::accounts::flash`).
    pub fn flash_name(&self) -> &'static str {
        if self.secure {
            "__Host-scrutineer_flash"
        } else {
            "scrutineer_flash"
        }
    }

    /// The note cookie. It names the browser, nothing more, and lasts as long as the
    /// longest thing kept for a browser: work posted after a session ended
    /// (`services::accounts::kept`), which a form's later note must not cut short.
    pub fn set_flash(&self, holder: &str) -> String {
        let secure = if self.secure { "; Secure" } else { "" };
        format!(
            "{}={holder}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
            self.flash_name(),
            services::accounts::kept::KEEP_SECS
        )
    }

    pub fn clear(&self) -> String {
        let secure = if self.secure { "; Secure" } else { "" };
        format!(
            "{}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}",
            self.name()
        )
    }
}

/// Shared by every request.
#[derive(Debug, Clone)]
pub struct AppState {
    pub db: Db,
    pub sessions: SessionPolicy,
    pub throttle: Throttle,
    pub cookie: CookieSettings,
    /// The address people reach Scrutineer at (`SCRUTINEER_PUBLIC_URL`), without a
    /// trailing slash: what addresses people copy or follow start with.
    pub public_url: String,
    /// Whether Scrutineer can send email (`SCRUTINEER_SMTP_URL` is set): invitations need it.
    pub mail_on: bool,
    /// How many days before its due date an action counts as "due soon".
    pub due_soon_days: u32,
    /// Proxies (such as the TLS proxy in front of Scrutineer) whose `X-Forwarded-For` is
    /// believed; from anyone else the header is ignored.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Whether every account must sign in with a second factor (`SCRUTINEER_SECOND_FACTOR`).
    pub second_factor: services::accounts::two_factor::Policy,
    /// Limits counted in this server's memory (how many refused forms' notes an address
    /// not signed in may have kept).
    pub windows: Windows,
    /// Where the phase banner's "Tell us what you think" goes (`SCRUTINEER_FEEDBACK_URL`):
    /// a form or a `mailto:` address; without it the banner names the team in words.
    pub feedback_url: Option<String>,
}

/// Counts per key in fixed windows of time, kept in this server's memory: for limits that
/// need not survive a restart nor be shared between servers.
#[derive(Debug, Clone, Default)]
pub struct Windows(std::sync::Arc<std::sync::Mutex<std::collections::HashMap<String, (i64, u32)>>>);

impl Windows {
    /// Counts one more for `key` at `now` (Unix seconds); true while the count in the
    /// current window of `window_secs` is at most `limit`.
    pub fn allow(&self, key: &str, limit: u32, window_secs: i64, now: i64) -> bool {
        let mut counts = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if counts.len() > 10_000 {
            counts.retain(|_, (start, _)| now - *start < window_secs);
        }
        let (start, count) = counts.entry(key.to_owned()).or_insert((now, 0));
        if now - *start >= window_secs {
            *start = now;
            *count = 0;
        }
        *count = count.saturating_add(1);
        *count <= limit
    }
}

impl AppState {
    /// Today in London and the "due soon" window, for deadlines.
    pub fn window(&self) -> services::register::actions::Window {
        services::register::actions::Window::now(self.due_soon_days)
    }
}

/// This request's caller.
#[derive(Debug, Clone)]
pub struct Caller {
    pub user: Option<SessionUser>,
    /// The person whose session the cookie names, when that session has ended (and
    /// `user` is `None`): what they post is kept for them (`services::accounts::kept`).
    pub ended: Option<domain::UserId>,
    /// The person whose password was right and whose second factor's code is awaited (and
    /// `user` is `None`): only the code page serves them.
    pub awaiting_code: Option<domain::UserId>,
    /// The session cookie's token, when it names a session (live, ended or awaiting a code).
    pub token: Option<String>,
    pub address: String,
}

impl Caller {
    pub fn actor(&self) -> Actor {
        match &self.user {
            Some(user) => Actor::user(user, Some(self.address.clone())),
            None => Actor::anonymous(Some(self.address.clone())),
        }
    }
}

/// The state and the caller of the request being served.
pub fn request() -> Result<(AppState, Caller), AppError> {
    let parts = use_context::<http::request::Parts>().ok_or_else(|| {
        tracing::error!("server function called outside a request");
        AppError::Internal
    })?;
    let state = parts.extensions.get::<AppState>().cloned();
    let caller = parts.extensions.get::<Caller>().cloned();
    match (state, caller) {
        (Some(state), Some(caller)) => Ok((state, caller)),
        // Neither: not a request through the router's middleware but Leptos rendering the
        // app once at start-up to list its routes. Nothing is wrong then.
        (None, None) => {
            tracing::debug!("no request is being served (the routes are being listed)");
            Err(AppError::Internal)
        }
        _ => {
            tracing::error!("request is missing the app state or caller");
            Err(AppError::Internal)
        }
    }
}

/// Sets the status of the response being built (the page's or the server function's).
pub fn set_status(code: u16) {
    if let (Some(options), Ok(status)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(code),
    ) {
        options.set_status(status);
    }
}

/// Sets the response status for an error, unless the request is a plain form post: that
/// one is answered with a redirect back to the form, which carries the error instead.
pub fn fail(error: impl Into<AppError>) -> AppError {
    let error = error.into();
    let form_post = use_context::<http::request::Parts>()
        .map(|parts| {
            parts.method == http::Method::POST
                && parts
                    .headers
                    .get(http::header::ACCEPT)
                    .and_then(|v| v.to_str().ok())
                    .is_some_and(|v| v.contains("text/html"))
        })
        .unwrap_or(false);
    if !form_post {
        set_status(error.status());
    }
    error
}

/// The state and the signed-in person of the request being served; someone not signed in
/// is refused (401) here, before any of the function's work — parsing, loading lists,
/// rendering — is done for them. Services check the role (and ownership) again.
pub fn acting() -> Result<(AppState, Actor), AppError> {
    let (state, caller) = request().map_err(fail)?;
    if caller.user.is_none() {
        return Err(fail(AppError::Unauthenticated));
    }
    Ok((state, caller.actor()))
}

/// [`acting`] for a server function that only `roles` may call, refused (403) before it
/// loads or parses anything: for the functions that do work before their service's own
/// check (load the topics and bank holidays to read a form, render Markdown).
pub fn acting_as(roles: &[domain::Role]) -> Result<(AppState, Actor), AppError> {
    let (state, actor) = acting()?;
    actor.require(roles).map_err(|e| refused(e, &[]))?;
    Ok((state, actor))
}

/// The server's settings while a page is rendered; `None` when no request is being served
/// (the routes being listed at start-up), quietly.
pub fn settings() -> Option<AppState> {
    use_context::<http::request::Parts>()?
        .extensions
        .get::<AppState>()
        .cloned()
}

/// [`acting`] for the few server functions the public may call (the published pages).
pub fn anyone() -> Result<(AppState, Actor), AppError> {
    let (state, caller) = request().map_err(fail)?;
    Ok((state, caller.actor()))
}

/// A record id from a form or a path; anything else is "not found".
pub fn record_id(text: &str) -> Result<i64, AppError> {
    text.trim()
        .parse::<i64>()
        .map_err(|_| fail(AppError::NotFound))
}

/// Maps a service error to what the page shows, keeping the submitted values (for a form
/// posted without JavaScript) and setting the status.
pub fn refused(error: services::Error, values: &[(&str, &str)]) -> AppError {
    if matches!(
        error,
        services::Error::Forbidden | services::Error::NotFound
    ) {
        log_refusal(&error);
    }
    fail(AppError::from(error).with_values(values))
}

/// A page refused to its viewer (403), logged like a server function's refusal.
pub fn log_page_refusal() {
    log_refusal(&services::Error::Forbidden);
}

/// An authorisation refusal, for the auditor: who, which path, which kind of record (the
/// first part of the server function's or page's path). "Not found" counts too: it is what
/// an ownership check answers.
fn log_refusal(error: &services::Error) {
    let Some(parts) = use_context::<http::request::Parts>() else {
        return;
    };
    let path = parts.uri.path();
    let kind = path
        .trim_start_matches("/api/")
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or_default();
    let user = parts
        .extensions
        .get::<Caller>()
        .and_then(|c| c.user.as_ref().map(|u| u.id.0));
    tracing::warn!(user.id = ?user, path, record.kind = kind, refusal = %error, "refused");
}

/// The value of the cookie `name` among a request's cookies.
pub fn cookie_value(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
}

/// The address people reach Scrutineer at, for addresses they copy or follow (calendar
/// feeds, links inside events): configured, never taken from a request's `Host` header.
pub fn site_address(state: &AppState) -> String {
    state.public_url.clone()
}
