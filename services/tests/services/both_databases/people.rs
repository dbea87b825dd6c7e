//! Accounts, invitations, roles, the audit trail, the demo data and bank holidays.

use super::*;

pub(super) async fn users_are_created_listed_and_audited(db: &Db) {
    let admin = admin_actor(db).await;
    let new = NewUser::parse(
        " Jo@Force.example ",
        "Jo Liaison",
        "force liaison",
        PASSWORD,
    )
    .unwrap();
    let jo = users::create(db, &admin, new, "").await.unwrap();
    assert_eq!(jo.email, "jo@force.example");
    assert_eq!(jo.role, Role::ForceLiaison);
    assert!(jo.active);
    let all = users::list(db, &admin, &users::UserFilter::default())
        .await
        .unwrap();
    assert_eq!(all.len(), 2);
    // The user list's search: part of a name or an email, any case, and a role; LIKE's
    // wildcards typed in are plain characters.
    let find = |words: &str, role: &str| users::UserFilter {
        words: words.to_owned(),
        role: role.to_owned(),
    };
    let found = users::list(db, &admin, &find("FORCE.EX", ""))
        .await
        .unwrap();
    assert_eq!(
        found.iter().map(|u| u.email.as_str()).collect::<Vec<_>>(),
        ["jo@force.example"]
    );
    let found = users::list(db, &admin, &find("", "admin")).await.unwrap();
    assert!(found.iter().all(|u| u.role == Role::Admin) && found.len() == 1);
    assert!(users::list(db, &admin, &find("jo", "admin"))
        .await
        .unwrap()
        .is_empty());
    assert!(users::list(db, &admin, &find("%", ""))
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        users::list(db, &admin, &find("", "nonsense"))
            .await
            .unwrap()
            .len(),
        2
    );
    let trail = services::audit::list(db, &admin, &by_action("user.created"))
        .await
        .unwrap();
    assert_eq!(trail.total, 2);
    let latest = &trail.events[0];
    assert_eq!(latest.actor_label, "admin@opcc.example");
    assert!(latest
        .after
        .as_deref()
        .unwrap()
        .contains("jo@force.example"));
    assert!(
        !latest.after.as_deref().unwrap().contains("argon2"),
        "no hash in the audit trail"
    );
}

pub(super) async fn duplicate_email_is_a_field_error_and_saves_nothing(db: &Db) {
    let admin = admin_actor(db).await;
    add(db, "sam@opcc.example", Role::Secretariat).await;
    let again = NewUser::parse("SAM@opcc.example", "Another Sam", "secretariat", PASSWORD).unwrap();
    let error = users::create(db, &admin, again, "").await.unwrap_err();
    assert_eq!(
        field(error, "email"),
        "An account with this email address already exists"
    );
    assert_eq!(users::count(db).await.unwrap(), 2);
    let trail = services::audit::list(db, &admin, &by_action("user.created"))
        .await
        .unwrap();
    assert_eq!(trail.total, 2, "the refused creation left no audit event");

    // A name that passes for another's, however it is written: the same words, a no-break
    // space, whole-word Cyrillic, mathematical or full-width letters.
    let first = NewUser::parse("alex@opcc.example", "Alex Admin", "secretariat", PASSWORD).unwrap();
    users::create(db, &admin, first, "").await.unwrap();
    for disguise in [
        "Alex Admin",
        "Alex\u{00A0}Admin",
        "\u{0410}\u{04CF}\u{0435}\u{0445} Admin",
        "\u{1D400}\u{1D425}\u{1D41E}\u{1D431} Admin",
        "\u{FF21}\u{FF4C}\u{FF45}\u{FF58} Admin",
    ] {
        let copy = NewUser::parse("alex2@opcc.example", disguise, "secretariat", PASSWORD).unwrap();
        let error = users::create(db, &admin, copy, "").await.unwrap_err();
        assert!(
            field(error, "display_name").starts_with("Another account has this name"),
            "{disguise:?}"
        );
    }
    // An email that passes for another's ("rn" for "m").
    let mary = NewUser::parse("mary@opcc.example", "Mary Jones", "secretariat", PASSWORD).unwrap();
    users::create(db, &admin, mary, "").await.unwrap();
    let rnary = NewUser::parse("rnary@opcc.example", "R Nary", "secretariat", PASSWORD).unwrap();
    let error = users::create(db, &admin, rnary, "").await.unwrap_err();
    assert!(field(error, "email").contains("looks the same as another account"));
    // Nor by changing an account's details; its own name may stay as it is.
    let alex2 =
        NewUser::parse("alex2@opcc.example", "Alex Adams", "secretariat", PASSWORD).unwrap();
    let alex2 = users::create(db, &admin, alex2, "").await.unwrap();
    let renamed =
        UserDetails::parse("alex2@opcc.example", "alex  admin", "secretariat", true).unwrap();
    let error = users::update(db, &admin, alex2.id, renamed, "")
        .await
        .unwrap_err();
    assert!(field(error, "display_name").starts_with("Another account has this name"));
    let same = UserDetails::parse("alex2@opcc.example", "Alex Adams", "secretariat", true).unwrap();
    users::update(db, &admin, alex2.id, same, "").await.unwrap();
    assert_eq!(users::count(db).await.unwrap(), 5);

    let bad = NewUser::parse("", "", "superuser", "short").unwrap_err();
    let Error::Invalid(errors) = bad else {
        panic!()
    };
    assert_eq!(errors.get("email"), Some("Enter an email address"));
    assert_eq!(errors.get("display_name"), Some("Enter a name"));
    assert!(errors.get("role").unwrap().starts_with("Choose a role"));
    assert!(errors.get("password").unwrap().contains("12 characters"));
}

