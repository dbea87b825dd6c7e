//! The register: its filter made into SQL, its pages, sorts and counts.

use super::*;
use crate::db::codec::day_text;

pub(super) const AWAITING_OWNER: &str = "a.status IN ('open', 'further_information_requested')";

/// An action with an extension request awaiting a decision.
const EXTENSION_PENDING: &str = "EXISTS (SELECT 1 FROM extension_requests e \
     WHERE e.action_id = a.id AND e.status = 'pending')";

/// The filter with anything unknown dropped, and the conditions it stands for.
pub(crate) fn conditions(
    actor: &Actor,
    filter: &RegisterFilter,
    window: &Window,
    backend: Backend,
) -> (RegisterFilter, Conditions) {
    let mut applied = RegisterFilter {
        sort: RegisterSort::parse(&filter.sort)
            .unwrap_or(RegisterSort::Due)
            .as_str()
            .to_owned(),
        overdue: filter.overdue,
        mine: filter.mine,
        page: filter.page,
        ..RegisterFilter::default()
    };
    let mut c = Conditions::default();
    if filter.status == "live" {
        c.require("a.status NOT IN ('closed', 'withdrawn')");
        applied.status = filter.status.clone();
    } else if filter.status == OWED {
        c.require("a.status IN ('open', 'further_information_requested')");
        applied.status = filter.status.clone();
    } else if let Ok(status) = ActionStatus::parse(&filter.status) {
        c.add("a.status = ?", status.as_str());
        applied.status = filter.status.clone();
    } else {
        applied.status = "all".to_owned();
    }
    if filter.extension == "pending" {
        c.require(EXTENSION_PENDING);
        applied.extension = filter.extension.clone();
    }
    let terms = fulltext::Terms::parse(&filter.q);
    if !terms.is_empty() {
        c.add(
            &fulltext::matches(backend, fulltext::Kind::Action, "a.id", "?"),
            terms.query(backend),
        );
        applied.q = filter.q.trim().to_owned();
    }
    let audience = Audience::of(actor);
    if audience != Audience::Office {
        c.require(visibility::action::sql(audience, "a"));
    }
    if audience == Audience::Force {
        applied.owner = Owner::Force.as_str().to_owned();
    } else if filter.owner == NOT_FORCE {
        c.require("a.owner <> 'force'");
        applied.owner = filter.owner.clone();
    } else if let Ok(owner) = Owner::parse(&filter.owner) {
        c.add("a.owner = ?", owner.as_str());
        applied.owner = filter.owner.clone();
    }
    if let Ok(board) = filter.board.trim().parse::<i64>() {
        c.add("a.board_id = ?", board);
        applied.board = board.to_string();
    }
    if let Ok(topic) = filter.topic.trim().parse::<i64>() {
        c.add("a.topic_id = ?", topic);
        applied.topic = topic.to_string();
    }
    if let Ok(from) = due_dates::parse_day(&filter.due_from) {
        applied.due_from = day_text(from);
        c.add("a.due_on >= ?", applied.due_from.clone());
    }
    if let Ok(to) = due_dates::parse_day(&filter.due_to) {
        applied.due_to = day_text(to);
        c.add("a.due_on <= ?", applied.due_to.clone());
    }
    if let Ok(tag) = domain::equality::Tag::parse(&filter.tag) {
        c.add(
            "EXISTS (SELECT 1 FROM equality_tags t WHERE t.subject = 'action' AND t.subject_id = a.id AND t.tag = ?)",
            tag.key(),
        );
        applied.tag = tag.key();
    }
    if let Ok(meeting) = filter.meeting.trim().parse::<i64>() {
        c.add("a.meeting_id = ?", meeting);
        applied.meeting = meeting.to_string();
    }
    if filter.mine {
        // Someone without an account (the command line) owns nothing.
        c.add("a.owner_user_id = ?", actor.user_id.map_or(-1, |u| u.0));
    }
    if filter.overdue {
        c.require(AWAITING_OWNER);
        c.add("a.due_on < ?", window.today());
    }
    (applied, c)
}

/// The filter's dates that cannot be read, so that a mistyped one is reported rather than
/// silently ignored.
pub(super) fn check_filter(filter: &RegisterFilter) -> Option<FieldErrors> {
    let mut errors = FieldErrors::new();
    for (field, text) in [("due_from", &filter.due_from), ("due_to", &filter.due_to)] {
        if !text.trim().is_empty() {
            errors.check(field, due_dates::parse_day(text));
        }
    }
    (!errors.is_empty()).then_some(errors)
}

