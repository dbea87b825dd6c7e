//! The error every server function returns, and the one place where service errors become
//! what people see.
//!
//! `Invalid` carries a message per field and the values that were submitted (never
//! passwords), so that a form posted without JavaScript comes back with its errors beside
//! the fields and nothing typed lost. `Internal` never carries the cause: that is logged
//! once, where it is mapped, and the page shows a generic message.

use std::collections::BTreeMap;

use domain::FieldErrors;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("There is a problem: {errors}")]
    Invalid {
        errors: FieldErrors,
        values: BTreeMap<String, String>,
    },
    #[error("You need to sign in")]
    Unauthenticated,
    /// A form posted after the session ended: not saved, but kept for the person until
    /// they sign in again (`services::accounts::kept`).
    #[error("You were signed out because Scrutineer had not been used for a while, so this was not saved. What you typed has been kept: sign in again and you will be brought back to it.")]
    SessionEnded,
    /// The form of a post that arrived after the session ended, given back once its
    /// person signed in again: what they typed, to check and send again.
    #[error("You were signed out before this was saved. What you typed is back in the form below: check it, then save it again.")]
    Restored { values: BTreeMap<String, String> },
    #[error("You do not have access to this")]
    Forbidden,
    #[error("Not found")]
    NotFound,
    #[error("{0}")]
    Throttled(String),
    #[error("Sorry, there is a problem with the service. Try again later.")]
    Internal,
    /// The database could not take the change just now (full, restarting, out of reach):
    /// nothing was saved, and the form keeps what was typed.
    #[error("Scrutineer cannot save just now, so this was not saved. What you typed is still here: try again in a few minutes. If it keeps happening, tell the Scrutineer administrator.")]
    Unavailable,
    /// The request never reached our code: it was malformed or the network failed.
    #[error("The request could not be completed: {0}")]
    Request(String),
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::ServerError(_) | ServerFnErrorErr::MiddlewareError(_) => {
                AppError::Internal
            }
            other => AppError::Request(other.to_string()),
        }
    }
}

impl AppError {
    pub fn field_errors(&self) -> Option<&FieldErrors> {
        match self {
            AppError::Invalid { errors, .. } => Some(errors),
            _ => None,
        }
    }

    /// A value the person submitted, to put back in the form.
    pub fn value(&self, field: &str) -> Option<&str> {
        match self {
            AppError::Invalid { values, .. } | AppError::Restored { values } => {
                values.get(field).map(String::as_str)
            }
            _ => None,
        }
    }

    /// Attaches the submitted values to a validation error, so a form posted without
    /// JavaScript is shown again as it was typed.
    pub fn with_values(self, fields: &[(&str, &str)]) -> Self {
        match self {
            AppError::Invalid { errors, mut values } => {
                for (name, value) in fields {
                    values.insert((*name).to_owned(), (*value).to_owned());
                }
                AppError::Invalid { errors, values }
            }
            other => other,
        }
    }

    /// The HTTP status a page showing this error answers with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Invalid { .. } | AppError::Request(_) => 400,
            AppError::Unauthenticated | AppError::SessionEnded => 401,
            AppError::Restored { .. } => 200,
            AppError::Forbidden => 403,
            AppError::NotFound => 404,
            AppError::Throttled(_) => 429,
            AppError::Internal => 500,
            AppError::Unavailable => 503,
        }
    }
}

impl From<FieldErrors> for AppError {
    fn from(errors: FieldErrors) -> Self {
        AppError::Invalid {
            errors,
            values: BTreeMap::new(),
        }
    }
}

#[cfg(feature = "ssr")]
impl From<services::Error> for AppError {
    fn from(error: services::Error) -> Self {
        use services::Error as E;
        if error.is_unavailable() {
            failures::unavailable(&error);
            return AppError::Unavailable;
        }
        match error {
            E::Invalid(errors) => errors.into(),
            E::Unauthenticated => AppError::Unauthenticated,
            E::Forbidden => AppError::Forbidden,
            E::NotFound => AppError::NotFound,
            E::Throttled(message) => AppError::Throttled(message),
            E::Unexpected(cause) => {
                failures::unexpected(&cause);
                AppError::Internal
            }
        }
    }
}

/// Logging failures so that a storm of them cannot fill the disk: a database that is full
/// once made every write fail, each logging a backtrace — 81 MB in 30 s. Each failure is
/// one line; the backtrace (when captured at all) only the first time its kind is seen; and
/// beyond a few lines a second the rest are counted and reported with the next line.
#[cfg(feature = "ssr")]
mod failures {
    use std::collections::HashSet;
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::Mutex;

    /// Lines a second, at most, before the rest are only counted.
    const PER_SECOND: u64 = 5;
    /// Kinds whose backtrace has been logged; bounded, as kinds come from messages.
    const KINDS_KEPT: usize = 256;

    static SECOND: AtomicU64 = AtomicU64::new(0);
    static IN_SECOND: AtomicU64 = AtomicU64::new(0);
    static SUPPRESSED: AtomicU64 = AtomicU64::new(0);
    static SEEN: Mutex<Option<HashSet<String>>> = Mutex::new(None);

    /// Whether to log now, and how many lines were held back since the last one.
    fn allowed() -> Option<u64> {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or_default();
        if SECOND.swap(now, Ordering::Relaxed) != now {
            IN_SECOND.store(0, Ordering::Relaxed);
        }
        if IN_SECOND.fetch_add(1, Ordering::Relaxed) < PER_SECOND {
            Some(SUPPRESSED.swap(0, Ordering::Relaxed))
        } else {
            SUPPRESSED.fetch_add(1, Ordering::Relaxed);
            None
        }
    }

    /// True the first time `kind` is seen (and while too many kinds have been seen to keep).
    fn first_of(kind: &str) -> bool {
        let mut seen = SEEN.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let seen = seen.get_or_insert_with(HashSet::new);
        if seen.contains(kind) {
            return false;
        }
        if seen.len() < KINDS_KEPT {
            seen.insert(kind.to_owned());
        }
        true
    }

    pub(super) fn unavailable(error: &services::Error) {
        if let Some(held_back) = allowed() {
            tracing::warn!(error = %format!("{error:#}"), held_back, "the database cannot take work just now");
        }
    }

    pub(super) fn unexpected(cause: &anyhow::Error) {
        let Some(held_back) = allowed() else { return };
        let kind = cause.root_cause().to_string();
        if first_of(&kind) {
            tracing::error!(error = ?cause, held_back, "unexpected error");
        } else {
            tracing::error!(error = %format!("{cause:#}"), held_back, "unexpected error (seen before)");
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn a_storm_of_failures_logs_a_few_lines_a_second() {
            let logged = (0..1000).filter(|_| allowed().is_some()).count() as u64;
            // One or two seconds may begin during the loop.
            assert!(logged <= 3 * PER_SECOND, "{logged}");
            assert!(first_of("disk full"));
            assert!(!first_of("disk full"));
        }
    }
}
