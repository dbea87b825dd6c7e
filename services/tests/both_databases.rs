//! The data layer's stories, each run on SQLite (a temporary file) and on PostgreSQL (a new
//! database on the local server, dropped afterwards).

use domain::{AuditFilter, NewPassword, Role};
use services::accounts::auth::{self, Throttle};
use services::accounts::kept::{self, Kept};
use services::accounts::sessions::{self, Resumed, SessionPolicy};
use services::accounts::users::{self, NewUser, UserDetails};
use services::audit::Actor;
use services::{Db, Error};

#[macro_use]
mod support;
use support::people::audited;

on_both!(
    users_are_created_listed_and_audited,
    duplicate_email_is_a_field_error_and_saves_nothing,
    sign_in_starts_a_session_that_expires,
    work_posted_too_late_is_kept_for_its_person,
    an_invitation_sets_a_password_once_within_a_week,
    wrong_password_and_unknown_email_read_the_same,
    throttling_per_account_and_per_address,
    deactivation_and_password_reset_end_sessions,
    admin_cannot_lock_themselves_out,
    roles_are_enforced_by_the_services,
    audit_trail_is_append_only_and_filterable,
    demo_loads_once,
    bank_holidays_are_seeded_and_maintained_by_admins,
);

fn by_action(action: &str) -> AuditFilter {
    AuditFilter {
        action: Some(action.into()),
        ..Default::default()
    }
}

const PASSWORD: &str = "correct horse battery staple";

async fn add(db: &Db, email: &str, role: Role) -> domain::UserView {
    let new = NewUser::parse(email, "Test Person", role.as_str(), PASSWORD).unwrap();
    users::create(db, &Actor::command_line(), new)
        .await
        .unwrap()
}

async fn admin_actor(db: &Db) -> Actor {
    let admin = add(db, "admin@opcc.example", Role::Admin).await;
    let signed = auth::sign_in(db, Throttle::default(), &admin.email, PASSWORD, "10.0.0.1")
        .await
        .unwrap();
    Actor::user(&signed.user, Some("10.0.0.1".into()))
}

fn field(error: Error, name: &str) -> String {
    match error {
        Error::Invalid(errors) => errors.get(name).unwrap_or_default().to_owned(),
        other => panic!("expected a field error, got {other:?}"),
    }
}

