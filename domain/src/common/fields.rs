//! Field-level validation messages, shown beside the field and in the error summary.

use serde::{Deserialize, Serialize};

/// One message about one form field. `field` is the form control's `name`, so the page can
/// put the message beside the right control and link to it from the error summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

/// Every problem found with one submitted form, in the order of the form's fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(Vec<FieldError>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn single(field: &str, message: impl Into<String>) -> Self {
        let mut errors = Self::new();
        errors.add(field, message);
        errors
    }

    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(FieldError {
            field: field.to_owned(),
            message: message.into(),
        });
    }

    /// Keeps the parsed value, or records the message against `field` and returns `None`.
    /// Lets a form parse every field and report all the problems at once.
    pub fn check<T>(&mut self, field: &str, result: Result<T, String>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(message) => {
                self.add(field, message);
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }

    pub fn iter(&self) -> impl Iterator<Item = &FieldError> {
        self.0.iter()
    }

    /// `Ok(())` when nothing was recorded, so a form can end with `errors.into_result()?`.
    pub fn into_result(self) -> Result<(), FieldErrors> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }
}

impl std::fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let messages: Vec<&str> = self.0.iter().map(|e| e.message.as_str()).collect();
        f.write_str(&messages.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_collects_every_problem() {
        let mut errors = FieldErrors::new();
        let a: Option<u8> = errors.check("a", Err("A is wrong".into()));
        let b = errors.check("b", Ok(2u8));
        let c: Option<u8> = errors.check("c", Err("C is wrong".into()));
        assert_eq!((a, b, c), (None, Some(2), None));
        assert_eq!(errors.get("a"), Some("A is wrong"));
        assert_eq!(errors.get("b"), None);
        assert_eq!(errors.to_string(), "A is wrong; C is wrong");
        assert!(errors.into_result().is_err());
    }
}
