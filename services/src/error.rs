//! The one error type of the services.
//!
//! Convention: a problem the person can fix is `Invalid` (with a message per field) or
//! `Throttled`; a rule they cannot get round is `Forbidden` or `NotFound` (the latter also
//! for records they may not know exist); everything else is `Unexpected`, carries its
//! context for the log, and is shown to people only as a generic message. The page layer
//! maps these once, in `app::error`.

use domain::FieldErrors;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("invalid input: {0}")]
    Invalid(FieldErrors),
    #[error("not signed in")]
    Unauthenticated,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("{0}")]
    Throttled(String),
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<FieldErrors> for Error {
    fn from(errors: FieldErrors) -> Self {
        Error::Invalid(errors)
    }
}

impl From<sqlx::Error> for Error {
    fn from(error: sqlx::Error) -> Self {
        Error::Unexpected(anyhow::Error::new(error).context("database"))
    }
}

impl Error {
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        Error::Invalid(FieldErrors::single(field, message))
    }

    /// True when the database could not take the work just now — full, out of reach,
    /// restarting, its connections all busy — rather than refusing it: trying again later
    /// will work, and nothing was saved.
    pub fn is_unavailable(&self) -> bool {
        match self {
            Error::Unexpected(cause) => cause
                .chain()
                .filter_map(|e| e.downcast_ref::<sqlx::Error>())
                .any(crate::db::is_unavailable),
            _ => false,
        }
    }
}

/// Gathers the field errors of several parses, so that a form shows every problem at once:
/// `Ok(Some(value))`, or `Ok(None)` with the messages added to `errors`; any other error
/// is passed on.
pub fn gather<T>(errors: &mut FieldErrors, result: Result<T>) -> Result<Option<T>> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(Error::Invalid(found)) => {
            for e in found.iter() {
                errors.add(&e.field, e.message.clone());
            }
            Ok(None)
        }
        Err(other) => Err(other),
    }
}

/// True when the database refused a row because a unique constraint already holds the
/// value; read from the driver's error code, not its text.
pub(crate) fn is_unique_violation(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(e) if e.is_unique_violation())
}
