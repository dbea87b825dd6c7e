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
        match error {
            E::Invalid(errors) => errors.into(),
            E::Unauthenticated => AppError::Unauthenticated,
            E::Forbidden => AppError::Forbidden,
            E::NotFound => AppError::NotFound,
            E::Throttled(message) => AppError::Throttled(message),
            E::Unexpected(cause) => {
                tracing::error!(error = ?cause, "unexpected error");
                AppError::Internal
            }
        }
    }
}
