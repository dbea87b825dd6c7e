//! Accounts: who is signed in, signing in and out, the guard every page stands behind,
//! and each person's own account — password, second factor, sessions, calendar feed —
//! with the administrators' pages for managing everyone's.

pub mod pages;
pub mod server;

pub use pages::*;
pub use server::*;

use domain::{Role, UserId};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;

/// The person the page being rendered is for, read from the request. Pages render only on
/// the server; in the browser (islands) there is no one to read, and this says so.
pub fn signed_in() -> Result<Option<Me>, AppError> {
    #[cfg(feature = "ssr")]
    {
        server::me()
    }
    #[cfg(not(feature = "ssr"))]
    {
        Ok(None)
    }
}

/// Where a sign-in form sends the person once signed in: the `next` of a refused post, or
/// of the page's own address.
pub(crate) fn next_page(
    error: crate::components::FormError,
    query: Memo<leptos_router::params::ParamsMap>,
) -> Signal<String> {
    Signal::derive(move || {
        error
            .try_with(|e| e.as_ref().and_then(|e| e.value("next")).map(str::to_owned))
            .flatten()
            .or_else(|| query.try_with(|q| q.get("next")).flatten())
            .unwrap_or_default()
    })
}

/// The signed-in person, as pages see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub id: UserId,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    /// How long the session lasts unused, in seconds: the page warns before it ends.
    pub session_idle_secs: i64,
    /// Their password was set by an admin and must be changed before anything else.
    pub must_change_password: bool,
}

/// Provided by the layout: the two actions that change who is signed in. Who is signed
/// in is read from the request (`signed_in`); both actions end in a whole page load.
#[derive(Clone, Copy)]
pub struct Auth {
    pub sign_in: ServerAction<SignIn>,
    pub sign_out: ServerAction<SignOut>,
}

impl Auth {
    pub fn provide() -> Auth {
        let sign_in = ServerAction::<SignIn>::new();
        let sign_out = ServerAction::<SignOut>::new();
        let auth = Auth { sign_in, sign_out };
        provide_context(auth);
        auth
    }
}

pub fn use_auth() -> Auth {
    expect_context::<Auth>()
}
