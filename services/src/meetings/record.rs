//! Board meetings as records: when and where (London time, stored as UTC), whether
//! scheduled, held or cancelled, who attended, sent apologies or came as a guest, and
//! whether the public may see the meeting. The public sees a meeting only once it is
//! published. The agenda and the minutes build on these; the meeting's page (`meeting`)
//! brings them together.

use domain::{
    Attendance, AttendanceEntry, FieldErrors, Guest, MeetingList, MeetingStatus, MeetingSummary,
    MinutesStatus,
};
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, FromRow};

use crate::audit::{self, Actor, Change};
use crate::common::forms::text_field;
use crate::common::london;
use crate::db::codec::{Flag, Key};
use crate::db::filter::Conditions;
use crate::db::paging::{page_of, page_within};
use crate::meetings::boards;
use crate::visibility::{self, Audience};
use crate::{Db, Error, Result};

/// Past meetings per page of a board's list.
pub const PAGE_SIZE: u32 = 20;

/// The details of a meeting as typed into its form, parsed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeetingDetails {
    pub starts_at: i64,
    pub location: String,
    pub online_link: String,
    pub status: MeetingStatus,
}

impl MeetingDetails {
    /// `now` decides what is in the past: a meeting that has started cannot be
    /// "scheduled", and one that has not cannot be "held".
    pub fn parse(
        date: &str,
        time: &str,
        location: &str,
        online_link: &str,
        status: &str,
        now: i64,
    ) -> Result<MeetingDetails> {
        let mut errors = FieldErrors::new();
        let starts_at = london::parse(date, time, "date", "time", &mut errors);
        let location = text_field(&mut errors, "location", location, None, 300, "Place");
        let online_link = online_link.trim().to_owned();
        if !online_link.is_empty() {
            let lower = online_link.to_ascii_lowercase();
            if !(lower.starts_with("https://") || lower.starts_with("http://"))
                || online_link.len() > 500
                || online_link
                    .chars()
                    .any(|c| c.is_whitespace() || c.is_control())
            {
                errors.add(
                    "online_link",
                    "Enter the online link as a web address starting with https://",
                );
            }
        }
        if location.is_empty() && online_link.is_empty() {
            errors.add("location", "Enter the place, or an online link below");
        }
        let status = errors.check("status", MeetingStatus::parse(status));
        if let (Some(starts_at), Some(status)) = (starts_at, status) {
            if status == MeetingStatus::Scheduled && starts_at <= now {
                errors.add(
                    "status",
                    "A meeting in the past cannot be scheduled: choose held or cancelled, or correct the date",
                );
            }
            if status == MeetingStatus::Held && starts_at > now {
                errors.add(
                    "status",
                    "A meeting cannot be held before it starts: choose scheduled, or correct the date",
                );
            }
        }
        errors.into_result()?;
        match (starts_at, status) {
            (Some(starts_at), Some(status)) => Ok(MeetingDetails {
                starts_at,
                location,
                online_link,
                status,
            }),
            _ => Err(Error::invalid("date", "Enter the date and time")),
        }
    }
}

/// The field a meeting form shows, once its day needs confirming, for the person to keep
/// it (`yes` when ticked).
pub const CONFIRM_DAY_FIELD: &str = "confirm_day";

impl MeetingDetails {
    /// Refuses a day that falls on a weekend or bank holiday unless the person `confirmed`
    /// it: boards rarely meet then, and a mistyped date is the likelier cause.
    pub async fn check_day(&self, db: &Db, confirmed: bool) -> Result<()> {
        if confirmed {
            return Ok(());
        }
        let calendar = crate::common::working_days::calendar(db).await?;
        let starts = crate::common::london::show(self.starts_at);
        let day = crate::db::codec::Day::parse(&starts.date).map_err(anyhow::Error::new)?;
        if calendar.is_working_day(day) {
            return Ok(());
        }
        use chrono::Datelike;
        let why = if matches!(day.weekday(), chrono::Weekday::Sat | chrono::Weekday::Sun) {
            "falls on a weekend"
        } else {
            "is a bank holiday"
        };
        Err(Error::invalid(
            CONFIRM_DAY_FIELD,
            format!(
                "The meeting's date, {}, {why}. Change it, or tick the box to keep it.",
                crate::common::london::long_date(day)
            ),
        ))
    }
}

const SUMMARY: &str = "SELECT m.id, m.board_id, b.code AS board_code, b.name AS board_name,
        m.starts_at, m.location, m.online_link, m.status, m.published, mi.status AS minutes_status
    FROM meetings m JOIN boards b ON b.id = m.board_id
    LEFT JOIN minutes mi ON mi.meeting_id = m.id";

