//! What is read: the minutes page with its versions and approval, the difference between
//! two versions, and the published minutes.

use super::*;
use domain::PublishedVersion;

pub(super) async fn versions(
    conn: &mut AnyConnection,
    meeting_id: i64,
) -> Result<Vec<MinutesVersion>> {
    let rows: Vec<(i64, String, Option<String>, i64, i64)> = sqlx::query_as(
        "SELECT v.number, COALESCE(u.display_name, v.author_label) AS author, v.reason, v.created_at,
                LENGTH(v.body) AS bytes
         FROM minutes_versions v LEFT JOIN users u ON u.id = v.author_id
         WHERE v.meeting_id = $1 ORDER BY v.number DESC",
    )
    .bind(meeting_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(number, author, reason, created_at, bytes)| MinutesVersion {
                number,
                author,
                at: london::show(created_at).long,
                reason,
                bytes: bytes.max(0) as usize,
            },
        )
        .collect())
}

pub(super) async fn approval(
    conn: &mut AnyConnection,
    meeting_id: i64,
) -> Result<Option<Approval>> {
    let row: Option<(i64, Option<i64>, String)> = sqlx::query_as(
        "SELECT mi.approved_at_meeting_id, mi.approved_at, COALESCE(u.display_name, '(command line)') AS by
         FROM minutes mi LEFT JOIN users u ON u.id = mi.approved_by
         WHERE mi.meeting_id = $1 AND mi.approved_at_meeting_id IS NOT NULL",
    )
    .bind(meeting_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((at_meeting, approved_at, by)) = row else {
        return Ok(None);
    };
    let approving = fetch_summary(conn, at_meeting).await?;
    Ok(Some(Approval {
        meeting_id: at_meeting,
        meeting: approving.starts.long,
        by,
        at: london::show(approved_at.unwrap_or(0)).long,
    }))
}

/// Later meetings of the same board, not cancelled and already started: where minutes can
/// be approved.
pub(super) async fn approval_meetings(
    conn: &mut AnyConnection,
    meeting_id: i64,
) -> Result<Vec<domain::MeetingSummary>> {
    let rows = sqlx::query(
        "SELECT m.id, m.board_id, b.code AS board_code, b.name AS board_name, m.starts_at,
                m.location, m.online_link, m.status, m.published, mi.status AS minutes_status
         FROM meetings m JOIN boards b ON b.id = m.board_id
         LEFT JOIN minutes mi ON mi.meeting_id = m.id
         JOIN meetings cur ON cur.id = $1
         WHERE m.board_id = cur.board_id AND m.starts_at > cur.starts_at
           AND m.starts_at <= $2 AND m.status <> 'cancelled'
         ORDER BY m.starts_at",
    )
    .bind(meeting_id)
    .bind(crate::now())
    .fetch_all(conn)
    .await?;
    rows.iter().map(summary).collect()
}

/// The minutes of a meeting for OPCC staff, with this person's unsaved text if any.
pub async fn get(db: &Db, actor: &Actor, meeting_id: i64) -> Result<MinutesView> {
    actor.require(domain::roles::OFFICE)?;
    let mut conn = db.pool().acquire().await?;
    let meeting = fetch_summary(&mut conn, meeting_id).await?;
    let current = state(&mut conn, meeting_id).await?;
    let (status, version) = current
        .map(|s| (s.status, s.version))
        .unwrap_or((MinutesStatus::Draft, 0));
    let body = if version > 0 {
        body_of(&mut conn, meeting_id, version).await?
    } else {
        String::new()
    };
    let shown =
        crate::register::minutes_actions::for_reading(&mut conn, meeting_id, &body, false).await?;
    let html = markdown::render_bounded(shown)
        .await
        .unwrap_or_else(|e| format!("<p>{e}</p>"));
    let unsaved = match actor.user_id {
        Some(user) => sqlx::query_scalar::<_, String>(
            "SELECT body FROM minutes_unsaved WHERE meeting_id = $1 AND user_id = $2",
        )
        .bind(meeting_id)
        .bind(user.0)
        .fetch_optional(&mut *conn)
        .await?
        .filter(|text| *text != body),
        None => None,
    };
    let unsaved_html = match &unsaved {
        Some(text) => Some(
            markdown::render_bounded(text.clone())
                .await
                .map_err(|e| e.to_string()),
        ),
        None => None,
    };
    Ok(MinutesView {
        meeting,
        status,
        version,
        body,
        html,
        versions: versions(&mut conn, meeting_id).await?,
        unsaved,
        unsaved_html,
        approved: approval(&mut conn, meeting_id).await?,
        approval_meetings: approval_meetings(&mut conn, meeting_id).await?,
        unpublished_actions: if status == MinutesStatus::Approved {
            unpublished_actions(&mut conn, meeting_id).await?
        } else {
            Vec::new()
        },
    })
}

/// The actions set at the meeting that the public cannot read yet (withdrawn ones aside).
async fn unpublished_actions(
    conn: &mut sqlx::AnyConnection,
    meeting_id: i64,
) -> Result<Vec<(i64, String, String)>> {
    Ok(sqlx::query_as(
        "SELECT id, reference, text FROM actions
         WHERE meeting_id = $1 AND published = 0 AND status <> 'withdrawn' ORDER BY id",
    )
    .bind(meeting_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// A line-by-line comparison of two versions (either order), for OPCC staff.
pub async fn diff(
    db: &Db,
    actor: &Actor,
    meeting_id: i64,
    from: i64,
    to: i64,
) -> Result<MinutesDiff> {
    actor.require(domain::roles::OFFICE)?;
    let mut conn = db.pool().acquire().await?;
    let meeting = fetch_summary(&mut conn, meeting_id).await?;
    let all = versions(&mut conn, meeting_id).await?;
    let mut errors = FieldErrors::new();
    for (field, number) in [("from", from), ("to", to)] {
        if !all.iter().any(|v| v.number == number) {
            errors.add(field, "Choose a version from the list");
        }
    }
    errors.into_result()?;
    let old = body_of(&mut conn, meeting_id, from).await?;
    let new = body_of(&mut conn, meeting_id, to).await?;
    let lines = line_diff(&old, &new);
    let added = lines.iter().filter(|l| l.kind == DiffKind::Added).count();
    let removed = lines.iter().filter(|l| l.kind == DiffKind::Removed).count();
    Ok(MinutesDiff {
        meeting,
        from,
        to,
        versions: all,
        lines,
        added,
        removed,
    })
}

/// Lines of `new` compared with `old`. Bounded in time: a pathological pair falls back to
/// a coarser (still correct) diff rather than holding the request.
pub fn line_diff(old: &str, new: &str) -> Vec<DiffLine> {
    use similar::{ChangeTag, TextDiff};
    let diff = TextDiff::configure()
        .timeout(std::time::Duration::from_secs(1))
        .diff_lines(old, new);
    diff.iter_all_changes()
        .map(|change| DiffLine {
            kind: match change.tag() {
                ChangeTag::Equal => DiffKind::Same,
                ChangeTag::Insert => DiffKind::Added,
                ChangeTag::Delete => DiffKind::Removed,
            },
            old_number: change.old_index().map(|i| i + 1),
            new_number: change.new_index().map(|i| i + 1),
            text: change.value().trim_end_matches(['\n', '\r']).to_owned(),
        })
        .collect()
}

/// Published minutes as the public reads one version of them.
pub(crate) struct PublishedMinutes {
    pub html: String,
    /// The meeting that approved them.
    pub approved: Option<String>,
    /// The version shown, counted from the first published (1).
    pub version: u32,
    pub versions: Vec<PublishedVersion>,
}

/// The published minutes of a meeting — version `version` of those published (the latest
/// if `None`: the first published, then each correction, with its reason) — rendered; `None`
/// when they are not published or there is no such version.
pub(crate) async fn published(
    conn: &mut AnyConnection,
    meeting_id: i64,
    version: Option<u32>,
) -> Result<Option<PublishedMinutes>> {
    let row: Option<(i64, Option<i64>, Option<i64>)> = sqlx::query_as(
        "SELECT version, first_published_version, published_at FROM minutes
         WHERE meeting_id = $1 AND status = 'published'",
    )
    .bind(meeting_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((latest, first, published_at)) = row else {
        return Ok(None);
    };
    let first = first.unwrap_or(latest);
    let rows: Vec<(i64, Option<String>, i64)> = sqlx::query_as(
        "SELECT number, reason, created_at FROM minutes_versions
         WHERE meeting_id = $1 AND number >= $2 ORDER BY number",
    )
    .bind(meeting_id)
    .bind(first)
    .fetch_all(&mut *conn)
    .await?;
    let mut versions = Vec::with_capacity(rows.len());
    for (number, reason, created_at) in rows {
        // The first was published when the minutes were; each correction when it was saved.
        let at = match published_at {
            Some(at) if number == first => at,
            _ => created_at,
        };
        versions.push(PublishedVersion {
            number: u32::try_from(number - first + 1).unwrap_or_default(),
            published: london::show(at).long,
            change: reason.unwrap_or_default(),
        });
    }
    let shown = match version {
        None => versions.last().map(|v| v.number).unwrap_or(1),
        Some(n) if versions.iter().any(|v| v.number == n) => n,
        Some(_) => return Ok(None),
    };
    let body = body_of(&mut *conn, meeting_id, first + i64::from(shown) - 1).await?;
    let text =
        crate::register::minutes_actions::for_reading(&mut *conn, meeting_id, &body, true).await?;
    let html = markdown::render_bounded(text)
        .await
        .map_err(|e| anyhow::anyhow!("published minutes do not render: {e}"))?;
    let approved = approval(conn, meeting_id).await?.map(|a| a.meeting);
    Ok(Some(PublishedMinutes {
        html,
        approved,
        version: shown,
        versions,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_marks_added_and_removed_lines_with_their_numbers() {
        let lines = line_diff("one\ntwo\nthree\n", "one\n2\nthree\nfour\n");
        let kinds: Vec<(DiffKind, &str)> =
            lines.iter().map(|l| (l.kind, l.text.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (DiffKind::Same, "one"),
                (DiffKind::Removed, "two"),
                (DiffKind::Added, "2"),
                (DiffKind::Same, "three"),
                (DiffKind::Added, "four"),
            ]
        );
        assert_eq!(lines[1].old_number, Some(2));
        assert_eq!(lines[4].new_number, Some(4));
    }
}
