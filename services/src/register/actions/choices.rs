//! What the forms that record actions and questions offer to choose from.

use super::*;

/// What the action and question forms offer: boards, meetings (newest first), the agenda of
/// `meeting` if given, topics still in use, people who can own actions, and questions.
pub async fn choices(db: &Db, actor: &Actor, meeting: Option<i64>) -> Result<domain::Choices> {
    actor.require(domain::roles::OFFICE)?;
    let pairs = |rows: Vec<AnyRow>, label: fn(&AnyRow) -> Result<String>| {
        rows.iter()
            .map(|row| Ok((row.try_get::<i64, _>("id")?, label(row)?)))
            .collect::<Result<Vec<(i64, String)>>>()
    };
    let pool = db.pool();
    let boards = pairs(
        sqlx::query("SELECT id, code, name FROM boards ORDER BY name")
            .fetch_all(pool)
            .await?,
        |r| {
            Ok(format!(
                "{} ({})",
                r.try_get::<String, _>("name")?,
                r.try_get::<String, _>("code")?
            ))
        },
    )?;
    let meetings = pairs(
        sqlx::query(
            "SELECT m.id, b.code, m.starts_at FROM meetings m JOIN boards b ON b.id = m.board_id
             WHERE m.status <> 'cancelled' ORDER BY m.starts_at DESC LIMIT 500",
        )
        .fetch_all(pool)
        .await?,
        |r| {
            Ok(format!(
                "{}: {}",
                r.try_get::<String, _>("code")?,
                london::show(r.try_get("starts_at")?).long
            ))
        },
    )?;
    let agenda_items = match meeting {
        Some(meeting) => pairs(
            sqlx::query(
                "SELECT id, position, title FROM agenda_items WHERE meeting_id = $1 ORDER BY position",
            )
            .bind(meeting)
            .fetch_all(pool)
            .await?,
            |r| {
                Ok(format!(
                    "{}. {}",
                    r.try_get::<i64, _>("position")?,
                    r.try_get::<String, _>("title")?
                ))
            },
        )?,
        None => Vec::new(),
    };
    let topics = topics::list(db)
        .await?
        .into_iter()
        .filter(|t| !t.retired)
        .map(|t| (t.id, t.name))
        .collect();
    let people = pairs(
        sqlx::query(
            "SELECT id, display_name, role FROM users WHERE active = 1 AND role <> 'admin'
             ORDER BY display_name",
        )
        .fetch_all(pool)
        .await?,
        |r| {
            let role = Role::parse(&r.try_get::<String, _>("role")?).map_err(anyhow::Error::new)?;
            Ok(format!(
                "{} ({})",
                r.try_get::<String, _>("display_name")?,
                role.label()
            ))
        },
    )?;
    let questions = pairs(
        sqlx::query(
            "SELECT q.id, b.code, q.text FROM questions q JOIN boards b ON b.id = q.board_id
             ORDER BY q.id DESC LIMIT 200",
        )
        .fetch_all(pool)
        .await?,
        |r| {
            let text: String = r.try_get("text")?;
            let short: String = text.chars().take(80).collect();
            let ellipsis = if short.len() < text.len() { "…" } else { "" };
            Ok(format!(
                "{}: {short}{ellipsis}",
                r.try_get::<String, _>("code")?
            ))
        },
    )?;
    Ok(domain::Choices {
        boards,
        meetings,
        agenda_items,
        topics,
        people,
        questions,
    })
}
