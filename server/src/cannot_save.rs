//! The answer to a form posted without JavaScript when the database cannot take the change
//! just now (full, restarting, out of reach): 503, the reason, and what was typed, in a
//! form that sends it again. Nothing here touches the database — the usual one-time note
//! (`services::accounts::flash`) is itself a write, and would fail the same way. With
//! JavaScript, the form stays on its page with the same message beside it (`AppError::Unavailable`).

use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};

/// The largest form whose values are kept for this page: far beyond any text form (minutes
/// are at most 256 KB); file uploads (multipart) are not kept.
const MAX_KEPT: u64 = 1024 * 1024;

/// A form's fields as posted, in order.
pub(crate) type Typed = Vec<(String, String)>;

/// Reads a URL-encoded form post to a server function, and gives the request back whole
/// with what was typed; anything else passes untouched.
pub(crate) async fn read_typed(request: Request) -> (Request, Option<Typed>) {
    let is_form = request.method() == Method::POST
        && request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    let length = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if !is_form || length.is_none_or(|n| n > MAX_KEPT) {
        return (request, None);
    }
    let (parts, body) = request.into_parts();
    match to_bytes(body, MAX_KEPT as usize).await {
        Ok(bytes) => {
            let typed = form_urlencoded::parse(&bytes).into_owned().collect();
            (Request::from_parts(parts, Body::from(bytes)), Some(typed))
        }
        // The body did not arrive whole; the handler would have met the same.
        Err(_) => (Request::from_parts(parts, Body::empty()), None),
    }
}

/// Fields never written back into a page: secrets.
fn is_secret(name: &str) -> bool {
    ["password", "code", "token", "secret"]
        .iter()
        .any(|word| name.contains(word))
}

/// Fields a person typed (shown to them, in text areas) rather than carried by the form
/// (ids, versions, choices: sent again unseen).
fn is_typed_text(value: &str) -> bool {
    value.chars().count() > 24 || value.contains([' ', '\n'])
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// "owner_name" → "Owner name".
fn label_of(name: &str) -> String {
    let words = name.replace('_', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => words,
    }
}

/// The page: why, what was typed (to copy, or change), and a button that sends it again to
/// `server_fn`.
pub(crate) fn page(server_fn: &str, typed: Option<&Typed>) -> Response {
    let mut fields = String::new();
    for (index, (name, value)) in typed.into_iter().flatten().enumerate() {
        if is_secret(name) {
            continue;
        }
        if is_typed_text(value) {
            let id = format!("kept-{index}");
            fields.push_str(&format!(
                "<div class=\"govuk-form-group\"><label class=\"govuk-label govuk-label--s\" for=\"{id}\">{label}</label>\
                 <textarea class=\"govuk-textarea\" id=\"{id}\" name=\"{name}\" rows=\"6\">{value}</textarea></div>",
                label = escape(&label_of(name)),
                name = escape(name),
                value = escape(value),
            ));
        } else {
            fields.push_str(&format!(
                "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
                escape(name),
                escape(value)
            ));
        }
    }
    let html = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Scrutineer cannot save just now – Scrutineer</title>\
         <link rel=\"stylesheet\" href=\"{css}\"></head><body class=\"govuk-template__body\">\
         <main class=\"govuk-main-wrapper govuk-width-container\" id=\"main-content\">\
         <h1 class=\"govuk-heading-l\">Scrutineer cannot save just now</h1>\
         <p class=\"govuk-body\">{message}</p>\
         <form method=\"post\" action=\"{action}\" novalidate>{fields}\
         <button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Try again</button></form>\
         <p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/\">Go to the home page</a> (what you typed will not be kept).</p>\
         </main></body></html>",
        css = crate::assets::stylesheet(),
        message = escape(&app::AppError::Unavailable.to_string()),
        action = escape(server_fn),
    );
    let mut response = (StatusCode::SERVICE_UNAVAILABLE, html).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_page_gives_back_what_was_typed_but_no_secret() {
        let typed: Typed = vec![
            ("id".into(), "7".into()),
            (
                "body".into(),
                "Minutes </textarea><b>x</b>\nline two".into(),
            ),
            ("password".into(), "hunter2 hunter2".into()),
        ];
        let response = page("/api/meetings/minutes/save", Some(&typed));
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        let bytes = to_bytes(response.into_body(), usize::MAX).await.unwrap();
        let html = String::from_utf8(bytes.to_vec()).unwrap();
        assert!(
            html.contains("<input type=\"hidden\" name=\"id\" value=\"7\">"),
            "{html}"
        );
        assert!(
            html.contains(">Minutes &lt;/textarea&gt;&lt;b&gt;x&lt;/b&gt;\nline two</textarea>"),
            "{html}"
        );
        assert!(html
            .contains("<label class=\"govuk-label govuk-label--s\" for=\"kept-1\">Body</label>"));
        assert!(!html.contains("hunter2"));
        assert!(html.contains("action=\"/api/meetings/minutes/save\""));
    }
}
