//! Pieces of page shared across areas: form fields with their errors, panels, paging, and
//! the pages for "no access", "not found" and "something went wrong". They use no area
//! (the page's frame, which shows who is signed in, is `layout`).

mod confirm;
mod forms;
mod loaded;
mod pagination;
mod published_nav;
mod raw_text;
mod status;
mod versions;

pub use confirm::ConfirmPanel;
pub use forms::{
    form_error, Checkbox, ChooseField, ErrorSummary, FormError, Radios, SelectField, SuccessBanner,
    TextArea, TextField,
};
pub use loaded::loaded;
pub use pagination::Pagination;
pub use published_nav::PublishedNav;
pub use raw_text::raw_text;
pub use status::{Forbidden, NotFound, ServiceProblem, ShowError, SignedOut};
pub use versions::PublishedVersions;
