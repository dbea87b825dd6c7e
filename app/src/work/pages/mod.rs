//! The pages of each person's work.

mod admin;
mod home;
mod notifications;
mod search;

pub use admin::AdminPage;
pub use home::HomePage;
pub use notifications::NotificationsPage;
pub use search::{SearchBox, SearchPage};