/// The columns of [`SUMMARY`], as stored.
#[derive(FromRow)]
struct SummaryRow {
    id: i64,
    board_id: i64,
    board_code: String,
    board_name: String,
    starts_at: i64,
    location: String,
    status: Key<MeetingStatus>,
    published: Flag,
    minutes_status: Option<Key<MinutesStatus>>,
}

impl From<SummaryRow> for MeetingSummary {
    fn from(row: SummaryRow) -> MeetingSummary {
        MeetingSummary {
            id: row.id,
            board_id: row.board_id,
            board_code: row.board_code,
            board_name: row.board_name,
            starts: london::show(row.starts_at),
            location: row.location,
            status: row.status.0,
            published: row.published.0,
            minutes: row.minutes_status.map(|status| status.0),
        }
    }
}

/// A meeting's summary from a row with the columns of [`SUMMARY`].
pub(crate) fn summary(row: &AnyRow) -> Result<MeetingSummary> {
    Ok(SummaryRow::from_row(row)?.into())
}

/// The meetings [`SUMMARY`] finds, with `binds` for its parameters (given as `$n`).
async fn summaries(
    conn: &mut AnyConnection,
    sql: &str,
    binds: &[i64],
) -> Result<Vec<MeetingSummary>> {
    let mut query = sqlx::query_as::<_, SummaryRow>(sql);
    for value in binds {
        query = query.bind(*value);
    }
    let rows = query.fetch_all(conn).await?;
    Ok(rows.into_iter().map(MeetingSummary::from).collect())
}