async fn users_are_created_listed_and_audited(db: &Db) {
    let admin = admin_actor(db).await;
    let new = NewUser::parse(
        " Jo@Force.example ",
        "Jo Liaison",
        "force liaison",
        PASSWORD,
    )
    .unwrap();
    let jo = users::create(db, &admin, new).await.unwrap();
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

async fn duplicate_email_is_a_field_error_and_saves_nothing(db: &Db) {
    let admin = admin_actor(db).await;
    add(db, "sam@opcc.example", Role::Secretariat).await;
    let again = NewUser::parse("SAM@opcc.example", "Another Sam", "secretariat", PASSWORD).unwrap();
    let error = users::create(db, &admin, again).await.unwrap_err();
    assert_eq!(
        field(error, "email"),
        "An account with this email address already exists"
    );
    assert_eq!(users::count(db).await.unwrap(), 2);
    let trail = services::audit::list(db, &admin, &by_action("user.created"))
        .await
        .unwrap();
    assert_eq!(trail.total, 2, "the refused creation left no audit event");

    let bad = NewUser::parse("", "", "superuser", "short").unwrap_err();
    let Error::Invalid(errors) = bad else {
        panic!()
    };
    assert_eq!(errors.get("email"), Some("Enter an email address"));
    assert_eq!(errors.get("display_name"), Some("Enter a name"));
    assert!(errors.get("role").unwrap().starts_with("Choose a role"));
    assert!(errors.get("password").unwrap().contains("12 characters"));
}

async fn sign_in_starts_a_session_that_expires(db: &Db) {
    let user = add(db, "chris@opcc.example", Role::Commissioner).await;
    let signed = auth::sign_in(
        db,
        Throttle::default(),
        "Chris@OPCC.example",
        PASSWORD,
        "10.0.0.2",
    )
    .await
    .unwrap();
    assert_eq!(signed.user.id, user.id);
    let policy = SessionPolicy {
        idle_secs: 600,
        absolute_secs: 3600,
    };
    let now = services::now();
    let resumed = sessions::resume(db, &signed.token, policy, now + 300)
        .await
        .unwrap()
        .live();
    assert_eq!(resumed.map(|u| u.role), Some(Role::Commissioner));
    // Used at +300, so idle counts from there: +800 is still live, +1000 would not be.
    assert!(sessions::resume(db, &signed.token, policy, now + 800)
        .await
        .unwrap()
        .live()
        .is_some());
    assert_eq!(
        sessions::resume(db, &signed.token, policy, now + 3700)
            .await
            .unwrap(),
        Resumed::Ended(user.id),
        "absolute limit: nobody is signed in, but whose session it was is known"
    );
    assert_eq!(
        sessions::resume(db, &signed.token, policy, now + 10)
            .await
            .unwrap(),
        Resumed::Ended(user.id),
        "an ended session never comes back"
    );
    sessions::keep_alive(db, &signed.token, now + 20)
        .await
        .unwrap();
    assert_eq!(
        sessions::resume(db, &signed.token, policy, now + 30)
            .await
            .unwrap(),
        Resumed::Ended(user.id),
        "nor does keeping it alive revive it"
    );

    let second = auth::sign_in(
        db,
        Throttle::default(),
        "chris@opcc.example",
        PASSWORD,
        "10.0.0.2",
    )
    .await
    .unwrap();
    assert_ne!(
        second.token, signed.token,
        "every sign-in gets a new session id"
    );
    assert!(
        sessions::resume(db, &second.token, policy, now + 1000)
            .await
            .unwrap()
            .live()
            .is_none(),
        "idle limit"
    );
    assert!(sessions::resume(db, "not-a-token", policy, now)
        .await
        .unwrap()
        .live()
        .is_none());
}

async fn work_posted_too_late_is_kept_for_its_person(db: &Db) {
    let pat = add(db, "pat@opcc.example", Role::Secretariat).await;
    let lee = add(db, "lee@opcc.example", Role::Secretariat).await;
    let now = services::now();
    let draft = |body: &str| Kept {
        page: "/meetings/3/minutes".into(),
        server_fn: "/api/save_minutes".into(),
        body: body.into(),
    };
    kept::keep(db, pat.id, "browser-one", &draft("body=first"), now)
        .await
        .unwrap();
    kept::keep(db, pat.id, "browser-one", &draft("body=second"), now + 5)
        .await
        .unwrap();
    assert_eq!(
        kept::take(db, lee.id, "browser-one", now + 10)
            .await
            .unwrap(),
        None,
        "someone else signing in on that browser gets nothing"
    );
    assert_eq!(
        kept::take(db, pat.id, "browser-two", now + 10)
            .await
            .unwrap(),
        None,
        "nor does the same person on another browser"
    );
    assert_eq!(
        kept::take(db, pat.id, "browser-one", now + 10)
            .await
            .unwrap(),
        Some(draft("body=second")),
        "the latest attempt comes back"
    );
    assert_eq!(
        kept::take(db, pat.id, "browser-one", now + 10)
            .await
            .unwrap(),
        None,
        "once"
    );
    // However often a stale cookie posts, only the latest few are kept.
    for n in 0..(kept::MOST_PER_PERSON + 3) {
        kept::keep(
            db,
            lee.id,
            "browser-three",
            &draft(&format!("body={n}")),
            now + n,
        )
        .await
        .unwrap();
    }
    let held: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM kept_work WHERE user_id = $1")
        .bind(lee.id.0)
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(held, kept::MOST_PER_PERSON);
    assert_eq!(
        kept::take(db, lee.id, "browser-three", now + 20)
            .await
            .unwrap(),
        Some(draft(&format!("body={}", kept::MOST_PER_PERSON + 2)))
    );
    kept::keep(db, pat.id, "browser-one", &draft("body=old"), now)
        .await
        .unwrap();
    assert_eq!(
        kept::take(db, pat.id, "browser-one", now + kept::KEEP_SECS + 1)
            .await
            .unwrap(),
        None,
        "kept work waits a day, no longer"
    );

    // An ended session still names its person until it is purged, a day after it ended.
    let signed = auth::sign_in(db, Throttle::default(), &pat.email, PASSWORD, "10.0.0.9")
        .await
        .unwrap();
    let policy = SessionPolicy {
        idle_secs: 60,
        absolute_secs: 3600,
    };
    sessions::purge_expired(db, policy, now + 120)
        .await
        .unwrap();
    assert_eq!(
        sessions::resume(db, &signed.token, policy, now + 130)
            .await
            .unwrap(),
        Resumed::Ended(pat.id)
    );
    sessions::purge_expired(db, policy, now + 120 + kept::KEEP_SECS + 1)
        .await
        .unwrap();
    assert_eq!(
        sessions::resume(db, &signed.token, policy, now + 130)
            .await
            .unwrap(),
        Resumed::Unknown
    );
}

async fn an_invitation_sets_a_password_once_within_a_week(db: &Db) {
    let admin = admin_actor(db).await;
    let new =
        users::NewInvitee::parse("erin@opcc.example", "Erin Officer", "commissioner").unwrap();
    let erin = users::invite(db, &admin, new).await.unwrap();
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
    // A new invitation replaces any earlier one.
    services::accounts::invitations::reissue(db, &admin, erin.id)
        .await
        .unwrap();
    assert!(matches!(
        services::accounts::invitations::find(db, token, now).await,
        Err(Error::NotFound)
    ));
    assert!(audited(db, "user.invited").await >= 2);
    assert_eq!(audited(db, "user.invitation_accepted").await, 1);
}

async fn wrong_password_and_unknown_email_read_the_same(db: &Db) {
    add(db, "farah@force.example", Role::ForceLiaison).await;
    let wrong = auth::sign_in(
        db,
        Throttle::default(),
        "farah@force.example",
        "not the password",
        "10.0.0.3",
    )
    .await
    .unwrap_err();
    let unknown = auth::sign_in(
        db,
        Throttle::default(),
        "nobody@force.example",
        PASSWORD,
        "10.0.0.3",
    )
    .await
    .unwrap_err();
    assert_eq!(field(wrong, "password"), auth::WRONG_CREDENTIALS);
    assert_eq!(field(unknown, "password"), auth::WRONG_CREDENTIALS);
    let blank = auth::sign_in(db, Throttle::default(), " ", "", "10.0.0.3")
        .await
        .unwrap_err();
    let Error::Invalid(errors) = blank else {
        panic!()
    };
    assert_eq!(errors.get("email"), Some("Enter your email address"));
    assert_eq!(errors.get("password"), Some("Enter your password"));
    let long = format!("{}@x.example", "a".repeat(300));
    assert!(field(
        auth::sign_in(db, Throttle::default(), &long, "x", "10.0.0.3")
            .await
            .unwrap_err(),
        "email"
    )
    .contains("254"));
}

async fn throttling_per_account_and_per_address(db: &Db) {
    add(db, "target@opcc.example", Role::Secretariat).await;
    let throttle = Throttle {
        free_failures: 3,
        per_address: 5,
        per_account: 8,
        ..Throttle::default()
    };
    for _ in 0..3 {
        let e = auth::sign_in(
            db,
            throttle,
            "target@opcc.example",
            "guess guess guess",
            "10.0.0.4",
        )
        .await
        .unwrap_err();
        assert!(matches!(e, Error::Invalid(_)));
    }
    // The guesser must now wait, even with the right password…
    let e = auth::sign_in(db, throttle, "target@opcc.example", PASSWORD, "10.0.0.4")
        .await
        .unwrap_err();
    let Error::Throttled(message) = e else {
        panic!("expected throttling, got {e:?}")
    };
    // 15 seconds from the third failure, less the time the steps since took (argon2 on a
    // busy debug build can take a second or more).
    let wait: u32 = message
        .strip_prefix("Too many failed sign-in attempts. Wait ")
        .and_then(|rest| rest.strip_suffix(" seconds, then try again."))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{message}"));
    assert!((10..=15).contains(&wait), "{message}");
    // …but the person whose account it is, elsewhere, is not locked out by a stranger.
    auth::sign_in(db, throttle, "target@opcc.example", PASSWORD, "10.0.0.9")
        .await
        .unwrap();

    // One address trying many accounts is slowed down too.
    for n in 0..2 {
        let _ = auth::sign_in(
            db,
            throttle,
            &format!("other{n}@opcc.example"),
            "guess",
            "10.0.0.4",
        )
        .await;
    }
    let e = auth::sign_in(db, throttle, "someone@opcc.example", "guess", "10.0.0.4")
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Throttled(_)), "{e:?}");
    // Throttled refusals are audited once per spell, not once per request.
    let _ = auth::sign_in(db, throttle, "someone@opcc.example", "guess", "10.0.0.4").await;
    let _ = auth::sign_in(db, throttle, "someone@opcc.example", "guess", "10.0.0.4").await;
    assert_eq!(
        audited(db, "sign_in.throttled").await,
        2,
        "one per account and address"
    );

    // A parallel burst is counted as it arrives: only the free failures are checked.
    add(db, "burst@opcc.example", Role::Secretariat).await;
    let wide = db.another_pool().await;
    let mut tasks = Vec::new();
    for _ in 0..12 {
        let wide = wide.clone();
        tasks.push(tokio::spawn(async move {
            auth::sign_in(
                &wide,
                throttle,
                "burst@opcc.example",
                "wrong wrong wrong",
                "2001:db8::7",
            )
            .await
        }));
    }
    let mut checked = 0;
    for task in tasks {
        match task.await.unwrap().unwrap_err() {
            Error::Invalid(_) => checked += 1,
            Error::Throttled(_) => {}
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(checked, 3, "only the free failures were checked");
    // Another address in the same IPv6 /64 counts as the same client.
    let e = auth::sign_in(db, throttle, "burst@opcc.example", PASSWORD, "2001:db8::99")
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Throttled(_)), "{e:?}");
    wide.close().await;
}

