//! What the public reads of a response or an answer: nothing until the office chooses,
//! then its words less redacted phrases, or a summary.

use super::*;

/// A force's response naming an officer and linking to its intranet: withheld from the
/// public until chosen; the office sees the intranet link flagged, redacts the name (which
/// then appears nowhere in what a public page is given), lifts it again, and publishes a
/// summary instead; who did each is in the audit trail.
pub(super) async fn the_public_reads_a_response_only_as_the_office_chose(db: &Db) {
    let s = setup(db).await;
    let w = window();
    let id = record(
        db,
        &s,
        "force",
        &date(20),
        "Review the grounds recorded for searches",
    )
    .await;
    actions::respond(
        db,
        &s.liaison,
        id,
        "PC Jane Smith (collar 1234) reviewed 200 records; Jane Smith's notes are at \
         http://intranet/grounds and the summary at https://www.gov.uk/grounds.",
    )
    .await
    .unwrap();
    actions::set_published(db, &s.secretariat, id, true)
        .await
        .unwrap();
    let response = |view: &domain::PublicActionView| {
        view.timeline
            .iter()
            .find(|e| e.what.starts_with("Response submitted"))
            .cloned()
            .unwrap()
    };
    let public = actions::get_public(db, id, &w).await.unwrap();
    let withheld = response(&public);
    assert!(withheld.withheld && withheld.body_html.is_empty());
    assert!(!serde_json::to_string(&public).unwrap().contains("collar"));

    let entry = words::latest(db, Subject::Action, id)
        .await
        .unwrap()
        .unwrap();
    assert!(matches!(
        words::get(db, &s.liaison, entry).await,
        Err(Error::Forbidden)
    ));
    let page = words::get(db, &s.secretariat, entry).await.unwrap();
    assert_eq!(page.unreachable_links, ["http://intranet/grounds"]);
    assert!(page.entry.public.unwrap().starts_with("Not published"));
    assert!(page.record_published);

    let e = words::redact(
        db,
        &s.secretariat,
        entry,
        "Jane Smyth",
        "personal_information",
    )
    .await
    .unwrap_err();
    assert!(field(e, "phrase").contains("not in the response"));
    let e = words::redact(db, &s.secretariat, entry, "Jane Smith", "gossip")
        .await
        .unwrap_err();
    assert!(!field(e, "reason").is_empty());
    assert!(matches!(
        words::redact(db, &s.liaison, entry, "Jane Smith", "personal_information").await,
        Err(Error::Forbidden)
    ));
    words::redact(
        db,
        &s.secretariat,
        entry,
        " Jane Smith ",
        "personal_information",
    )
    .await
    .unwrap();
    words::choose(db, &s.secretariat, entry, "written", "")
        .await
        .unwrap();
    let public = actions::get_public(db, id, &w).await.unwrap();
    let shown = response(&public);
    assert!(!shown.withheld);
    assert_eq!(
        shown
            .body_html
            .matches("[redacted: personal information]")
            .count(),
        2,
        "{}",
        shown.body_html
    );
    let data = serde_json::to_string(&public).unwrap();
    assert!(
        !data.contains("Jane") && data.contains("collar 1234"),
        "{data}"
    );
    let staff = actions::get(db, &s.commissioner, id, &w).await.unwrap();
    let staff_entry = staff.timeline.iter().find(|e| e.id == entry).unwrap();
    assert_eq!(
        staff_entry.public.as_deref(),
        Some("Published as written, 1 phrase redacted")
    );
    assert!(
        staff_entry.body_html.contains("Jane Smith"),
        "staff read the words as written"
    );

    // Lifted: the public reads the name again, and the page keeps who redacted and lifted it.
    let page = words::get(db, &s.secretariat, entry).await.unwrap();
    let redaction = page.redactions[0].id;
    assert!(page.redactions[0].made.starts_with("Redacted by"));
    assert_eq!(
        words::lift(db, &s.commissioner, redaction).await.unwrap(),
        entry
    );
    assert!(matches!(
        words::lift(db, &s.commissioner, redaction).await,
        Err(Error::NotFound)
    ));
    let public = actions::get_public(db, id, &w).await.unwrap();
    assert!(response(&public).body_html.contains("Jane Smith"));
    let page = words::get(db, &s.secretariat, entry).await.unwrap();
    assert!(page.redactions[0]
        .lifted
        .as_deref()
        .unwrap()
        .starts_with("Lifted by"));

    // A summary instead: required, and the public reads it as the office's.
    let e = words::choose(db, &s.secretariat, entry, "summary", "  ")
        .await
        .unwrap_err();
    assert!(!field(e, "summary").is_empty());
    words::choose(
        db,
        &s.secretariat,
        entry,
        "summary",
        "An officer reviewed 200 records; the summary is on GOV.UK.",
    )
    .await
    .unwrap();
    let public = actions::get_public(db, id, &w).await.unwrap();
    let summary = response(&public);
    assert!(summary
        .what
        .contains("summary by the Commissioner's office"));
    assert!(summary
        .body_html
        .contains("An officer reviewed 200 records"));
    assert!(!serde_json::to_string(&public).unwrap().contains("Jane"));

    // Taken back: withheld again.
    words::choose(db, &s.secretariat, entry, "", "")
        .await
        .unwrap();
    assert!(response(&actions::get_public(db, id, &w).await.unwrap()).withheld);
    for event in ["words.chosen", "words.redacted", "words.redaction_lifted"] {
        assert!(audited(db, event).await >= 1, "{event}");
    }
    // Only responses and answers are chosen this way.
    let created = actions::get(db, &s.secretariat, id, &w)
        .await
        .unwrap()
        .timeline[0]
        .id;
    assert!(matches!(
        words::get(db, &s.secretariat, created).await,
        Err(Error::NotFound)
    ));
}
