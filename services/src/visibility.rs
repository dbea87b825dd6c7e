//! Who may know that a record exists: one rule per kind of record, written once and used by
//! every read — the record asked for by id, every list, and every record a page links to.
//!
//! Each rule gives the SQL condition (for lists and for the joins that bring in linked
//! records) and the Rust check (for a record already read), side by side, so they cannot
//! drift apart. A record outside the rule is "not found": not shown, not linked, not named,
//! not counted.
//!
//! | record   | the office (admin, secretariat, commissioner) | force liaison          | the public |
//! |----------|------------------------------------------------|------------------------|------------|
//! | action   | all                                            | owned by the force     | published  |
//! | question | all                                            | put to the force (not a draft) | published (and not a draft) |
//! | meeting  | all                                            | published              | published  |
//!
//! An agenda item and a meeting's minutes go with their meeting.

use domain::{Owner, QuestionStatus, Role};

use crate::audit::Actor;

/// The named sets of roles (in `domain`, so that the pages use the same ones).
pub use domain::roles;

/// Whose eyes a read is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// OPCC staff and the command line.
    Office,
    /// Force liaison.
    Force,
    /// Someone not signed in, or any page of the published record.
    Public,
}

impl Audience {
    pub fn of(actor: &Actor) -> Audience {
        match actor.role {
            Some(Role::ForceLiaison) => Audience::Force,
            Some(_) => Audience::Office,
            None if actor.require(roles::OFFICE).is_ok() => Audience::Office,
            None => Audience::Public,
        }
    }
}

/// Actions: the office sees all, the force its own, the public the published.
pub mod action {
    use super::*;

    /// The condition on the actions table aliased `alias`.
    pub fn sql(audience: Audience, alias: &str) -> String {
        match audience {
            Audience::Office => "1 = 1".to_owned(),
            Audience::Force => format!("{alias}.owner = 'force'"),
            Audience::Public => format!("{alias}.published = 1"),
        }
    }

    pub fn check(audience: Audience, owner: Owner, published: bool) -> bool {
        match audience {
            Audience::Office => true,
            Audience::Force => owner == Owner::Force,
            Audience::Public => published,
        }
    }
}

/// Questions: the office sees all, the force those put to it, the public the published.
pub mod question {
    use super::*;

    pub fn sql(audience: Audience, alias: &str) -> String {
        match audience {
            Audience::Office => "1 = 1".to_owned(),
            Audience::Force => format!("{alias}.status <> 'draft'"),
            Audience::Public => format!("({alias}.published = 1 AND {alias}.status <> 'draft')"),
        }
    }

    pub fn check(audience: Audience, status: QuestionStatus, published: bool) -> bool {
        match audience {
            Audience::Office => true,
            Audience::Force => status != QuestionStatus::Draft,
            Audience::Public => published && status != QuestionStatus::Draft,
        }
    }
}

/// Meetings (with their agenda and minutes): the office sees all; the force and the public
/// the published ones, on the public pages.
pub mod meeting {
    use super::*;

    pub fn sql(audience: Audience, alias: &str) -> String {
        match audience {
            Audience::Office => "1 = 1".to_owned(),
            Audience::Force | Audience::Public => format!("{alias}.published = 1"),
        }
    }

    pub fn check(audience: Audience, published: bool) -> bool {
        match audience {
            Audience::Office => true,
            Audience::Force | Audience::Public => published,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The SQL condition and the Rust check agree for every audience and every state.
    #[cfg(feature = "test-support")]
    #[tokio::test]
    async fn each_rule_says_the_same_in_sql_and_in_rust() {
        let scratch = crate::db::scratch::ScratchDb::sqlite().await;
        let db = &scratch.db;
        for audience in [Audience::Office, Audience::Force, Audience::Public] {
            for owner in [Owner::Force, Owner::Opcc, Owner::Partner] {
                for published in [false, true] {
                    let sql = format!(
                        "SELECT CASE WHEN {} THEN 1 ELSE 0 END AS seen FROM (SELECT '{}' AS owner, {} AS published) a",
                        action::sql(audience, "a"),
                        owner.as_str(),
                        i64::from(published)
                    );
                    let seen: i64 = sqlx::query_scalar(&sql).fetch_one(db.pool()).await.unwrap();
                    assert_eq!(
                        seen == 1,
                        action::check(audience, owner, published),
                        "{sql}"
                    );
                }
            }
            for &status in QuestionStatus::ALL {
                for published in [false, true] {
                    let sql = format!(
                        "SELECT CASE WHEN {} THEN 1 ELSE 0 END AS seen FROM (SELECT '{}' AS status, {} AS published) q",
                        question::sql(audience, "q"),
                        status.as_str(),
                        i64::from(published)
                    );
                    let seen: i64 = sqlx::query_scalar(&sql).fetch_one(db.pool()).await.unwrap();
                    assert_eq!(
                        seen == 1,
                        question::check(audience, status, published),
                        "{sql}"
                    );
                }
            }
            for published in [false, true] {
                let sql = format!(
                    "SELECT CASE WHEN {} THEN 1 ELSE 0 END AS seen FROM (SELECT {} AS published) m",
                    meeting::sql(audience, "m"),
                    i64::from(published)
                );
                let seen: i64 = sqlx::query_scalar(&sql).fetch_one(db.pool()).await.unwrap();
                assert_eq!(seen == 1, meeting::check(audience, published), "{sql}");
            }
        }
    }
}
