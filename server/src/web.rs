//! The HTTP side: Leptos's pages and server functions, the health check, and the
//! middleware every request passes through, outermost first:
//!
//! 1. a `tracing` span per request, which the caller layer fills with the user id;
//! 2. security headers, with a fresh CSP nonce for Leptos's inline scripts;
//! 3. the cross-site check on every state-changing request;
//! 4. the caller: the session cookie resolved to a user, the client's address;
//! 5. server-function errors given the HTTP status their `AppError` calls for.
//!
//! The layers for forms (work kept when a session has ended, and the one-time notes that
//! carry a refused form back) are in `forms`.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::OnceLock;

use app::context::{cookie_value, AppState, Caller};
use app::{shell, App, AppError, CspNonce};
use axum::body::{to_bytes, Body};
use axum::extract::{ConnectInfo, Request};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{from_fn, from_fn_with_state, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Extension, Router};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use leptos::config::LeptosOptions;
use leptos_axum::{file_and_error_handler, generate_route_list, AxumRouteListing, LeptosRoutes};
use rand::RngCore;
use services::accounts::sessions::Resumed;
use services::accounts::two_factor::Policy;

use crate::forms::{form_flash, keep_work};
use crate::refusal::error_response;
use tower_http::trace::TraceLayer;

/// Where Leptos's server functions answer.
pub const API_PREFIX: &str = "/api/";

/// How long any response may take, headers and body: past it the response is ended and
/// logged as an incident (see `incidents`), so that no request is left hanging.
pub const REQUEST_DEADLINE: std::time::Duration = std::time::Duration::from_secs(60);

/// The app's pages, listed once per process. Listing them runs the app with every
/// resource's loading suppressed, and leptos's switch for that is one flag for the whole
/// process (`SuppressResourceLoad`, leptos-rs/leptos#4773): a page rendered by another
/// server in the same process while the list is made waits for a resource that never
/// loads. That was the test servers' hang — a test starting its server while another's was
/// answering. Made once, before any server here serves, no render can meet it.
fn routes() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The whole application as one axum router.
pub fn router(state: AppState, site_root: &Path) -> Router {
    let options = LeptosOptions::builder()
        .output_name("scrutineer")
        .site_root(site_root.to_string_lossy().into_owned())
        .site_pkg_dir("pkg")
        .hash_files(crate::assets::hashed())
        .build();
    let routes = routes();
    let secure = state.cookie.secure;
    let router = Router::new()
        .route("/healthz", get(healthz))
        .route(
            "/public/boards/{code}/meetings.ics",
            get(crate::calendar::board_feed),
        )
        .route("/actions.csv", get(crate::export::actions_csv))
        .route("/admin/audit.csv", get(crate::export::audit_csv))
        .route(
            "/evidence/upload",
            axum::routing::post(crate::evidence::import_upload).layer(
                axum::extract::DefaultBodyLimit::max(crate::evidence::UPLOAD_LIMIT),
            ),
        )
        .route("/evidence/csv/{file}", get(crate::evidence::figures_csv))
        .route(
            "/equality/report.csv",
            get(crate::evidence::equality_report_csv),
        )
        .route(
            "/evidence/complaints/upload",
            axum::routing::post(crate::evidence::complaints_upload).layer(
                axum::extract::DefaultBodyLimit::max(
                    services::evidence::complaints::MAX_BYTES + 64 * 1024,
                ),
            ),
        )
        .route(
            "/evidence/complaints-template.csv",
            get(crate::evidence::complaints_template),
        )
        .route(
            "/evidence/population-template.csv",
            get(crate::evidence::population_template),
        )
        // The built wasm, JavaScript and CSS: files only. A request here never reaches the
        // app, which would answer a missing or revalidated asset with a page.
        .nest_service(
            "/pkg",
            tower_http::services::ServeDir::new(site_root.join("pkg"))
                .precompressed_gzip()
                .precompressed_br(),
        )
        .route("/calendar/{file}", get(crate::calendar::deadlines_feed))
        .route(
            "/meetings/{id}/meeting.ics",
            get(crate::calendar::meeting_file),
        )
        .leptos_routes(&options, routes, {
            let options = options.clone();
            move || shell(options.clone())
        })
        .fallback(file_and_error_handler(shell))
        .with_state(options)
        .layer(from_fn(server_fn_status))
        .layer(from_fn(form_flash))
        .layer(from_fn(keep_work))
        .layer(from_fn_with_state(state, caller))
        .layer(from_fn(cross_site))
        .layer(from_fn_with_state(secure, security_headers))
        // Pages, answers and exports compressed when the browser accepts it; the files under
        // /pkg come already compressed (`assets::precompress`) and are left as they are.
        .layer(tower_http::compression::CompressionLayer::new());
    crate::incidents::guard(router, REQUEST_DEADLINE).layer(
        TraceLayer::new_for_http().make_span_with(|request: &Request| {
            tracing::info_span!(
                "request",
                method = %request.method(),
                path = %logged_path(request.uri().path()),
                user.id = tracing::field::Empty,
            )
        }),
    )
}

