//! Minutes: versions, the lifecycle to published, and corrections once locked.

use super::*;

pub(super) async fn minutes_go_from_draft_to_published_with_versions(db: &Db) {
    let secretariat = person(db, Role::Secretariat).await;
    let commissioner = person(db, Role::Commissioner).await;
    let id = board(db, &secretariat, "SPCB").await;
    let meeting = meeting::create(db, &secretariat, id, details(-20, "held"))
        .await
        .unwrap();

    let empty = MinutesBody::parse(" \r\n ").await.unwrap_err();
    assert_eq!(field(empty, "body"), "Enter the minutes");
    let huge = MinutesBody::parse(&"a".repeat(services::common::markdown::MAX_BYTES + 1))
        .await
        .unwrap_err();
    assert!(field(huge, "body").starts_with("The text must be 256 KB or less"));

    let body = MinutesBody::parse(&MINUTES_V1.replace('\n', "\r\n"))
        .await
        .unwrap();
    assert_eq!(
        body.as_str(),
        MINUTES_V1,
        "CRLF from a browser is stored as LF"
    );
    assert_eq!(
        minutes::save(db, &secretariat, meeting, 0, body.clone(), "")
            .await
            .unwrap(),
        1
    );
    let same = minutes::save(db, &secretariat, meeting, 1, body, "")
        .await
        .unwrap_err();
    assert!(field(same, "body").contains("same as version 1"));
    let v2 = MinutesBody::parse(&MINUTES_V1.replace("agreed", "agreed as a true record"))
        .await
        .unwrap();
    // Someone editing version 0 (an old tab) cannot overwrite version 1.
    let stale = minutes::save(db, &secretariat, meeting, 0, v2.clone(), "")
        .await
        .unwrap_err();
    assert!(field(stale, "body").contains("Someone else saved version 1"));
    assert_eq!(
        minutes::save(db, &secretariat, meeting, 1, v2, "")
            .await
            .unwrap(),
        2
    );

    let view = minutes::get(db, &commissioner, meeting).await.unwrap();
    assert_eq!((view.status, view.version), (MinutesStatus::Draft, 2));
    assert!(view.html.contains("<table>") && view.html.contains("<li>"));
    assert_eq!(view.versions.len(), 2);
    assert_eq!(view.versions[0].author, "Secretariat");

    let diff = minutes::diff(db, &commissioner, meeting, 1, 2)
        .await
        .unwrap();
    assert_eq!((diff.added, diff.removed), (1, 1));
    let changed: Vec<_> = diff
        .lines
        .iter()
        .filter(|l| l.kind != DiffKind::Same)
        .collect();
    assert_eq!(changed[0].text, "- Minutes of the last meeting agreed");
    assert_eq!(
        changed[1].text,
        "- Minutes of the last meeting agreed as a true record"
    );
    let bad = minutes::diff(db, &commissioner, meeting, 1, 9)
        .await
        .unwrap_err();
    assert_eq!(field(bad, "to"), "Choose a version from the list");

    // Lifecycle: not approvable before submission, nor without a later meeting.
    let early = minutes::publish(db, &secretariat, meeting)
        .await
        .unwrap_err();
    assert!(field(early, "minutes").contains("cannot be published until they are approved"));
    minutes::submit(db, &secretariat, meeting).await.unwrap();
    let no_later = minutes::approve(db, &commissioner, meeting, "")
        .await
        .unwrap_err();
    assert!(field(no_later, "approved_at").contains("there is none yet"));
    let later = meeting::create(db, &secretariat, id, details(-2, "held"))
        .await
        .unwrap();
    let future = meeting::create(db, &secretariat, id, details(20, "scheduled"))
        .await
        .unwrap();
    let view = minutes::get(db, &secretariat, meeting).await.unwrap();
    assert_eq!(
        view.approval_meetings
            .iter()
            .map(|m| m.id)
            .collect::<Vec<_>>(),
        [later],
        "only a later meeting that has started"
    );
    let wrong = minutes::approve(db, &commissioner, meeting, &future.to_string())
        .await
        .unwrap_err();
    assert!(field(wrong, "approved_at").starts_with("Choose the later meeting"));
    minutes::approve(db, &commissioner, meeting, &later.to_string())
        .await
        .unwrap();
    let liaison = person(db, Role::ForceLiaison).await;
    assert!(matches!(
        minutes::get(db, &liaison, meeting).await,
        Err(Error::Forbidden)
    ));
    assert!(matches!(
        minutes::publish(db, &commissioner, meeting).await,
        Err(Error::Forbidden)
    ));
    assert!(matches!(
        meeting::get_public(db, meeting, &services::register::actions::Window::now(14)).await,
        Err(Error::NotFound)
    ));
    minutes::publish(db, &secretariat, meeting).await.unwrap();

    let public = meeting::get_public(db, meeting, &services::register::actions::Window::now(14))
        .await
        .unwrap();
    let html = public.minutes_html.unwrap();
    assert!(html.contains("agreed as a true record"));
    assert!(public.minutes_approved_at.is_some());
    let view = minutes::get(db, &secretariat, meeting).await.unwrap();
    assert_eq!(view.status, MinutesStatus::Published);
    let approval = view.approved.unwrap();
    assert_eq!(
        (approval.meeting_id, approval.by.as_str()),
        (later, "Commissioner")
    );
    let unpublish = meeting::set_published(db, &secretariat, meeting, false)
        .await
        .unwrap_err();
    assert!(field(unpublish, "published").contains("stays public"));
    for action in [
        "minutes.saved",
        "minutes.submitted",
        "minutes.approved",
        "minutes.published",
        "meeting.published",
    ] {
        assert!(actions(db, action).await >= 1, "no {action}");
    }

    // Published minutes are fixed: a correction is a new published version with its
    // reason, and the version first published stays readable as it was.
    let window = services::register::actions::Window::now(14);
    assert_eq!(
        (public.minutes_version, public.minutes_versions.len()),
        (Some(1), 1)
    );
    let published_version = view.version;
    let corrected = MinutesBody::parse(
        "The minutes, corrected: agreed as a true record, with the attendance put right.",
    )
    .await
    .unwrap();
    minutes::save(
        db,
        &secretariat,
        meeting,
        published_version,
        corrected,
        "The attendance was wrong",
    )
    .await
    .unwrap();
    let latest = meeting::get_public(db, meeting, &window).await.unwrap();
    assert_eq!(latest.minutes_version, Some(2));
    assert!(latest
        .minutes_html
        .unwrap()
        .contains("attendance put right"));
    assert_eq!(
        latest.minutes_versions[1].change,
        "The attendance was wrong"
    );
    assert_eq!(latest.minutes_versions[0].change, "");
    let first = meeting::get_public_version(db, meeting, Some(1), &window)
        .await
        .unwrap();
    assert_eq!(first.minutes_html.as_deref(), Some(html.as_str()));
    for never in [0, 3] {
        assert!(matches!(
            meeting::get_public_version(db, meeting, Some(never), &window).await,
            Err(Error::NotFound)
        ));
    }

    // A cancelled meeting has no minutes.
    let cancelled = meeting::create(db, &secretariat, id, details(-1, "cancelled"))
        .await
        .unwrap();
    let body = MinutesBody::parse("Not held").await.unwrap();
    let refused = minutes::save(db, &secretariat, cancelled, 0, body, "")
        .await
        .unwrap_err();
    assert!(field(refused, "body").contains("cancelled"));
}

