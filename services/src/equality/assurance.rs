//! The Commissioner's assurance, recorded when a response or an answer is assessed, and the
//! follow-up action a "not assured" closure can spawn.

use chrono::NaiveDate;
use domain::equality::Assurance;
use domain::FieldErrors;

use crate::common::forms::text_field;
use crate::Result;

/// The longest reason, in characters.
const MAX_REASON: usize = 5_000;

/// An assurance level with the reason for it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Assured {
    pub level: Assurance,
    pub reason: String,
}

impl Assured {
    /// The assessment form's `assurance` and `assurance_reason`: nothing chosen is "not
    /// recorded"; a level needs its reason.
    pub fn parse(level: &str, reason: &str) -> Result<Option<Assured>> {
        let mut errors = FieldErrors::new();
        if level.trim().is_empty() {
            if !reason.trim().is_empty() {
                errors.add(
                    "assurance",
                    "Choose how assured the Commissioner is, or leave the reason empty",
                );
            }
            errors.into_result()?;
            return Ok(None);
        }
        let level = errors.check("assurance", Assurance::parse(level));
        let required = match level {
            Some(level) => format!(
                "Say why the Commissioner is {}",
                level.label().to_lowercase()
            ),
            None => "Say why".to_owned(),
        };
        let reason = text_field(
            &mut errors,
            "assurance_reason",
            reason,
            Some(&required),
            MAX_REASON,
            "The reason",
        );
        errors.into_result()?;
        Ok(level.map(|level| Assured { level, reason }))
    }
}

/// A follow-up action to record with a "not assured" closure: the same board, topic and
/// owner as the action it follows, with its own text and due date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUp {
    pub text: String,
    pub due_on: NaiveDate,
}

/// Writes the assurance on the record, with its audit event, in the assessment's
/// transaction.
pub(crate) async fn record(
    conn: &mut sqlx::AnyConnection,
    actor: &crate::audit::Actor,
    subject: crate::register::Subject,
    id: i64,
    assured: &Assured,
) -> Result<()> {
    sqlx::query(&format!(
        "UPDATE {} SET assurance = $1, assurance_reason = $2, assured_at = $3 WHERE id = $4",
        subject.table()
    ))
    .bind(assured.level.as_str())
    .bind(&assured.reason)
    .bind(crate::now())
    .bind(id)
    .execute(&mut *conn)
    .await?;
    crate::audit::record(
        conn,
        actor,
        crate::audit::Change::new("equality.assurance_recorded", subject.as_str(), id)
            .after(assured),
    )
    .await
}

impl FollowUp {
    /// The assessment form's `follow_up` (what must be done) and `follow_up_due`: empty
    /// text means no follow-up.
    pub fn parse(
        text: &str,
        due: &str,
        today: NaiveDate,
        calendar: &crate::common::working_days::Calendar,
    ) -> Result<Option<FollowUp>> {
        if text.trim().is_empty() {
            return Ok(None);
        }
        let mut errors = FieldErrors::new();
        let text = text_field(
            &mut errors,
            "follow_up",
            text,
            None,
            2_000,
            "The follow-up action",
        );
        let due_on = errors.check(
            "follow_up_due",
            crate::register::due_dates::parse(due, today, calendar),
        );
        errors.into_result()?;
        Ok(due_on.map(|due_on| FollowUp { text, due_on }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_level_needs_a_reason_and_a_reason_a_level() {
        assert_eq!(Assured::parse("", "").unwrap(), None);
        let partly = Assured::parse("partly_assured", " Data shared, no plan yet ").unwrap();
        assert_eq!(
            partly,
            Some(Assured {
                level: Assurance::PartlyAssured,
                reason: "Data shared, no plan yet".into()
            })
        );
        let Err(crate::Error::Invalid(e)) = Assured::parse("not_assured", " ") else {
            panic!("a level without a reason was taken")
        };
        assert_eq!(
            e.get("assurance_reason"),
            Some("Say why the Commissioner is not assured")
        );
        let Err(crate::Error::Invalid(e)) = Assured::parse("", "because") else {
            panic!("a reason without a level was taken")
        };
        assert!(e.get("assurance").is_some());
        assert!(Assured::parse("very", "x").is_err());
    }
}