pub(super) async fn an_invitation_sets_a_password_once_within_a_week(db: &Db) {
    let admin = admin_actor(db).await;
    let new =
        users::NewInvitee::parse("erin@opcc.example", "Erin Officer", "commissioner").unwrap();
    let erin = users::invite(db, &admin, new, "").await.unwrap();
    // An admin invited is an admin added: the inviting admin's password is asked for.
    let boss = users::NewInvitee::parse("boss@opcc.example", "Boss", "admin").unwrap();
    let e = users::invite(db, &admin, boss.clone(), "")
        .await
        .unwrap_err();
    assert_eq!(
        field(e, users::YOUR_PASSWORD),
        "Enter your own password to confirm this change"
    );
    users::invite(db, &admin, boss, PASSWORD).await.unwrap();
    assert!(
        auth::sign_in(
            db,
            Throttle::default(),
            "erin@opcc.example",
            PASSWORD,
            "10.0.0.7"
        )
        .await
        .is_err(),
        "no password anyone knows until she chooses one"
    );
    let path: String = sqlx::query_scalar(
        "SELECT path FROM notifications WHERE user_id = $1 AND notice = 'invitation'",
    )
    .bind(erin.id.0)
    .fetch_one(db.pool())
    .await
    .unwrap();
    let token = path.strip_prefix("/invitation/").unwrap();
    let now = services::now();
    assert_eq!(
        services::accounts::invitations::find(db, token, now)
            .await
            .unwrap(),
        ("Erin Officer".to_owned(), "erin@opcc.example".to_owned())
    );
    assert!(matches!(
        services::accounts::invitations::find(
            db,
            token,
            now + services::accounts::invitations::LIFETIME_SECS + 1
        )
        .await,
        Err(Error::NotFound)
    ));
    let password = NewPassword::parse("erin chooses her own words").unwrap();
    services::accounts::invitations::accept(db, token, password, now)
        .await
        .unwrap();
    auth::sign_in(
        db,
        Throttle::default(),
        "erin@opcc.example",
        "erin chooses her own words",
        "10.0.0.7",
    )
    .await
    .unwrap();
    let again = NewPassword::parse("someone else's words").unwrap();
    assert!(matches!(
        services::accounts::invitations::accept(db, token, again, now).await,
        Err(Error::NotFound)
    ));
    // A made-up link is refused before any password is hashed (the lookup comes first: a
    // stranger's guesses cost the server a query each, not a hash).
    let phrase = "a phrase only this check ever uses 7c1e";
    assert!(matches!(
        services::accounts::invitations::accept(
            db,
            "made-up-link-token",
            NewPassword::parse(phrase).unwrap(),
            now
        )
        .await,
        Err(Error::NotFound)
    ));
    assert_eq!(services::accounts::hashed::times(phrase), 0);
    // A new invitation replaces any earlier one.
    services::accounts::invitations::reissue(db, &admin, erin.id, PASSWORD)
        .await
        .unwrap();
    assert!(matches!(
        services::accounts::invitations::find(db, token, now).await,
        Err(Error::NotFound)
    ));
    assert!(audited(db, "user.invited").await >= 2);
    assert_eq!(audited(db, "user.invitation_accepted").await, 1);
}