pub(super) async fn locked_minutes_change_only_by_a_stated_correction(db: &Db) {
    let secretariat = person(db, Role::Secretariat).await;
    let id = board(db, &secretariat, "AAB").await;
    let meeting = meeting::create(db, &secretariat, id, details(-30, "held"))
        .await
        .unwrap();
    let later = meeting::create(db, &secretariat, id, details(-1, "held"))
        .await
        .unwrap();
    let body = MinutesBody::parse(MINUTES_V1).await.unwrap();
    minutes::save(db, &secretariat, meeting, 0, body, "")
        .await
        .unwrap();
    minutes::submit(db, &secretariat, meeting).await.unwrap();
    let again = minutes::submit(db, &secretariat, meeting)
        .await
        .unwrap_err();
    assert!(field(again, "minutes").contains("cannot be submitted"));
    minutes::approve(db, &secretariat, meeting, &later.to_string())
        .await
        .unwrap();

    let fixed = MinutesBody::parse(&MINUTES_V1.replace("ACC", "ACC Jones"))
        .await
        .unwrap();
    let no_reason = minutes::save(db, &secretariat, meeting, 1, fixed.clone(), " ")
        .await
        .unwrap_err();
    assert!(field(no_reason, "reason").contains("give the reason"));
    assert_eq!(
        minutes::get(db, &secretariat, meeting)
            .await
            .unwrap()
            .version,
        1,
        "nothing saved"
    );
    minutes::save(
        db,
        &secretariat,
        meeting,
        1,
        fixed,
        "Name of the lead corrected",
    )
    .await
    .unwrap();
    let view = minutes::get(db, &secretariat, meeting).await.unwrap();
    assert_eq!(
        view.status,
        MinutesStatus::Approved,
        "a correction keeps the status"
    );
    assert_eq!(
        view.versions[0].reason.as_deref(),
        Some("Name of the lead corrected")
    );
    assert_eq!(actions(db, "minutes.corrected").await, 1);

    // Unsaved text is kept per person until saved or discarded.
    minutes::keep_unsaved(db, &secretariat, meeting, 2, "Draft in progress\r\n")
        .await
        .unwrap();
    let view = minutes::get(db, &secretariat, meeting).await.unwrap();
    assert_eq!(view.unsaved.as_deref(), Some("Draft in progress\n"));
    assert!(matches!(&view.unsaved_html, Some(Ok(html)) if html.contains("Draft in progress")));
    minutes::discard_unsaved(db, &secretariat, meeting)
        .await
        .unwrap();
    assert!(minutes::get(db, &secretariat, meeting)
        .await
        .unwrap()
        .unsaved
        .is_none());
}
