//! The ACTION lines written into minutes, confirmed and created once.

use super::*;

pub(super) async fn actions_in_the_minutes_are_confirmed_and_created_once(db: &Db) {
    use services::{
        meetings::agenda, meetings::meeting, meetings::minutes, register::minutes_actions,
    };
    let s = setup(db).await;
    let details =
        meeting::MeetingDetails::parse("2026-11-02", "10:00", "HQ", "", "held", services::now())
            .unwrap();
    let meeting = meeting::create(db, &s.secretariat, s.board, details)
        .await
        .unwrap();
    let item = agenda::add(
        db,
        &s.secretariat,
        meeting,
        agenda::ItemDetails::parse("Stop and search", "Chief Constable", "assurance", "").unwrap(),
    )
    .await
    .unwrap();
    let text = "## 1. Stop and search\n\n\
                ACTION: Force to share the analysis of the disparity by 2026-12-31\n\
                - **ACTION:** OPCC (Policy Lead) to write to the IOPC by 10 working days\n\
                ACTION: Someone to do something by 2026-12-31\n";
    let body = minutes::MinutesBody::parse(text).await.unwrap();
    let version = minutes::save(db, &s.secretariat, meeting, 0, body, "")
        .await
        .unwrap();
    let review = minutes_actions::review(db, &s.secretariat, meeting)
        .await
        .unwrap();
    assert!(review.needs_review());
    assert_eq!(review.version, version);
    assert_eq!(review.proposed.len(), 2);
    assert_eq!(
        review.proposed[0].agenda_item,
        Some((item, "Stop and search".to_owned()))
    );
    // Ten working days from Monday 2 November 2026.
    assert_eq!(review.proposed[1].due_on, "2026-11-16");
    assert_eq!(review.unreadable.len(), 1);
    assert_eq!(review.unreadable[0].line_no, 5);
    let e = minutes_actions::review(db, &s.liaison, meeting)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Forbidden));
    // A topic must be chosen for each.
    let chosen = |topic: &str| {
        review
            .proposed
            .iter()
            .map(|p| minutes_actions::Chosen {
                line_no: p.line_no,
                topic: topic.to_owned(),
                ..Default::default()
            })
            .collect::<Vec<_>>()
    };
    let e = minutes_actions::create(db, &s.secretariat, meeting, version, &chosen(""))
        .await
        .unwrap_err();
    assert!(field(e, "topic_3").contains("Choose a topic"));
    let references = minutes_actions::create(
        db,
        &s.secretariat,
        meeting,
        version,
        &chosen(&s.topic.to_string()),
    )
    .await
    .unwrap();
    let year = services::common::london::year(services::now());
    assert_eq!(
        references,
        [format!("SPCB/{year}/001"), format!("SPCB/{year}/002")]
    );
    let review = minutes_actions::review(db, &s.secretariat, meeting)
        .await
        .unwrap();
    assert!(review.proposed.iter().all(|p| p.created.is_some()));
    let e = minutes_actions::create(
        db,
        &s.secretariat,
        meeting,
        version,
        &chosen(&s.topic.to_string()),
    )
    .await
    .unwrap_err();
    assert!(field(e, "actions").contains("already created"));
    let first = review.proposed[0].created.clone().unwrap().0;
    let view = actions::get(db, &s.commissioner, first, &window())
        .await
        .unwrap();
    assert_eq!(view.meeting.map(|(id, _)| id), Some(meeting));
    assert_eq!(view.agenda_item.map(|(id, _)| id), Some(item));
    assert_eq!(view.minutes_version, Some(version));
    assert_eq!(view.timeline[0].what, "Recorded from the minutes");
    // The meeting is not published: force liaison, who may see the action, is not told of
    // the meeting, its agenda item or its minutes.
    let view = actions::get(db, &s.liaison, first, &window())
        .await
        .unwrap();
    assert_eq!(
        (view.meeting, view.agenda_item, view.minutes_version),
        (None, None, None)
    );
    // The OPCC's action is not the force's to see.
    let second = review.proposed[1].created.clone().unwrap().0;
    assert!(matches!(
        actions::get(db, &s.liaison, second, &window())
            .await
            .unwrap_err(),
        Error::NotFound
    ));
    // A newer version must be reviewed again before anything is created from it.
    let body = minutes::MinutesBody::parse(&format!(
        "{text}ACTION: Force to brief the panel by 2026-12-01\n"
    ))
    .await
    .unwrap();
    minutes::save(db, &s.secretariat, meeting, version, body, "")
        .await
        .unwrap();
    let e = minutes_actions::create(
        db,
        &s.secretariat,
        meeting,
        version,
        &[minutes_actions::Chosen {
            line_no: 7,
            topic: s.topic.to_string(),
            ..Default::default()
        }],
    )
    .await
    .unwrap_err();
    assert!(field(e, "actions").contains("saved again"));
    let review = minutes_actions::review(db, &s.secretariat, meeting)
        .await
        .unwrap();
    assert_eq!(
        review
            .proposed
            .iter()
            .filter(|p| p.created.is_none())
            .count(),
        1
    );
    assert_eq!(audited(db, "action.created").await, 2);
    corrections_on_the_review_page_are_recorded(db, &s, meeting).await;
}