pub(super) async fn admin_cannot_lock_themselves_out(db: &Db) {
    let admin = admin_actor(db).await;
    let id = admin.user_id.unwrap();
    let demote = UserDetails::parse("admin@opcc.example", "Me", "secretariat", false).unwrap();
    let Error::Invalid(errors) = users::update(db, &admin, id, demote, "").await.unwrap_err()
    else {
        panic!()
    };
    assert!(errors.get("role").unwrap().contains("your own admin role"));
    assert!(errors
        .get("active")
        .unwrap()
        .contains("deactivate your own"));
    assert_eq!(users::get(db, &admin, id).await.unwrap().role, Role::Admin);
}

pub(super) async fn roles_are_enforced_by_the_services(db: &Db) {
    add(db, "liaison@force.example", Role::ForceLiaison).await;
    let signed = auth::sign_in(
        db,
        Throttle::default(),
        "liaison@force.example",
        PASSWORD,
        "10.0.0.6",
    )
    .await
    .unwrap();
    let liaison = Actor::user(&signed.user, None);
    assert!(matches!(
        users::list(db, &liaison, &users::UserFilter::default()).await,
        Err(Error::Forbidden)
    ));
    assert!(matches!(
        services::audit::list(db, &liaison, &AuditFilter::default()).await,
        Err(Error::Forbidden)
    ));
    let public = Actor::anonymous(None);
    assert!(matches!(
        users::list(db, &public, &users::UserFilter::default()).await,
        Err(Error::Unauthenticated)
    ));
    let new = NewUser::parse("x@opcc.example", "X", "admin", PASSWORD).unwrap();
    assert!(matches!(
        users::create(db, &liaison, new, "").await,
        Err(Error::Forbidden)
    ));
    assert_eq!(users::count(db).await.unwrap(), 1);
}

pub(super) async fn demo_loads_once(db: &Db) {
    let accounts = services::demo::load(db).await.unwrap();
    assert_eq!(accounts.len(), 4);
    for account in &accounts {
        assert!(account.password.len() >= 20);
        let signed = auth::sign_in(
            db,
            Throttle::default(),
            &account.email,
            &account.password,
            "10.0.0.8",
        )
        .await
        .unwrap();
        assert_eq!(signed.user.role, account.role);
    }
    let boards = services::meetings::boards::list(db).await.unwrap();
    assert!(boards
        .iter()
        .any(|b| b.code == "SPCB" && b.name == "Strategic Policing and Crime Board"));
    assert!(
        services::demo::load(db).await.is_err(),
        "a second load is refused"
    );
    assert_eq!(users::count(db).await.unwrap(), 4);
}

pub(super) async fn bank_holidays_are_seeded_and_maintained_by_admins(db: &Db) {
    use chrono::NaiveDate;
    use services::common::working_days;
    use services::register::bank_holidays;
    let day = |t: &str| NaiveDate::parse_from_str(t, "%Y-%m-%d").unwrap();
    let calendar = working_days::calendar(db).await.unwrap();
    // Christmas 2027 falls at a weekend: the substitute days are Monday 27 and Tuesday 28.
    assert!(!calendar.is_working_day(day("2027-12-27")));
    assert!(!calendar.is_working_day(day("2027-12-28")));
    assert_eq!(calendar.add(day("2027-12-24"), 1), Some(day("2027-12-29")));
    assert_eq!(calendar.add(day("2026-05-22"), 1), Some(day("2026-05-26")));

    let admin = admin_actor(db).await;
    bank_holidays::add_holiday(db, &admin, "2026-06-08", "One-off holiday")
        .await
        .unwrap();
    let again = bank_holidays::add_holiday(db, &admin, "2026-06-08", "Again").await;
    assert_eq!(
        field(again.unwrap_err(), "day"),
        "That day is already a bank holiday"
    );
    let bad = bank_holidays::add_holiday(db, &admin, "2026-02-30", "")
        .await
        .unwrap_err();
    let Error::Invalid(errors) = bad else {
        panic!()
    };
    assert!(errors.get("day").unwrap().contains("real date"));
    assert!(errors.get("name").is_some());
    let secretary = add(db, "sec@opcc.example", Role::Secretariat).await;
    let signed = auth::sign_in(
        db,
        Throttle::default(),
        &secretary.email,
        PASSWORD,
        "10.0.0.2",
    )
    .await
    .unwrap();
    let refused = bank_holidays::add_holiday(
        db,
        &Actor::user(&signed.user, None),
        "2026-06-09",
        "Not allowed",
    )
    .await;
    assert!(matches!(refused, Err(Error::Forbidden)));
    let calendar = working_days::calendar(db).await.unwrap();
    assert!(!calendar.is_working_day(day("2026-06-08")));
    assert!(calendar.is_working_day(day("2026-06-09")));
    let listed = bank_holidays::list(db, &admin).await.unwrap();
    assert_eq!(listed.len(), 33);
    assert_eq!(
        listed[0],
        ("2024-01-01".to_owned(), "New Year's Day".to_owned())
    );
    bank_holidays::remove_holiday(db, &admin, "2026-06-08")
        .await
        .unwrap();
    assert!(working_days::calendar(db)
        .await
        .unwrap()
        .is_working_day(day("2026-06-08")));
    assert!(matches!(
        bank_holidays::remove_holiday(db, &admin, "2026-06-08").await,
        Err(Error::NotFound)
    ));
}

