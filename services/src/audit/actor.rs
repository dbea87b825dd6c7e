//! Who is acting, and whether they may: every service takes an `Actor` and asks it for the
//! roles it needs, and every audit event records who it was. (A signed-in person's actor
//! is made from their session in `accounts::sessions`.)

use domain::{Role, UserId};

use crate::{Error, Result};

/// Who is acting: a signed-in person, someone not signed in, or the command line (which is
/// run by whoever operates the server, and so may do anything).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: Option<UserId>,
    pub role: Option<Role>,
    pub label: String,
    pub address: Option<String>,
    operator: bool,
}

impl Actor {
    /// A signed-in person, labelled by their email.
    pub(crate) fn signed_in(
        user_id: UserId,
        role: Role,
        label: String,
        address: Option<String>,
    ) -> Actor {
        Actor {
            user_id: Some(user_id),
            role: Some(role),
            label,
            address,
            operator: false,
        }
    }

    pub fn anonymous(address: Option<String>) -> Actor {
        Actor {
            user_id: None,
            role: None,
            label: "(not signed in)".to_owned(),
            address,
            operator: false,
        }
    }

    /// The person behind an invitation link, acting before they have a session.
    pub(crate) fn invited(user: UserId, email: &str) -> Actor {
        Actor {
            user_id: Some(user),
            role: None,
            label: email.to_owned(),
            address: None,
            operator: false,
        }
    }

    pub fn command_line() -> Actor {
        Actor {
            user_id: None,
            role: None,
            label: "(command line)".to_owned(),
            address: None,
            operator: true,
        }
    }

    /// `Ok` when the actor holds one of `roles` (or is the operator); otherwise
    /// `Unauthenticated` for the public and `Forbidden` for the wrong role.
    pub fn require(&self, roles: &[Role]) -> Result<()> {
        if self.operator {
            return Ok(());
        }
        match self.role {
            None => Err(Error::Unauthenticated),
            Some(role) if roles.contains(&role) => Ok(()),
            Some(_) => Err(Error::Forbidden),
        }
    }

    /// The name records show for this actor: their display name, or the label (the
    /// command line, an address) when they have no account.
    pub(crate) async fn display_name(&self, conn: &mut sqlx::AnyConnection) -> Result<String> {
        let Some(user) = self.user_id else {
            return Ok(self.label.clone());
        };
        let name: Option<String> =
            sqlx::query_scalar("SELECT display_name FROM users WHERE id = $1")
                .bind(user.0)
                .fetch_optional(conn)
                .await?;
        Ok(name.unwrap_or_else(|| self.label.clone()))
    }
}
