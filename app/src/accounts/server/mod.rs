//! Server functions of accounts: signing in and out, invitations, a person's own password,
//! second factor, sessions and calendar feed, and the administrators' user management.
//! Each takes the acting person from the request, calls one service (which checks the
//! role), and maps its error once.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;

#[cfg(feature = "ssr")]
use crate::context::{acting, refused};

mod calendar_feed;
mod invitation;
#[cfg(feature = "ssr")]
pub mod kept;
mod password;
mod sessions;
mod sign_in;
mod two_factor;
mod users;

pub use calendar_feed::*;
pub use invitation::*;
pub use password::*;
pub use sessions::*;
pub use sign_in::*;
pub use two_factor::*;
pub use users::*;