async fn deactivation_and_password_reset_end_sessions(db: &Db) {
    let admin = admin_actor(db).await;
    let user = add(db, "sam@opcc.example", Role::Secretariat).await;
    let policy = SessionPolicy::default();
    let s1 = auth::sign_in(
        db,
        Throttle::default(),
        "sam@opcc.example",
        PASSWORD,
        "10.0.0.5",
    )
    .await
    .unwrap();
    let new_password = NewPassword::parse("another long passphrase").unwrap();
    users::reset_password(db, &admin, user.id, new_password)
        .await
        .unwrap();
    assert_eq!(
        sessions::resume(db, &s1.token, policy, services::now())
            .await
            .unwrap(),
        Resumed::Unknown,
        "a password reset ends sessions outright"
    );
    assert!(auth::sign_in(
        db,
        Throttle::default(),
        "sam@opcc.example",
        PASSWORD,
        "10.0.0.5"
    )
    .await
    .is_err());
    let s2 = auth::sign_in(
        db,
        Throttle::default(),
        "sam@opcc.example",
        "another long passphrase",
        "10.0.0.5",
    )
    .await
    .unwrap();
    let details = UserDetails::parse("sam@opcc.example", "Sam", "secretariat", false).unwrap();
    let after = users::update(db, &admin, user.id, details).await.unwrap();
    assert!(!after.active);
    assert_eq!(
        sessions::resume(db, &s2.token, policy, services::now())
            .await
            .unwrap(),
        Resumed::Unknown
    );
    let e = auth::sign_in(
        db,
        Throttle::default(),
        "sam@opcc.example",
        "another long passphrase",
        "10.0.0.5",
    )
    .await
    .unwrap_err();
    assert_eq!(
        field(e, "password"),
        auth::WRONG_CREDENTIALS,
        "a deactivated account cannot sign in"
    );
}