/// A line corrected on the review page keeps the minutes as written; the action records
/// what was corrected. An unreadable line can be completed there too.
async fn corrections_on_the_review_page_are_recorded(db: &Db, s: &Setup, meeting: i64) {
    use services::register::minutes_actions::{self, Chosen};
    let review = minutes_actions::review(db, &s.secretariat, meeting)
        .await
        .unwrap();
    let line = review
        .proposed
        .iter()
        .find(|p| p.created.is_none())
        .unwrap()
        .line_no;
    let unreadable = review.unreadable[0].line_no;
    assert_eq!(review.unreadable[0].text, "do something by 2026-12-31");
    let topic = s.topic.to_string();
    // The unreadable line needs an owner; a corrected date on a weekend is asked about.
    let e = minutes_actions::create(
        db,
        &s.secretariat,
        meeting,
        review.version,
        &[
            Chosen {
                line_no: line,
                topic: topic.clone(),
                due: Some("2027-01-09".into()),
                ..Default::default()
            },
            Chosen {
                line_no: unreadable,
                topic: topic.clone(),
                ..Default::default()
            },
        ],
    )
    .await
    .unwrap_err();
    let Error::Invalid(fields) = e else {
        panic!("refused for a reason other than the form: {e:?}")
    };
    assert!(fields
        .get(&format!("due_{line}"))
        .unwrap()
        .contains("falls on a weekend"));
    assert!(fields
        .get(&format!("owner_{unreadable}"))
        .unwrap()
        .contains("Choose who owns"));
    let references = minutes_actions::create(
        db,
        &s.secretariat,
        meeting,
        review.version,
        &[
            Chosen {
                line_no: line,
                topic: topic.clone(),
                due: Some("8 January 2027".into()),
                owner_name: Some("Chief Superintendent, Local Policing".into()),
                ..Default::default()
            },
            Chosen {
                line_no: unreadable,
                topic,
                owner: Some("partner".into()),
                owner_name: Some("City Council".into()),
                text: Some("Do something".into()),
                due: Some("the end of January".into()),
                ..Default::default()
            },
        ],
    )
    .await
    .unwrap();
    assert_eq!(references.len(), 2);
    let review = minutes_actions::review(db, &s.secretariat, meeting)
        .await
        .unwrap();
    assert!(!review.needs_review(), "{review:?}");
    let corrected = review.proposed.iter().find(|p| p.line_no == line).unwrap();
    let (id, _) = corrected.created.clone().unwrap();
    let view = actions::get(db, &s.commissioner, id, &window())
        .await
        .unwrap();
    assert_eq!(view.summary.due_on, "2027-01-08");
    assert_eq!(
        view.summary.owner_name,
        "Chief Superintendent, Local Policing"
    );
    let note = &view.timeline[0].body_html;
    assert!(note.contains("due date Friday 8 January 2027"), "{note}");
    assert!(note.contains("by 2026-12-01"), "{note}");
    assert!(note.contains("owner's name"), "{note}");
    let (id, _) = review.unreadable[0].created.clone().unwrap();
    let view = actions::get(db, &s.commissioner, id, &window())
        .await
        .unwrap();
    assert_eq!(view.summary.owner, domain::Owner::Partner);
    // The meeting was on 2 November 2026: the end of January is Friday 29 January 2027.
    assert_eq!(view.summary.due_on, "2027-01-29");
}

