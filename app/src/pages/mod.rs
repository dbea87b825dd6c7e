//! Pages that belong to no area: home, the accessibility statement, a person's emails.

mod accessibility;
mod home;
mod notifications;
mod search;
mod sessions;

pub use accessibility::AccessibilityPage;
pub use home::HomePage;
pub use notifications::NotificationsPage;
pub use search::{SearchBox, SearchPage};
pub use sessions::SessionsPage;
