//! No request left unanswered: a panic while a request is handled answers a plain 500 page
//! with an incident id, logged with the panic's message so that the two can be matched; a
//! panic while the body is streamed ends the body with the same note; and a response that
//! is not finished within the request deadline is ended, logged as an incident too.

use std::any::Any;
use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body::{Body as HttpBody, Frame};
use rand::RngCore;

/// A short random id a person can quote and an operator can find in the log.
pub fn incident_id() -> String {
    let mut bytes = [0u8; 6];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    services::hex(&bytes)
}

fn panic_message(panic: &(dyn Any + Send)) -> &str {
    panic
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(no message)")
}

/// The page shown for an incident: no detail of the cause, only what to quote.
pub fn incident_page(status: StatusCode, incident: &str) -> Response {
    let html = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sorry, there is a problem with Scrutineer</title>\
         <link rel=\"stylesheet\" href=\"{css}\"></head><body class=\"govuk-template__body\">\
         <main class=\"govuk-main-wrapper govuk-width-container\" id=\"main-content\">\
         <h1 class=\"govuk-heading-l\">Sorry, there is a problem with Scrutineer</h1>\
         <p class=\"govuk-body\">Nothing you sent was lost: try again in a moment, or go back to <a class=\"govuk-link\" href=\"/\">the home page</a>.</p>\
         <p class=\"govuk-body\">If it happens again, tell the Scrutineer administrator this incident number: <strong>{incident}</strong>.</p>\
         </main></body></html>",
        css = crate::assets::stylesheet()
    );
    let mut response = (status, html).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
}

/// For `tower_http::catch_panic`: the handler panicked before it had an answer.
pub fn handler_panicked(panic: Box<dyn Any + Send + 'static>) -> Response {
    let incident = incident_id();
    tracing::error!(incident = %incident, panic = panic_message(&*panic), "a request panicked");
    incident_page(StatusCode::INTERNAL_SERVER_ERROR, &incident)
}

/// Gives every response at most `deadline` to produce its headers and to finish its body,
/// and turns a panic while the body streams into its end.
pub async fn deadline(deadline: Duration, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let until = tokio::time::Instant::now() + deadline;
    let response = match tokio::time::timeout_at(until, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            let incident = incident_id();
            tracing::error!(incident = %incident, path = %path, "a request passed its deadline before answering");
            return incident_page(StatusCode::SERVICE_UNAVAILABLE, &incident);
        }
    };
    let (parts, body) = response.into_parts();
    Response::from_parts(
        parts,
        Body::new(Guarded {
            inner: body,
            sleep: Box::pin(tokio::time::sleep_until(until)),
            path,
            done: false,
        }),
    )
}

/// A response body that ends, with a note, when it panics or passes its deadline.
struct Guarded {
    inner: Body,
    sleep: Pin<Box<tokio::time::Sleep>>,
    path: String,
    done: bool,
}

impl Guarded {
    fn end(&mut self, why: &str, detail: &str) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        self.done = true;
        let incident = incident_id();
        tracing::error!(incident = %incident, path = %self.path, detail, "{why}");
        let note = format!(
            "\n<p>Sorry, there is a problem with Scrutineer: this page is incomplete. Incident number: {incident}.</p>\n"
        );
        Poll::Ready(Some(Ok(Frame::data(Bytes::from(note)))))
    }
}

impl HttpBody for Guarded {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        if self.done {
            return Poll::Ready(None);
        }
        let this = &mut *self;
        let polled = catch_unwind(AssertUnwindSafe(|| {
            Pin::new(&mut this.inner).poll_frame(cx)
        }));
        match polled {
            Ok(Poll::Pending) => {
                if this.sleep.as_mut().poll(cx).is_ready() {
                    this.end("a response body passed its deadline", "")
                } else {
                    Poll::Pending
                }
            }
            Ok(ready) => ready,
            Err(panic) => {
                let message = panic_message(&*panic).to_owned();
                this.end("a response body panicked", &message)
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.done || self.inner.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        // A note may be added, so only the lower bound stands.
        let mut hint = http_body::SizeHint::new();
        hint.set_lower(self.inner.size_hint().lower());
        hint
    }
}

/// `router` with the incident guards around it: a panicking handler answers 500 with an
/// incident id, and no response outlives `deadline`.
pub fn guard(router: axum::Router, deadline_after: Duration) -> axum::Router {
    router
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            handler_panicked,
        ))
        .layer(axum::middleware::from_fn(move |request, next| {
            deadline(deadline_after, request, next)
        }))
}

/// Logs every panic, wherever it happens (a task the renderer spawned, a blocking thread),
/// with an incident id; the default hook's message to standard error stays too.
pub fn log_panics() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let incident = incident_id();
        let location = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        tracing::error!(incident = %incident, panic = panic_message(info.payload()), location, "panic");
        default(info);
    }));
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::routing::get;
    use futures_util::StreamExt;

    async fn body_text(response: Response) -> String {
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 20)
            .await
            .unwrap();
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    async fn call(router: axum::Router, path: &str) -> Response {
        use tower::ServiceExt;
        router
            .oneshot(Request::builder().uri(path).body(Body::empty()).unwrap())
            .await
            .unwrap()
    }

    fn panics() -> &'static str {
        let word = "Chair’s";
        &word[..6]
    }

    #[tokio::test]
    async fn a_panicking_handler_answers_500_with_an_incident_number() {
        let router = guard(
            axum::Router::new().route("/boom", get(|| async { panics() })),
            Duration::from_secs(5),
        );
        let response = call(router, "/boom").await;
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let text = body_text(response).await;
        assert!(text.contains("incident number: <strong>"), "{text}");
    }

    #[tokio::test]
    async fn a_body_that_panics_or_never_ends_is_ended_with_a_note() {
        let panicking = || async {
            let stream = futures_util::stream::once(async {
                Ok::<_, std::io::Error>(Bytes::from("<p>start</p>"))
            })
            .chain(futures_util::stream::once(async {
                panics();
                Ok(Bytes::new())
            }));
            Body::from_stream(stream)
        };
        let router = guard(
            axum::Router::new().route("/panics", get(panicking)).route(
                "/hangs",
                get(|| async {
                    Body::from_stream(
                        futures_util::stream::pending::<Result<Bytes, std::io::Error>>(),
                    )
                }),
            ),
            Duration::from_millis(300),
        );
        let text = body_text(call(router.clone(), "/panics").await).await;
        assert!(text.starts_with("<p>start</p>"), "{text}");
        assert!(text.contains("Incident number"), "{text}");
        let text = body_text(call(router, "/hangs").await).await;
        assert!(text.contains("this page is incomplete"), "{text}");
    }

    #[tokio::test]
    async fn a_handler_that_never_answers_gets_503_at_the_deadline() {
        let router = guard(
            axum::Router::new().route("/slow", get(std::future::pending::<&'static str>)),
            Duration::from_millis(200),
        );
        let response = call(router, "/slow").await;
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    }

    #[test]
    fn incident_ids_are_short_and_distinct() {
        let (a, b) = (incident_id(), incident_id());
        assert_eq!(a.len(), 12);
        assert_ne!(a, b);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
    }
}
