//! Accounts: the people who use Scrutineer, their roles, and the values their forms hold
//! (an email address, a display name, a new password).

mod role;
mod user;

pub use role::{roles, Role, UnknownRole};
pub use user::{
    look_alike, mask_emails, DisplayName, Email, NewPassword, SessionView, UserId, UserView,
};