pub(super) async fn audit_trail_is_append_only_and_filterable(db: &Db) {
    let admin = admin_actor(db).await;
    let _ = auth::sign_in(
        db,
        Throttle::default(),
        "admin@opcc.example",
        "wrong password!",
        "10.0.0.7",
    )
    .await;
    let failed = services::audit::list(db, &admin, &by_action("sign_in.failed"))
        .await
        .unwrap();
    assert_eq!(failed.total, 1);
    assert_eq!(failed.events[0].address.as_deref(), Some("10.0.0.7"));
    assert!(failed.events[0]
        .after
        .as_deref()
        .unwrap()
        .contains("wrong password"));

    for statement in [
        "UPDATE audit_events SET action = 'x'",
        "DELETE FROM audit_events",
    ] {
        let refused = sqlx::query(statement).execute(db.pool()).await;
        assert!(refused.is_err(), "{statement} was allowed");
    }
    let by_actor = services::audit::list(
        db,
        &admin,
        &AuditFilter {
            actor: Some("ADMIN@".into()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    // The admin was created from the command line, so their only own event is the sign-in.
    assert_eq!(by_actor.total, 1);
    assert_eq!(by_actor.events[0].action, "sign_in.succeeded");
    let bad = services::audit::list(
        db,
        &admin,
        &AuditFilter {
            from: Some("2026-02-30".into()),
            to: Some("yesterday".into()),
            ..Default::default()
        },
    )
    .await
    .unwrap_err();
    let Error::Invalid(errors) = bad else {
        panic!()
    };
    assert!(errors.get("from").unwrap().contains("real date"));
    assert!(errors.get("to").unwrap().contains("real date"));
    let inverted = services::audit::list(
        db,
        &admin,
        &AuditFilter {
            from: Some("2026-03-02".into()),
            to: Some("2026-03-01".into()),
            ..Default::default()
        },
    )
    .await
    .unwrap_err();
    assert!(matches!(inverted, Error::Invalid(_)));

    // Read as a record: each event in words, London time, filtered by a choice of what
    // happened, and as a CSV in the same words.
    let signing_in = services::audit::list(
        db,
        &admin,
        &AuditFilter {
            area: Some("sign_in.".into()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(signing_in.total, 2);
    assert!(signing_in
        .events
        .iter()
        .all(|e| e.action.starts_with("sign_in.")));
    assert!(
        signing_in.events[0].when.ends_with(")"),
        "{}",
        signing_in.events[0].when
    );
    let failed = signing_in
        .events
        .iter()
        .find(|e| e.action == "sign_in.failed")
        .unwrap();
    assert_eq!(
        failed.summary,
        format!(
            "Person {}: sign in failed",
            failed.entity_id.clone().unwrap()
        )
    );
    let unknown = services::audit::list(
        db,
        &admin,
        &AuditFilter {
            area: Some("no such thing".into()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(
        unknown.total,
        by_actor_total(db, &admin).await,
        "an unknown choice filters nothing"
    );
    let csv = services::audit::to_csv(
        db,
        &admin,
        &AuditFilter {
            area: Some("sign_in.".into()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 3, "{csv}");
    assert!(lines[0]
        .trim_start_matches('\u{feff}')
        .starts_with("When (London),Who,From address,What happened"));
    assert!(
        lines.iter().any(|l| l.contains("10.0.0.7")
            && l.contains(": sign in failed,")
            && l.contains("sign_in.failed")),
        "{csv}"
    );
    let force = crate::support::people::person(db, Role::ForceLiaison).await;
    assert!(matches!(
        services::audit::to_csv(db, &force, &AuditFilter::default()).await,
        Err(Error::Forbidden)
    ));
}

async fn by_actor_total(db: &Db, admin: &services::audit::Actor) -> i64 {
    services::audit::list(db, admin, &AuditFilter::default())
        .await
        .unwrap()
        .total
}
