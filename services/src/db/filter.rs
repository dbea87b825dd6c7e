//! The one builder of a query's WHERE clause from a filter: each condition is written with
//! `?` where its value goes, and the builder numbers the placeholders (`$1`, `$2`, …, the
//! form both databases take) in the order the conditions are added, and binds the values
//! in the same order. Values never go into the SQL text.

use sqlx::any::AnyArguments;
use sqlx::Arguments;

/// A value a condition compares with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Bind {
    Text(String),
    Int(i64),
}

impl From<String> for Bind {
    fn from(text: String) -> Bind {
        Bind::Text(text)
    }
}

impl From<&str> for Bind {
    fn from(text: &str) -> Bind {
        Bind::Text(text.to_owned())
    }
}

impl From<i64> for Bind {
    fn from(n: i64) -> Bind {
        Bind::Int(n)
    }
}

/// Conditions joined by AND, with their values.
#[derive(Debug, Default)]
pub(crate) struct Conditions {
    clauses: Vec<String>,
    binds: Vec<Bind>,
}

impl Conditions {
    /// A condition with one value: its `?` becomes the next `$n`.
    pub(crate) fn add(&mut self, clause: &str, value: impl Into<Bind>) {
        self.binds.push(value.into());
        self.clauses
            .push(clause.replacen('?', &format!("${}", self.binds.len()), 1));
    }

    /// A condition with no value of its own (a fixed rule, such as who may see what).
    pub(crate) fn require(&mut self, clause: impl Into<String>) {
        self.clauses.push(clause.into());
    }

    /// `" WHERE …"`, or nothing when there are no conditions.
    pub(crate) fn sql(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.clauses.join(" AND "))
        }
    }

    /// The values, in order, for a query written with [`Conditions::sql`]: give them to
    /// `sqlx::query_with`, `query_as_with` or `query_scalar_with`.
    pub(crate) fn arguments(&self) -> crate::Result<AnyArguments<'_>> {
        let mut arguments = AnyArguments::default();
        for value in &self.binds {
            match value {
                Bind::Text(text) => arguments.add(text.as_str()),
                Bind::Int(n) => arguments.add(*n),
            }
            .map_err(|e| anyhow::anyhow!("a filter's value: {e}"))?;
        }
        Ok(arguments)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_in_order_and_fixed_rules_take_none() {
        let mut c = Conditions::default();
        assert_eq!(c.sql(), "");
        c.add("a.owner = ?", "force");
        c.require("a.published = 1");
        c.add("a.board_id = ?", 7);
        assert_eq!(
            c.sql(),
            " WHERE a.owner = $1 AND a.published = 1 AND a.board_id = $2"
        );
        assert_eq!(c.binds, [Bind::Text("force".into()), Bind::Int(7)]);
    }
}
