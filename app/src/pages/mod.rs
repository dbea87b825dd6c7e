//! Pages that belong to no area: home, the accessibility statement, a person's emails.

mod accessibility;
mod home;
mod notifications;
mod password;
mod search;
mod sessions;
mod two_factor;

pub use accessibility::AccessibilityPage;
pub use home::HomePage;
pub use notifications::NotificationsPage;
pub use password::{change_password, ChangePassword, PasswordPage};
pub use search::{SearchBox, SearchPage};
pub use sessions::SessionsPage;
pub use two_factor::{
    confirm_two_factor, start_two_factor_again, two_factor, ConfirmTwoFactor, StartTwoFactorAgain,
    TwoFactor, TwoFactorPage, TwoFactorView,
};
