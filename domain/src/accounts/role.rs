//! The four kinds of staff account. The public is not a role: it is the absence of a sign-in.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// OPCC systems owner: users, settings, imports, the audit trail.
    Admin,
    /// Board secretary and governance officers: meetings, agendas, minutes, recording actions.
    Secretariat,
    /// The PCC and OPCC policy staff: questions, assessing responses.
    Commissioner,
    /// Police force staff: respond to the actions the force owns.
    ForceLiaison,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Choose a role: admin, secretariat, commissioner or force liaison")]
pub struct UnknownRole;

impl Role {
    pub const ALL: [Role; 4] = [
        Role::Admin,
        Role::Secretariat,
        Role::Commissioner,
        Role::ForceLiaison,
    ];

    /// The stored and submitted form of the role.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Secretariat => "secretariat",
            Role::Commissioner => "commissioner",
            Role::ForceLiaison => "force_liaison",
        }
    }

    /// What people read.
    pub fn label(self) -> &'static str {
        match self {
            Role::Admin => "Admin",
            Role::Secretariat => "Secretariat",
            Role::Commissioner => "Commissioner",
            Role::ForceLiaison => "Force liaison",
        }
    }

    pub fn parse(text: &str) -> Result<Role, UnknownRole> {
        let normal = text.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == normal)
            .ok_or(UnknownRole)
    }

    /// Staff of the OPCC, as opposed to the police force.
    pub fn is_opcc(self) -> bool {
        !matches!(self, Role::ForceLiaison)
    }
}

/// Named sets of roles, the one place that says who is who.
pub mod roles {
    use super::Role;

    /// Everyone with an account.
    pub const EVERYONE: &[Role] = &Role::ALL;
    /// Staff of the Office: they see every record.
    pub const OFFICE: &[Role] = &[Role::Admin, Role::Secretariat, Role::Commissioner];
    /// Who keeps the records: boards, meetings, minutes, the details of actions.
    pub const EDITORS: &[Role] = &[Role::Admin, Role::Secretariat];
    /// Who judges the force's responses and decides extensions.
    pub const ASSESSORS: &[Role] = &[Role::Commissioner];
    /// Who manages accounts, settings and the audit trail.
    pub const ADMINS: &[Role] = &[Role::Admin];
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Role {
    type Err = UnknownRole;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_accepts_human_spellings() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Ok(role));
            assert_eq!(Role::parse(role.label()), Ok(role));
        }
        assert_eq!(Role::parse("Force-Liaison"), Ok(Role::ForceLiaison));
        assert_eq!(Role::parse("superuser"), Err(UnknownRole));
        assert_eq!(Role::parse(""), Err(UnknownRole));
    }
}