/// The register's status filter for actions whose owner owes a response (open, or further
/// information requested).
pub const OWED: &str = "owed";
/// The register's owner filter for actions the force does not own: the OPCC's and
/// partners', whose responses the secretariat records.
pub const NOT_FORCE: &str = "not_force";

/// One page of the register, filtered and sorted.
pub async fn register(
    db: &Db,
    actor: &Actor,
    filter: &RegisterFilter,
    window: &Window,
) -> Result<RegisterPage> {
    actor.require(&Role::ALL)?;
    let invalid = check_filter(filter);
    let (applied, conditions) = conditions(actor, filter, window, db.backend());
    let filter_sql = conditions.sql();
    let total: i64 = sqlx::query_scalar_with(
        &format!("SELECT COUNT(*) AS n FROM actions a{filter_sql}"),
        conditions.arguments()?,
    )
    .fetch_one(db.pool())
    .await?;
    let (page, pages) = page_within(total, PAGE_SIZE, applied.page);
    let order = order_by(&applied.sort);
    let sql = format!(
        "{SUMMARY}{filter_sql} ORDER BY {order} LIMIT {PAGE_SIZE} OFFSET {}",
        u64::from(page - 1) * u64::from(PAGE_SIZE)
    );
    let rows = sqlx::query_with(&sql, conditions.arguments()?)
        .fetch_all(db.pool())
        .await?;
    let mut actions = rows
        .iter()
        .map(|row| summary(row, window))
        .collect::<Result<Vec<_>>>()?;
    note_lateness(db, &mut actions, window).await?;
    let boards = sqlx::query_as("SELECT id, code FROM boards ORDER BY code")
        .fetch_all(db.pool())
        .await?;
    let topics = topics::list(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t.name))
        .collect();
    let counts = counts(db, actor, window).await?;
    let tags = crate::equality::tags::filter_options(db).await?;
    let meeting = match applied.meeting.parse::<i64>() {
        Ok(id) => meeting_named(db, actor, id).await?,
        Err(_) => None,
    };
    Ok(RegisterPage {
        may_publish_meeting: meeting.is_some() && actor.require(domain::roles::EDITORS).is_ok(),
        meeting,
        tags,
        actions,
        total,
        page,
        pages,
        invalid,
        boards,
        topics,
        counts,
        filter: RegisterFilter {
            page: Some(page),
            ..applied
        },
    })
}

/// How many actions the person may see are overdue, await assessment, or have an extension
/// request to decide: the register's count strip.
pub async fn counts(db: &Db, actor: &Actor, window: &Window) -> Result<RegisterCounts> {
    actor.require(&Role::ALL)?;
    let seen = visibility::action::sql(Audience::of(actor), "a");
    let (overdue, awaiting_assessment, extension_pending): (i64, i64, i64) = sqlx::query_as(&format!(
        "SELECT
            (SELECT COUNT(*) FROM actions a WHERE {seen} AND {AWAITING_OWNER} AND a.due_on < $1) AS overdue,
            (SELECT COUNT(*) FROM actions a WHERE {seen} AND a.status = 'response_submitted') AS assess,
            (SELECT COUNT(*) FROM actions a WHERE {seen} AND {EXTENSION_PENDING}) AS extension"
    ))
    .bind(window.today())
    .fetch_one(db.pool())
    .await?;
    Ok(RegisterCounts {
        overdue,
        awaiting_assessment,
        extension_pending,
    })
}

pub(super) fn order_by(sort: &str) -> &'static str {
    match RegisterSort::parse(sort).unwrap_or(RegisterSort::Due) {
        RegisterSort::Due => "a.due_on, a.id",
        RegisterSort::DueDesc => "a.due_on DESC, a.id DESC",
        RegisterSort::Reference => "b.code, a.year, a.number",
        RegisterSort::Priority => {
            "CASE a.priority WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END, a.due_on, a.id"
        }
        RegisterSort::Updated => "a.updated_at DESC, a.id DESC",
    }
}

/// The meeting a register is filtered to, named for the reader: "Strategic Policing and
/// Crime Board, Thursday 3 December 2026"; `None` if they may not see it.
async fn meeting_named(db: &Db, actor: &Actor, id: i64) -> Result<Option<(i64, String)>> {
    let row: Option<(String, i64)> = sqlx::query_as(&format!(
        "SELECT b.name, m.starts_at FROM meetings m JOIN boards b ON b.id = m.board_id
         WHERE m.id = $1 AND {}",
        visibility::meeting::sql(Audience::of(actor), "m")
    ))
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(|(name, starts_at)| {
        let at = london::show(starts_at);
        (id, format!("{name}, {}", london::long_date_of(&at.date)))
    }))
}