pub(crate) async fn fetch_summary(conn: &mut AnyConnection, id: i64) -> Result<MeetingSummary> {
    let row: SummaryRow = sqlx::query_as(&format!("{SUMMARY} WHERE m.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await?
        .ok_or(Error::NotFound)?;
    Ok(row.into())
}

pub(super) async fn fetch_details(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<(i64, MeetingDetails)> {
    let (board_id, starts_at, location, online_link, status): (
        i64,
        i64,
        String,
        String,
        Key<MeetingStatus>,
    ) = sqlx::query_as(
        "SELECT board_id, starts_at, location, online_link, status FROM meetings WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?
    .ok_or(Error::NotFound)?;
    Ok((
        board_id,
        MeetingDetails {
            starts_at,
            location,
            online_link,
            status: status.0,
        },
    ))
}

pub async fn create(db: &Db, actor: &Actor, board_id: i64, details: MeetingDetails) -> Result<i64> {
    actor.require(domain::roles::EDITORS)?;
    let mut tx = db.begin().await?;
    boards::fetch(&mut tx, board_id).await?;
    let now = crate::now();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO meetings (board_id, starts_at, location, online_link, status, published, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, 0, $6, $6) RETURNING id",
    )
    .bind(board_id)
    .bind(details.starts_at)
    .bind(&details.location)
    .bind(&details.online_link)
    .bind(details.status.as_str())
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        Change::new("meeting.created", "meeting", id).after(&details),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn update(db: &Db, actor: &Actor, id: i64, details: MeetingDetails) -> Result<()> {
    actor.require(domain::roles::EDITORS)?;
    let mut tx = db.begin().await?;
    let (_, before) = fetch_details(&mut tx, id).await?;
    sqlx::query(
        "UPDATE meetings SET starts_at = $1, location = $2, online_link = $3, status = $4, updated_at = $5
         WHERE id = $6",
    )
    .bind(details.starts_at)
    .bind(&details.location)
    .bind(&details.online_link)
    .bind(details.status.as_str())
    .bind(crate::now())
    .bind(id)
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        Change::new("meeting.updated", "meeting", id)
            .before(&before)
            .after(&details),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Makes the meeting (date, place, agenda) visible to the public, or hides it again.
/// Minutes are published separately, and only once approved.
pub async fn set_published(db: &Db, actor: &Actor, id: i64, published: bool) -> Result<()> {
    actor.require(domain::roles::EDITORS)?;
    let mut tx = db.begin().await?;
    let before = fetch_summary(&mut tx, id).await?;
    if !published && before.minutes == Some(MinutesStatus::Published) {
        return Err(Error::invalid(
            "published",
            "The minutes of this meeting are published, so the meeting stays public",
        ));
    }
    publish(&mut tx, actor, id, published).await?;
    tx.commit().await.map_err(Error::from)
}

pub(crate) async fn publish(
    conn: &mut AnyConnection,
    actor: &Actor,
    id: i64,
    published: bool,
) -> Result<()> {
    sqlx::query("UPDATE meetings SET published = $1, updated_at = $2 WHERE id = $3")
        .bind(Flag(published))
        .bind(crate::now())
        .bind(id)
        .execute(&mut *conn)
        .await?;
    let action = if published {
        "meeting.published"
    } else {
        "meeting.unpublished"
    };
    audit::record(conn, actor, Change::new(action, "meeting", id)).await
}

/// Attendance of each current board member, and guests typed one per line as
/// "Name, Organisation".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AttendanceRecord {
    pub members: Vec<(i64, Attendance)>,
    pub guests: Vec<(String, String)>,
}

impl AttendanceRecord {
    pub fn parse(members: &[(String, String)], guests: &str) -> Result<AttendanceRecord> {
        let mut errors = FieldErrors::new();
        let mut parsed = Vec::new();
        for (member, attendance) in members {
            let field = format!("member_{member}");
            match (member.parse::<i64>(), Attendance::parse(attendance)) {
                (Ok(id), Ok(a)) => parsed.push((id, a)),
                (_, Err(message)) => errors.add(&field, message),
                (Err(_), _) => errors.add(&field, "Unknown board member"),
            }
        }
        let mut guest_list = Vec::new();
        for line in guests.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let (name, organisation) = line
                .split_once(',')
                .map(|(n, o)| (n.trim(), o.trim()))
                .unwrap_or((line, ""));
            if name.is_empty() || name.chars().count() > 100 || organisation.chars().count() > 200 {
                errors.add(
                    "guests",
                    format!("Write each guest as \"Name, Organisation\" (names up to 100 characters): \"{line}\""),
                );
                break;
            }
            guest_list.push((name.to_owned(), organisation.to_owned()));
        }
        if guest_list.len() > 100 {
            errors.add("guests", "Enter 100 guests or fewer");
        }
        errors.into_result()?;
        Ok(AttendanceRecord {
            members: parsed,
            guests: guest_list,
        })
    }
}

pub async fn record_attendance(
    db: &Db,
    actor: &Actor,
    meeting_id: i64,
    record: AttendanceRecord,
) -> Result<()> {
    actor.require(domain::roles::EDITORS)?;
    let mut tx = db.begin().await?;
    let (board_id, _) = fetch_details(&mut tx, meeting_id).await?;
    let before = attendance(&mut tx, meeting_id, board_id).await?;
    let current = boards::members(&mut tx, board_id).await?;
    for (member_id, _) in &record.members {
        if !current.iter().any(|m| m.id == *member_id) {
            return Err(Error::invalid(
                &format!("member_{member_id}"),
                "This person is no longer a member of the board",
            ));
        }
    }
    sqlx::query("DELETE FROM meeting_attendance WHERE meeting_id = $1")
        .bind(meeting_id)
        .execute(&mut *tx)
        .await?;
    for (member_id, attendance) in &record.members {
        sqlx::query(
            "INSERT INTO meeting_attendance (meeting_id, member_id, attendance) VALUES ($1, $2, $3)",
        )
        .bind(meeting_id)
        .bind(member_id)
        .bind(attendance.as_str())
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query("DELETE FROM meeting_guests WHERE meeting_id = $1")
        .bind(meeting_id)
        .execute(&mut *tx)
        .await?;
    for (name, organisation) in &record.guests {
        sqlx::query(
            "INSERT INTO meeting_guests (meeting_id, name, organisation) VALUES ($1, $2, $3)",
        )
        .bind(meeting_id)
        .bind(name)
        .bind(organisation)
        .execute(&mut *tx)
        .await?;
    }
    audit::record(
        &mut tx,
        actor,
        Change::new("meeting.attendance_recorded", "meeting", meeting_id)
            .before(&before)
            .after(&record),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A board's meetings for OPCC staff: every upcoming one, and a page of past ones,
/// optionally of one London calendar year.
pub async fn list_for_board(
    db: &Db,
    actor: &Actor,
    board_id: i64,
    year: Option<i32>,
    page: Option<u32>,
) -> Result<MeetingList> {
    let board = boards::get(db, actor, board_id).await?;
    let now = crate::now();
    let mut conn = db.pool().acquire().await?;
    let (from, to) = match year {
        Some(y) => (london::start_of_year(y), london::start_of_year(y + 1)),
        None => (i64::MIN, i64::MAX),
    };
    let binds = [board_id, now, from, to];
    let upcoming = summaries(
        &mut conn,
        &format!(
            "{SUMMARY} WHERE m.board_id = $1 AND m.starts_at > $2 AND m.starts_at >= $3 AND m.starts_at < $4
             ORDER BY m.starts_at, m.id"
        ),
        &binds,
    )
    .await?;
    let count: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) AS n FROM meetings WHERE board_id = $1 AND starts_at <= $2 AND starts_at >= $3 AND starts_at < $4",
    )
    .bind(board_id)
    .bind(now)
    .bind(from)
    .bind(to)
    .fetch_one(&mut *conn)
    .await?;
    let (page, pages) = page_within(count, PAGE_SIZE, page);
    let past = summaries(
        &mut conn,
        &format!(
            "{SUMMARY} WHERE m.board_id = $1 AND m.starts_at <= $2 AND m.starts_at >= $3 AND m.starts_at < $4
             ORDER BY m.starts_at DESC, m.id DESC LIMIT {PAGE_SIZE} OFFSET {}",
            (page - 1) * PAGE_SIZE
        ),
        &binds,
    )
    .await?;
    let starts: Vec<i64> = sqlx::query_scalar("SELECT starts_at FROM meetings WHERE board_id = $1")
        .bind(board_id)
        .fetch_all(&mut *conn)
        .await?;
    let mut years: Vec<i32> = starts.into_iter().map(london::year).collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    Ok(MeetingList {
        board,
        upcoming,
        past,
        year,
        years,
        page,
        pages,
    })
}

/// A meeting summary as the public may read it: whether the minutes are published, and
/// nothing of where unpublished minutes stand in the office's work.
pub(super) fn for_public(meeting: MeetingSummary) -> MeetingSummary {
    MeetingSummary {
        minutes: meeting
            .minutes
            .filter(|status| *status == domain::MinutesStatus::Published),
        ..meeting
    }
}

/// Published meetings, latest first, a page at a time: what the public can browse.
pub async fn list_public(db: &Db, page: Option<u32>) -> Result<domain::Page<MeetingSummary>> {
    let mut c = Conditions::default();
    c.require(visibility::meeting::sql(Audience::Public, "m"));
    let filter = c.sql();
    let mut list = page_of(
        db,
        &format!("SELECT COUNT(*) AS n FROM meetings m{filter}"),
        &format!("{SUMMARY}{filter} ORDER BY m.starts_at DESC, m.id DESC"),
        &c,
        PAGE_SIZE,
        page,
        summary,
    )
    .await?;
    list.items = list.items.into_iter().map(for_public).collect();
    Ok(list)
}

/// A board's published meetings, for its public calendar feed, by board code.
pub async fn published_for_board(
    db: &Db,
    code: &str,
) -> Result<(boards::Board, Vec<MeetingSummary>)> {
    let board: boards::Board =
        sqlx::query_as("SELECT id, code, name, description FROM boards WHERE code = $1")
            .bind(code.trim().to_uppercase())
            .fetch_optional(db.pool())
            .await?
            .ok_or(Error::NotFound)?;
    let mut conn = db.pool().acquire().await?;
    let meetings = summaries(
        &mut conn,
        &format!(
            "{SUMMARY} WHERE m.board_id = $1 AND {} ORDER BY m.starts_at, m.id",
            visibility::meeting::sql(Audience::Public, "m")
        ),
        &[board.id],
    )
    .await?
    .into_iter()
    .map(for_public)
    .collect();
    Ok((board, meetings))
}

#[derive(FromRow)]
struct AttendanceRow {
    id: i64,
    name: String,
    organisation: String,
    position: String,
    attendance: Key<Attendance>,
}

/// Every current member with what was recorded for them (not recorded by default), and
/// members since removed who were recorded.
pub(super) async fn attendance(
    conn: &mut AnyConnection,
    meeting_id: i64,
    board_id: i64,
) -> Result<(Vec<AttendanceEntry>, Vec<Guest>)> {
    let rows: Vec<AttendanceRow> = sqlx::query_as(
        "SELECT bm.id, COALESCE(u.display_name, bm.name) AS name, bm.organisation, bm.position,
                COALESCE(a.attendance, 'not_recorded') AS attendance
         FROM board_members bm
         LEFT JOIN users u ON u.id = bm.user_id
         LEFT JOIN meeting_attendance a ON a.member_id = bm.id AND a.meeting_id = $1
         WHERE bm.board_id = $2 AND (bm.removed = 0 OR a.meeting_id IS NOT NULL)
         ORDER BY bm.id",
    )
    .bind(meeting_id)
    .bind(board_id)
    .fetch_all(&mut *conn)
    .await?;
    let entries = rows
        .into_iter()
        .map(|row| AttendanceEntry {
            member_id: row.id,
            name: row.name,
            organisation: row.organisation,
            position: row.position,
            attendance: row.attendance.0,
        })
        .collect();
    let guests: Vec<(String, String)> = sqlx::query_as(
        "SELECT name, organisation FROM meeting_guests WHERE meeting_id = $1 ORDER BY id",
    )
    .bind(meeting_id)
    .fetch_all(&mut *conn)
    .await?;
    let guests = guests
        .into_iter()
        .map(|(name, organisation)| Guest { name, organisation })
        .collect();
    Ok((entries, guests))
}
