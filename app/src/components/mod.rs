//! Pieces of page shared across areas: the layout, form fields with their errors, and the
//! pages for "no access", "not found" and "something went wrong".

mod confirm;
mod forms;
mod layout;
mod loaded;
mod pagination;
mod raw_text;
mod status;
mod versions;

pub use confirm::ConfirmPanel;
pub use forms::{
    form_error, Checkbox, ChooseField, ErrorSummary, FormError, Radios, SelectField, SuccessBanner,
    TextArea, TextField,
};
pub use layout::{Footer, Header, PhaseBanner, PublishedNav};
pub use loaded::loaded;
pub use pagination::Pagination;
pub use raw_text::raw_text;
pub use status::{Forbidden, NotFound, ServiceProblem, ShowError, SignedOut};
pub use versions::PublishedVersions;