/// The path as logs may show it: a private calendar address is a secret, so its token is
/// left out.
pub fn logged_path(path: &str) -> &str {
    if path.starts_with("/calendar/") {
        "/calendar/…"
    } else if path.starts_with("/invitation/") {
        "/invitation/…"
    } else {
        path
    }
}

/// Answers 200 when the database answers, 503 when it does not.
async fn healthz(Extension(state): Extension<AppState>) -> Response {
    match state.db.ping().await {
        Ok(()) => (StatusCode::OK, "ok\n").into_response(),
        Err(error) => {
            tracing::error!(error = ?error, "health check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n").into_response()
        }
    }
}

/// The Content-Security-Policy for a response whose inline scripts carry `nonce`.
///
/// Scripts run only from this origin or with the nonce; `'wasm-unsafe-eval'` is what
/// compiling the app's WebAssembly needs, and allows no `eval` of JavaScript. Styles come
/// only from this origin (no inline styles). Nothing may frame the pages, change their base
/// URL, or embed plugins; forms post only to this origin.
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// Served over HTTPS (`secure`): browsers are also told to use nothing else for two years.
async fn security_headers(
    axum::extract::State(secure): axum::extract::State<bool>,
    mut request: Request,
    next: Next,
) -> Response {
    // The built wasm, JavaScript and CSS may be cached; pages and answers may not.
    let cacheable = request.uri().path().starts_with("/pkg/");
    let mut bytes = [0u8; 18];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let nonce = URL_SAFE_NO_PAD.encode(bytes);
    request.extensions_mut().insert(CspNonce(nonce.clone()));
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if let Ok(csp) = HeaderValue::from_str(&content_security_policy(&nonce)) {
        headers.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    // same-origin keeps the full Referer on our own form posts, which Leptos needs to send
    // a form without JavaScript back to its page, and sends nothing to other sites.
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if secure {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=63072000; includeSubDomains"),
        );
    }
    let cache = if cacheable {
        crate::assets::cache_control()
    } else {
        "no-store"
    };
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    response
}

/// Refuses a state-changing request that a browser says came from another site. Browsers
/// send `Sec-Fetch-Site` (all current ones) or `Origin` on every POST, form or script;
/// a request with neither did not come from a browser page and carries no ambient cookie
/// risk.
async fn cross_site(request: Request, next: Next) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) || same_site(request.headers())
    {
        next.run(request).await
    } else {
        tracing::warn!(path = %request.uri().path(), "refused a cross-site request");
        (
            StatusCode::FORBIDDEN,
            "This request came from another site and was refused.\n",
        )
            .into_response()
    }
}

/// Whether the browser's own headers place a request on this site.
pub fn same_site(headers: &HeaderMap) -> bool {
    let text = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    if let Some(site) = text(header::HeaderName::from_static("sec-fetch-site")) {
        return matches!(site, "same-origin" | "none");
    }
    match (text(header::ORIGIN), text(header::HOST)) {
        (None, _) => true,
        (Some(origin), Some(host)) => {
            let authority = origin
                .strip_prefix("https://")
                .or_else(|| origin.strip_prefix("http://"));
            authority == Some(host)
        }
        (Some(_), None) => false,
    }
}

