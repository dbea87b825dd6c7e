//! What every area's types use: field errors for forms, a page of a list, a published
//! version.

mod fields;
mod page;

pub use fields::{FieldError, FieldErrors};
pub use page::{Page, PublishedVersion};
