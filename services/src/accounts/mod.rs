//! Accounts: who people are and how they prove it — users, sign-in and sessions,
//! passwords, invitations, and what a browser keeps between requests (form notes, work kept
//! across a sign-in).

pub mod auth;
pub mod flash;
pub mod invitations;
pub mod kept;
pub mod own_password;
mod passwords;
#[cfg(feature = "test-support")]
pub use passwords::hashed;
pub mod reauth;
pub mod sessions;
pub mod totp;
pub mod two_factor;
pub mod users;
