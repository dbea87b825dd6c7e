//! Pages that belong to no area: home, the accessibility statement, a person's emails.

mod accessibility;
mod home;
mod notifications;
mod password;
mod search;
mod sessions;

pub use accessibility::AccessibilityPage;
pub use home::HomePage;
pub use notifications::NotificationsPage;
pub use password::{change_password, ChangePassword, PasswordPage};
pub use search::{SearchBox, SearchPage};
pub use sessions::SessionsPage;