/// Publishing approved minutes offers the actions set at the meeting: those chosen go public
/// with them, in one step; the others stay private; an action of another meeting is refused.
pub(super) async fn minutes_are_published_with_the_actions_chosen(db: &Db) {
    use services::{meetings::meeting, meetings::minutes, register::minutes_actions};
    let s = setup(db).await;
    let held = |day: &str| {
        meeting::MeetingDetails::parse(day, "10:00", "HQ", "", "held", services::now()).unwrap()
    };
    let meeting = meeting::create(db, &s.secretariat, s.board, held("2026-11-02"))
        .await
        .unwrap();
    let later = meeting::create(db, &s.secretariat, s.board, held("2026-11-30"))
        .await
        .unwrap();
    let text = "ACTION: Force to share the analysis by 2030-12-31\n\
                ACTION: OPCC to write to the IOPC by 2030-12-31\n";
    let body = minutes::MinutesBody::parse(text).await.unwrap();
    let version = minutes::save(db, &s.secretariat, meeting, 0, body, "")
        .await
        .unwrap();
    let chosen: Vec<_> = [1, 2]
        .map(|line_no| minutes_actions::Chosen {
            line_no,
            topic: s.topic.to_string(),
            ..Default::default()
        })
        .to_vec();
    minutes_actions::create(db, &s.secretariat, meeting, version, &chosen)
        .await
        .unwrap();
    minutes::submit(db, &s.secretariat, meeting).await.unwrap();
    let draft = minutes::get(db, &s.secretariat, meeting).await.unwrap();
    assert!(
        draft.unpublished_actions.is_empty(),
        "offered once approved"
    );
    minutes::approve(db, &s.commissioner, meeting, &later.to_string())
        .await
        .unwrap();
    let approved = minutes::get(db, &s.secretariat, meeting).await.unwrap();
    let offered: Vec<i64> = approved
        .unpublished_actions
        .iter()
        .map(|(id, _, _)| *id)
        .collect();
    assert_eq!(offered.len(), 2);
    // An action from elsewhere is not this meeting's to publish; nothing changes.
    let other = record(db, &s, "force", "2030-12-31", "Elsewhere").await;
    let e = minutes::publish_with(db, &s.secretariat, meeting, &[offered[0], other])
        .await
        .unwrap_err();
    assert!(field(e, "actions").contains("this meeting"));
    let still = minutes::get(db, &s.secretariat, meeting).await.unwrap();
    assert_eq!(still.unpublished_actions.len(), 2);
    minutes::publish_with(db, &s.secretariat, meeting, &offered[..1])
        .await
        .unwrap();
    let w = window();
    let first = actions::get_public(db, offered[0], &w).await.unwrap();
    assert!(first.summary.published);
    // The public reads that the board set it at the meeting, on the meeting's day.
    let set = &first.timeline[0];
    assert_eq!(set.what, "Set at the board's meeting");
    assert!(set.who.starts_with("The "), "{}", set.who);
    assert_eq!(Some(&set.at), first.meeting.as_ref().map(|(_, at)| at));
    assert!(matches!(
        actions::get_public(db, offered[1], &w).await.unwrap_err(),
        Error::NotFound
    ));
    let view = actions::get(db, &s.secretariat, offered[0], &w)
        .await
        .unwrap();
    assert_eq!(view.timeline.last().unwrap().what, "Published");
}

/// The register filtered to a meeting's actions names the meeting; the secretariat
/// publishes them all in one step, and takes them all off again; no one else may.
pub(super) async fn a_meetings_actions_are_published_together_from_the_register(db: &Db) {
    let s = setup(db).await;
    let w = window();
    let details = services::meetings::meeting::MeetingDetails::parse(
        &date(-3),
        "10:00",
        "HQ",
        "",
        "held",
        services::now(),
    )
    .unwrap();
    let meeting = services::meetings::meeting::create(db, &s.secretariat, s.board, details)
        .await
        .unwrap();
    let mut ids = Vec::new();
    for text in ["Publish the audit", "Brief the panel"] {
        let mut new = new_action(db, &s, "force", &date(20), text).await;
        new.meeting_id = Some(meeting);
        ids.push(actions::create(db, &s.secretariat, new).await.unwrap().0);
    }
    record(db, &s, "force", &date(20), "Elsewhere").await;
    let filter = RegisterFilter {
        status: "all".into(),
        meeting: meeting.to_string(),
        ..Default::default()
    };
    let page = actions::register(db, &s.secretariat, &filter, &w)
        .await
        .unwrap();
    assert_eq!(page.total, 2);
    let (id, name) = page.meeting.clone().unwrap();
    assert_eq!(id, meeting);
    assert!(name.contains(", "), "{name}");
    assert!(page.may_publish_meeting);
    let theirs = actions::register(db, &s.commissioner, &filter, &w)
        .await
        .unwrap();
    assert!(!theirs.may_publish_meeting);
    assert!(matches!(
        actions::set_published_for_meeting(db, &s.commissioner, meeting, true).await,
        Err(Error::Forbidden)
    ));
    assert_eq!(
        actions::set_published_for_meeting(db, &s.secretariat, meeting, true)
            .await
            .unwrap(),
        2
    );
    for id in &ids {
        assert!(actions::get_public(db, *id, &w).await.is_ok());
    }
    // Again: nothing left to publish.
    assert_eq!(
        actions::set_published_for_meeting(db, &s.secretariat, meeting, true)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        actions::set_published_for_meeting(db, &s.secretariat, meeting, false)
            .await
            .unwrap(),
        2
    );
    assert!(matches!(
        actions::get_public(db, ids[0], &w).await,
        Err(Error::NotFound)
    ));
    let view = actions::get(db, &s.secretariat, ids[1], &w).await.unwrap();
    assert_eq!(view.timeline.last().unwrap().what, "Made private");
}