async fn admin_cannot_lock_themselves_out(db: &Db) {
    let admin = admin_actor(db).await;
    let id = admin.user_id.unwrap();
    let demote = UserDetails::parse("admin@opcc.example", "Me", "secretariat", false).unwrap();
    let Error::Invalid(errors) = users::update(db, &admin, id, demote).await.unwrap_err() else {
        panic!()
    };
    assert!(errors.get("role").unwrap().contains("your own admin role"));
    assert!(errors
        .get("active")
        .unwrap()
        .contains("deactivate your own"));
    assert_eq!(users::get(db, &admin, id).await.unwrap().role, Role::Admin);
}

async fn roles_are_enforced_by_the_services(db: &Db) {
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
        users::create(db, &liaison, new).await,
        Err(Error::Forbidden)
    ));
    assert_eq!(users::count(db).await.unwrap(), 1);
}

async fn audit_trail_is_append_only_and_filterable(db: &Db) {
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
}

async fn demo_loads_once(db: &Db) {
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

async fn bank_holidays_are_seeded_and_maintained_by_admins(db: &Db) {
    use chrono::NaiveDate;
    use services::register::working_days;
    let day = |t: &str| NaiveDate::parse_from_str(t, "%Y-%m-%d").unwrap();
    let calendar = working_days::calendar(db).await.unwrap();
    // Christmas 2027 falls at a weekend: the substitute days are Monday 27 and Tuesday 28.
    assert!(!calendar.is_working_day(day("2027-12-27")));
    assert!(!calendar.is_working_day(day("2027-12-28")));
    assert_eq!(calendar.add(day("2027-12-24"), 1), Some(day("2027-12-29")));
    assert_eq!(calendar.add(day("2026-05-22"), 1), Some(day("2026-05-26")));

    let admin = admin_actor(db).await;
    working_days::add_holiday(db, &admin, "2026-06-08", "One-off holiday")
        .await
        .unwrap();
    let again = working_days::add_holiday(db, &admin, "2026-06-08", "Again").await;
    assert_eq!(
        field(again.unwrap_err(), "day"),
        "That day is already a bank holiday"
    );
    let bad = working_days::add_holiday(db, &admin, "2026-02-30", "")
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
    let refused = working_days::add_holiday(
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
    let listed = working_days::list(db, &admin).await.unwrap();
    assert_eq!(listed.len(), 33);
    assert_eq!(
        listed[0],
        ("2024-01-01".to_owned(), "New Year's Day".to_owned())
    );
    working_days::remove_holiday(db, &admin, "2026-06-08")
        .await
        .unwrap();
    assert!(working_days::calendar(db)
        .await
        .unwrap()
        .is_working_day(day("2026-06-08")));
    assert!(matches!(
        working_days::remove_holiday(db, &admin, "2026-06-08").await,
        Err(Error::NotFound)
    ));
}
