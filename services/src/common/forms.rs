//! Checks on what people type into forms: a text field within its length, and a note
//! (a response, reason or requirement) as Markdown within the limits. Used by every area's
//! forms; uses no area.

use domain::FieldErrors;

use crate::common::markdown;
use crate::Result;

/// The longest response, reason or note, in characters.
pub const MAX_NOTE: usize = 20_000;

/// Trims `text` and checks it is present (when `required` gives the message for a blank)
/// and within `max` characters; `what` names it in the message.
pub fn text_field(
    errors: &mut FieldErrors,
    field: &str,
    text: &str,
    required: Option<&str>,
    max: usize,
    what: &str,
) -> String {
    let text = text.trim().to_owned();
    if text.is_empty() {
        if let Some(message) = required {
            errors.add(field, message);
        }
    } else if text.chars().count() > max {
        errors.add(field, format!("{what} must be {max} characters or fewer"));
    }
    text
}

/// A response, reason or note: required Markdown within [`MAX_NOTE`] characters and within
/// the Markdown limits (checked, not rendered: rendering waits for a reader).
pub fn note(field: &str, text: &str, required: &str) -> Result<String> {
    let mut errors = FieldErrors::new();
    let text = check_note(&mut errors, field, text, Some(required));
    errors.into_result()?;
    Ok(text)
}

/// [`note`] collecting its problem into `errors`; `required: None` allows a blank.
pub fn check_note(
    errors: &mut FieldErrors,
    field: &str,
    text: &str,
    required: Option<&str>,
) -> String {
    let text = text_field(errors, field, text, required, MAX_NOTE, "The text");
    if errors.get(field).is_none() {
        if let Err(e) = markdown::check(&text) {
            errors.add(field, e.to_string());
        }
    }
    text
}
