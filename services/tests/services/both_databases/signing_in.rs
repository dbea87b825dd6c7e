//! Signing in: sessions and their ends, kept work, throttling, and what ends a person's sessions.

use super::*;

pub(super) async fn sign_in_starts_a_session_that_expires(db: &Db) {
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

pub(super) async fn work_posted_too_late_is_kept_for_its_person(db: &Db) {
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

pub(super) async fn wrong_password_and_unknown_email_read_the_same(db: &Db) {
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

pub(super) async fn throttling_per_account_and_per_address(db: &Db) {
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

    // Guesses from twelve addresses throttle the account everywhere new, but its person,
    // signing in from where they have before, goes straight in.
    add(db, "owner@opcc.example", Role::Secretariat).await;
    auth::sign_in(db, throttle, "owner@opcc.example", PASSWORD, "10.0.1.1")
        .await
        .unwrap();
    for n in 0..12 {
        for _ in 0..2 {
            let _ = auth::sign_in(
                db,
                throttle,
                "owner@opcc.example",
                "guess guess guess",
                &format!("192.0.2.{n}"),
            )
            .await;
        }
    }
    let e = auth::sign_in(db, throttle, "owner@opcc.example", PASSWORD, "198.51.100.7")
        .await
        .unwrap_err();
    assert!(
        matches!(e, Error::Throttled(_)),
        "a new address waits: {e:?}"
    );
    auth::sign_in(db, throttle, "owner@opcc.example", PASSWORD, "10.0.1.1")
        .await
        .expect("the owner, from where they signed in before");
}

pub(super) async fn deactivation_and_password_reset_end_sessions(db: &Db) {
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
    users::reset_password(db, &admin, user.id, new_password, PASSWORD)
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
    let after = users::update(db, &admin, user.id, details, "")
        .await
        .unwrap();
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

pub(super) async fn a_person_sees_their_sessions_and_signs_out_the_others(db: &Db) {
    let user = add(db, "sam@opcc.example", Role::Secretariat).await;
    let other = add(db, "kim@opcc.example", Role::Secretariat).await;
    let sign_in = |email: &'static str, address: &'static str| async move {
        auth::sign_in(db, Throttle::default(), email, PASSWORD, address)
            .await
            .unwrap()
    };
    let laptop = sign_in("sam@opcc.example", "10.0.0.5").await;
    let phone = sign_in("sam@opcc.example", "10.0.0.6").await;
    let kims = sign_in("kim@opcc.example", "10.0.0.7").await;
    sessions::describe(
        db,
        &laptop.token,
        "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36",
        "10.0.0.5",
    )
    .await
    .unwrap();
    sessions::describe(db, &phone.token, "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Version/17.0 Mobile/15E148 Safari/604.1", "10.0.0.6")
        .await
        .unwrap();
    let policy = SessionPolicy::default();
    let now = services::now();
    let mine = sessions::own(db, user.id, &laptop.token, policy, now)
        .await
        .unwrap();
    let mut seen: Vec<(String, String, bool)> = mine
        .iter()
        .map(|s| (s.browser.clone(), s.address.clone(), s.current))
        .collect();
    seen.sort();
    assert_eq!(
        seen,
        [
            ("Chrome on Linux".to_owned(), "10.0.0.5".to_owned(), true),
            ("Safari on iOS".to_owned(), "10.0.0.6".to_owned(), false),
        ],
        "only Sam's, the laptop marked as this one"
    );
    let actor = Actor::user(
        &sessions::resume(db, &laptop.token, policy, now)
            .await
            .unwrap()
            .live()
            .unwrap(),
        None,
    );
    let feed = services::register::feeds::renew(db, &actor).await.unwrap();
    assert!(services::register::feeds::feed(db, &feed, "http://x")
        .await
        .is_ok());
    assert_eq!(
        sessions::end_others(db, &actor, &laptop.token)
            .await
            .unwrap(),
        1
    );
    // The calendar feed's address goes with the other sessions: whoever had them may
    // have copied it.
    assert!(matches!(
        services::register::feeds::feed(db, &feed, "http://x").await,
        Err(services::Error::NotFound)
    ));
    assert!(
        sessions::resume(db, &phone.token, policy, now)
            .await
            .unwrap()
            .live()
            .is_none(),
        "the phone is signed out"
    );
    assert!(
        sessions::resume(db, &laptop.token, policy, now)
            .await
            .unwrap()
            .live()
            .is_some(),
        "this one stays"
    );
    assert!(
        sessions::resume(db, &kims.token, policy, now)
            .await
            .unwrap()
            .live()
            .is_some(),
        "nobody else's"
    );
    assert_eq!(
        sessions::own(db, other.id, &kims.token, policy, now)
            .await
            .unwrap()
            .len(),
        1
    );
    let audit = services::audit::list(
        db,
        &Actor::command_line(),
        &by_action("sessions.others_ended"),
    )
    .await
    .unwrap();
    assert_eq!(audit.total, 1);
}
