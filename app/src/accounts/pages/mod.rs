//! The accounts pages: signing in (with a code), an invitation, a person's own password,
//! second factor, sessions and calendar feed, and the administrators' user pages; the
//! guard every page stands behind and the warning before a session ends.

mod calendar_feed;
mod code_page;
mod guard;
mod invitation;
mod password;
mod session_warning;
mod sessions;
mod sign_in_page;
mod two_factor;
mod users;

pub use calendar_feed::CalendarFeedPage;
pub use code_page::SignInCodePage;
pub use guard::Guarded;
pub use invitation::InvitationPage;
pub use password::PasswordPage;
pub use session_warning::SessionWarning;
pub use sessions::SessionsPage;
pub use sign_in_page::SignInPage;
pub use two_factor::TwoFactorPage;
pub use users::{EditUserPage, NewUserPage, UsersPage};
