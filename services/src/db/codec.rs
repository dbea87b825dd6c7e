//! The one reading and writing of values the Any driver cannot carry as themselves, so that
//! SQLite and PostgreSQL store them alike (see `db`): a flag is a 0/1 integer ([`Flag`]), a
//! day is `YYYY-MM-DD` text ([`Day`]), and a closed set is its key ([`Key`]).

use chrono::NaiveDate;
use sqlx::any::AnyTypeInfo;
use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::{Any, Database, Decode, Encode, Type};

/// A yes/no column: 0 or 1 (anything else in the database is an error, not a guess).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flag(pub bool);

impl Type<Any> for Flag {
    fn type_info() -> AnyTypeInfo {
        <i64 as Type<Any>>::type_info()
    }

    fn compatible(ty: &AnyTypeInfo) -> bool {
        <i64 as Type<Any>>::compatible(ty)
    }
}

impl<'q> Encode<'q, Any> for Flag {
    fn encode_by_ref(
        &self,
        buf: &mut <Any as Database>::ArgumentBuffer<'q>,
    ) -> std::result::Result<IsNull, BoxDynError> {
        <i64 as Encode<'q, Any>>::encode_by_ref(&i64::from(self.0), buf)
    }
}

impl<'r> Decode<'r, Any> for Flag {
    fn decode(value: <Any as Database>::ValueRef<'r>) -> std::result::Result<Self, BoxDynError> {
        match <i64 as Decode<'r, Any>>::decode(value)? {
            0 => Ok(Flag(false)),
            1 => Ok(Flag(true)),
            n => Err(format!("a flag column holds 0 or 1, not {n}").into()),
        }
    }
}

/// A calendar day (a due date, the day a question was asked): `YYYY-MM-DD` text, which
/// sorts and compares as the days do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day(pub NaiveDate);

impl Day {
    const FORMAT: &str = "%Y-%m-%d";

    pub fn text(self) -> String {
        self.0.format(Self::FORMAT).to_string()
    }

    /// A stored or typed `YYYY-MM-DD`.
    pub fn parse(text: &str) -> std::result::Result<NaiveDate, chrono::ParseError> {
        NaiveDate::parse_from_str(text, Self::FORMAT)
    }
}

/// `day` as it is stored: `YYYY-MM-DD`.
pub fn day_text(day: NaiveDate) -> String {
    Day(day).text()
}

impl Type<Any> for Day {
    fn type_info() -> AnyTypeInfo {
        <String as Type<Any>>::type_info()
    }

    fn compatible(ty: &AnyTypeInfo) -> bool {
        <String as Type<Any>>::compatible(ty)
    }
}

impl<'q> Encode<'q, Any> for Day {
    fn encode_by_ref(
        &self,
        buf: &mut <Any as Database>::ArgumentBuffer<'q>,
    ) -> std::result::Result<IsNull, BoxDynError> {
        <String as Encode<'q, Any>>::encode(self.text(), buf)
    }
}

impl<'r> Decode<'r, Any> for Day {
    fn decode(value: <Any as Database>::ValueRef<'r>) -> std::result::Result<Self, BoxDynError> {
        let text = <&str as Decode<'r, Any>>::decode(value)?;
        Day::parse(text)
            .map(Day)
            .map_err(|e| format!("stored day {text:?}: {e}").into())
    }
}

/// A closed set (a status, a role, an owner) in a row read into a struct (`FromRow`): its
/// stored key, parsed by the type's own `FromStr`. A key the code does not know fails the
/// read, as a bug, never a guess.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key<T>(pub T);

impl<T> Type<Any> for Key<T> {
    fn type_info() -> AnyTypeInfo {
        <String as Type<Any>>::type_info()
    }

    fn compatible(ty: &AnyTypeInfo) -> bool {
        <String as Type<Any>>::compatible(ty)
    }
}

impl<'r, T> Decode<'r, Any> for Key<T>
where
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    fn decode(value: <Any as Database>::ValueRef<'r>) -> std::result::Result<Self, BoxDynError> {
        let text = <&str as Decode<'r, Any>>::decode(value)?;
        text.parse()
            .map(Key)
            .map_err(|e: T::Err| format!("stored key {text:?}: {e}").into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::scratch::ScratchDb;
    use sqlx::Row;

    /// Written and read back through the pool, on SQLite (PostgreSQL runs the same code in
    /// the stories that use these columns).
    #[tokio::test]
    async fn flags_and_days_go_in_and_come_back_out() {
        let scratch = ScratchDb::sqlite().await;
        let day = Day(NaiveDate::from_ymd_opt(2027, 1, 31).unwrap());
        let row = sqlx::query("SELECT $1 AS flag, $2 AS day, 2 AS bad")
            .bind(Flag(true))
            .bind(day)
            .fetch_one(scratch.db.pool())
            .await
            .unwrap();
        assert_eq!(row.try_get::<Flag, _>("flag").unwrap(), Flag(true));
        assert_eq!(row.try_get::<Day, _>("day").unwrap(), day);
        assert_eq!(row.try_get::<String, _>("day").unwrap(), "2027-01-31");
        assert!(row.try_get::<Flag, _>("bad").is_err(), "2 is no flag");
        let status = row.try_get::<Key<domain::QuestionStatus>, _>("day");
        assert!(status.is_err(), "a day is no status");
        assert!(
            row.try_get::<Key<domain::Owner>, _>("day").is_err(),
            "nor an owner"
        );

        let row = sqlx::query("SELECT 'force' AS owner, NULL AS none")
            .fetch_one(scratch.db.pool())
            .await
            .unwrap();
        assert_eq!(
            row.try_get::<Key<domain::Owner>, _>("owner").unwrap(),
            Key(domain::Owner::Force)
        );
        assert_eq!(
            row.try_get::<Option<Key<domain::Owner>>, _>("none")
                .unwrap(),
            None
        );
    }
}