/// Resolves the session cookie to a user and puts the caller and the shared state where
/// pages and server functions read them (`app::context`).
pub async fn caller(
    axum::extract::State(state): axum::extract::State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip());
    let address = client_address(peer, request.headers(), &state.trusted_proxies)
        .map_or_else(|| "unknown".to_owned(), |ip| ip.to_string());
    let token = cookie_value(request.headers(), state.cookie.name());
    let resumed = match &token {
        Some(token) => {
            match services::accounts::sessions::resume(
                &state.db,
                token,
                state.sessions,
                services::now(),
            )
            .await
            {
                Ok(resumed) => resumed,
                Err(error) => {
                    tracing::error!(error = ?error, "could not resume a session");
                    return error_response(&AppError::Internal);
                }
            }
        }
        None => Resumed::Unknown,
    };
    let ended = match &resumed {
        Resumed::Ended(user) => Some(*user),
        _ => None,
    };
    let awaiting_code = match &resumed {
        Resumed::AwaitingCode(user) => Some(*user),
        _ => None,
    };
    let user = resumed.live();
    if let Some(user) = &user {
        tracing::Span::current().record("user.id", user.id.0);
        let path = request.uri().path();
        if user.must_change_password && !reachable_before(CHANGE_PASSWORD, path) {
            return Redirect::to(CHANGE_PASSWORD).into_response();
        }
        if state.second_factor == Policy::Required
            && !user.two_factor_on
            && !user.must_change_password
            && !reachable_before(SET_UP_TWO_FACTOR, path)
        {
            return Redirect::to(SET_UP_TWO_FACTOR).into_response();
        }
    }
    // A cookie that names no session at all is cleared, so the browser stops sending it.
    // One whose session has ended is kept: a form posted with it is kept for its person.
    let stale_cookie =
        token.is_some() && user.is_none() && ended.is_none() && awaiting_code.is_none();
    let cookie = state.cookie.clone();
    request.extensions_mut().insert(Caller {
        token: (user.is_some() || ended.is_some() || awaiting_code.is_some())
            .then_some(token)
            .flatten(),
        user,
        ended,
        awaiting_code,
        address,
    });
    request.extensions_mut().insert(state);
    let mut response = next.run(request).await;
    if stale_cookie && !response.headers().contains_key(header::SET_COOKIE) {
        if let Ok(clear) = HeaderValue::from_str(&cookie.clear()) {
            response.headers_mut().append(header::SET_COOKIE, clear);
        }
    }
    response
}

const CHANGE_PASSWORD: &str = "/account/password";
const SET_UP_TWO_FACTOR: &str = "/account/two-factor";

/// What a person who must first do one thing — change the password an admin set, or set up
/// a second factor where one is required — may reach before they have: the page that does
/// it (`page`) and the server functions under the same name, what pages need, and signing out.
fn reachable_before(page: &str, path: &str) -> bool {
    path == page
        || path.strip_prefix("/api").is_some_and(|rest| {
            rest == page || rest.strip_prefix(page).is_some_and(|r| r.starts_with('/'))
        })
        || matches!(
            path,
            "/api/sign-out"
                | "/api/current-user"
                | "/api/session/keep-alive"
                | "/healthz"
                | "/favicon.ico"
        )
        || path.starts_with("/pkg/")
}

/// The client's address: the peer's, unless the peer is a trusted proxy, in which case the
/// right-most address in `X-Forwarded-For` that is not itself a trusted proxy (the left
/// part of the header is whatever the client chose to send).
pub fn client_address(
    peer: Option<std::net::IpAddr>,
    headers: &HeaderMap,
    trusted: &[std::net::IpAddr],
) -> Option<std::net::IpAddr> {
    let peer = peer?;
    if !trusted.contains(&peer) {
        return Some(peer);
    }
    let forwarded: Vec<std::net::IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|part| part.trim().parse().ok())
        .collect();
    Some(
        forwarded
            .into_iter()
            .rev()
            .find(|ip| !trusted.contains(ip))
            .unwrap_or(peer),
    )
}

