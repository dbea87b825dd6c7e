//! The audit trail in plain words: what each event was ("Action SPCB/2026/004: extension
//! approved"), its values as people read them (dates written out, statuses by their
//! labels), and the choices its filter offers instead of internal keys.

use domain::{ActionStatus, MinutesStatus, QuestionStatus, Step};

pub use domain::audit::{AREAS, RECORDS};

/// An event key as people read it: "action.extension_approved" → "extension approved".
/// The area is said too when it is not the kind of record: "sign_in.failed" → "sign in
/// failed", "minutes.published" → "minutes published".
pub fn what(action: &str) -> String {
    let (area, verb) = action.split_once('.').unwrap_or(("", action));
    // A step of an action's or a question's timeline reads as its timeline says it.
    let step = matches!(area, "action" | "question")
        .then(|| Step::parse(verb).ok())
        .flatten();
    let said = match step {
        Some(step) => step.label().to_owned(),
        None => verb.replace(['_', '.'], " "),
    };
    if area.is_empty() || RECORDS.iter().any(|(key, _)| *key == area) {
        lower_first(&said)
    } else {
        format!("{} {}", area.replace('_', " "), lower_first(&said))
    }
}

/// The record an event is about: "Action SPCB/2026/004" (with its `name` where known),
/// "Meeting 3", "Equality report 2026".
pub fn record(entity: &str, entity_id: Option<&str>, name: Option<&str>) -> String {
    let kind = RECORDS
        .iter()
        .find(|(key, _)| *key == entity)
        .map(|(_, label)| (*label).to_owned())
        .unwrap_or_else(|| upper_first(&entity.replace('_', " ")));
    match (name, entity_id) {
        (Some(name), _) => format!("{kind} {name}"),
        (None, Some(id)) => format!("{kind} {id}"),
        (None, None) => kind,
    }
}

/// A recorded value as people read it: a date written out, a status by its label.
pub fn value(field: &str, text: &str) -> String {
    if let Ok(day) = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return crate::common::london::long_date(day);
    }
    if field == "status" {
        if let Ok(s) = ActionStatus::parse(text) {
            return s.label().to_owned();
        }
        if let Ok(s) = QuestionStatus::parse(text) {
            return s.label().to_owned();
        }
        if let Ok(s) = MinutesStatus::parse(text) {
            return s.label().to_owned();
        }
    }
    text.to_owned()
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_and_values_read_as_words() {
        assert_eq!(what("action.extension_approved"), "extension approved");
        assert_eq!(what("sign_in.failed"), "sign in failed");
        assert_eq!(
            what("equality.report_published"),
            "equality report published"
        );
        assert_eq!(what("user.created"), "created");
        assert_eq!(
            record("action", Some("4"), Some("SPCB/2026/004")),
            "Action SPCB/2026/004"
        );
        assert_eq!(
            record("equality_report", Some("2026"), None),
            "Equality report 2026"
        );
        assert_eq!(
            record("stop_search_import", Some("7"), None),
            "Stop search import 7"
        );
        assert_eq!(value("due_on", "2027-01-14"), "Thursday 14 January 2027");
        assert_eq!(value("status", "response_submitted"), "Response submitted");
        assert_eq!(value("note", "open"), "open");
    }
}