/// Leptos answers every failed server function with 500; this gives each the status its
/// error means (400 for bad or malformed input, 403, 404, 429…), so that user input never
/// produces a 500.
async fn server_fn_status(request: Request, next: Next) -> Response {
    let is_api = request.uri().path().starts_with(API_PREFIX);
    let response = next.run(request).await;
    if !is_api || response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, 1 << 20).await else {
        return error_response(&AppError::Internal);
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        if let Ok(status) = StatusCode::from_u16(error.status()) {
            parts.status = status;
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.insert(*k, HeaderValue::from_static(v));
        }
        map
    }

    #[test]
    fn same_site_trusts_fetch_metadata_first() {
        assert!(same_site(&headers(&[("sec-fetch-site", "same-origin")])));
        assert!(!same_site(&headers(&[
            ("sec-fetch-site", "cross-site"),
            ("origin", "http://127.0.0.1:3000"),
            ("host", "127.0.0.1:3000"),
        ])));
        assert!(!same_site(&headers(&[("sec-fetch-site", "same-site")])));
    }

    #[test]
    fn same_site_compares_origin_with_host() {
        assert!(same_site(&headers(&[
            ("origin", "http://127.0.0.1:3000"),
            ("host", "127.0.0.1:3000"),
        ])));
        assert!(!same_site(&headers(&[
            ("origin", "https://evil.example"),
            ("host", "127.0.0.1:3000"),
        ])));
        assert!(!same_site(&headers(&[("origin", "null"), ("host", "a")])));
        assert!(same_site(&headers(&[("host", "127.0.0.1:3000")])));
    }

    #[test]
    fn the_session_cookie_is_found_among_others() {
        let map = headers(&[("cookie", "a=1; scrutineer_session=abc; b=2")]);
        assert_eq!(
            cookie_value(&map, "scrutineer_session").as_deref(),
            Some("abc")
        );
        assert_eq!(cookie_value(&map, "__Host-scrutineer_session"), None);
    }

    #[test]
    fn forwarded_addresses_are_believed_only_from_trusted_proxies() {
        let proxy: std::net::IpAddr = "10.0.0.1".parse().unwrap();
        let stranger: std::net::IpAddr = "203.0.113.9".parse().unwrap();
        let forwarded = headers(&[("x-forwarded-for", "6.6.6.6, 198.51.100.7, 10.0.0.1")]);
        assert_eq!(
            client_address(Some(proxy), &forwarded, &[proxy]),
            Some("198.51.100.7".parse().unwrap()),
            "the right-most untrusted address, not the client's own claim"
        );
        assert_eq!(
            client_address(Some(stranger), &forwarded, &[proxy]),
            Some(stranger)
        );
        assert_eq!(
            client_address(Some(proxy), &HeaderMap::new(), &[proxy]),
            Some(proxy)
        );
        assert_eq!(client_address(Some(proxy), &forwarded, &[]), Some(proxy));
    }

    #[tokio::test]
    async fn hsts_is_sent_when_served_securely_and_only_then() {
        use tower::ServiceExt;
        for secure in [true, false] {
            let router = Router::new()
                .route("/", get(|| async { "ok" }))
                .layer(from_fn_with_state(secure, security_headers));
            let response = router
                .oneshot(Request::builder().uri("/").body(Body::empty()).unwrap())
                .await
                .unwrap();
            let hsts = response.headers().get(header::STRICT_TRANSPORT_SECURITY);
            assert_eq!(hsts.is_some(), secure);
        }
    }

    #[test]
    fn one_first_job_reaches_its_page_and_signing_out_only() {
        for page in [CHANGE_PASSWORD, SET_UP_TWO_FACTOR] {
            assert!(reachable_before(page, page));
            assert!(reachable_before(page, &format!("/api{page}")));
            assert!(reachable_before(page, "/api/sign-out"));
            assert!(reachable_before(page, "/pkg/scrutineer.css"));
            assert!(!reachable_before(page, "/actions"));
            assert!(!reachable_before(page, "/api/actions/list"));
            assert!(!reachable_before(page, &format!("/api{page}-evil")));
        }
        assert!(reachable_before(
            SET_UP_TWO_FACTOR,
            "/api/account/two-factor/confirm"
        ));
        assert!(!reachable_before(CHANGE_PASSWORD, SET_UP_TWO_FACTOR));
    }

    #[test]
    fn calendar_tokens_are_not_logged() {
        assert_eq!(logged_path("/calendar/abcdefSECRET.ics"), "/calendar/…");
        assert_eq!(logged_path("/actions/4"), "/actions/4");
        assert_eq!(logged_path("/invitation/SECRET"), "/invitation/…");
    }

    #[test]
    fn the_policy_allows_no_inline_script_without_the_nonce() {
        let csp = content_security_policy("abc");
        assert!(csp.contains("script-src 'self' 'nonce-abc' 'wasm-unsafe-eval'"));
        assert!(!csp.contains("unsafe-inline"));
        assert!(csp.contains("frame-ancestors 'none'"));
    }
}
