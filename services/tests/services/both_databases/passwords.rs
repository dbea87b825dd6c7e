//! Passwords over their life: set by an admin and changed at the next sign-in, changed by
//! their person (other sessions end), refused when guessable, and the admin's own password
//! asked again before a change that gives power.

use domain::{NewPassword, Role};
use services::accounts::auth::{self, Throttle};
use services::accounts::own_password::{self, PasswordChange};
use services::accounts::sessions::{self, Resumed, SessionPolicy};
use services::accounts::users::{self, NewUser, UserDetails};
use services::audit::Actor;
use services::Db;

use super::{add, admin_actor, field, PASSWORD};

async fn sign_in(db: &Db, email: &str, password: &str) -> services::accounts::auth::SignedIn {
    auth::sign_in(db, Throttle::default(), email, password, "10.0.0.3")
        .await
        .unwrap()
}

pub(super) async fn a_password_an_admin_set_is_changed_at_the_next_sign_in(db: &Db) {
    let admin = admin_actor(db).await;
    let new = NewUser::parse("kim@opcc.example", "Kim Lee", "secretariat", PASSWORD).unwrap();
    let kim = users::create(db, &admin, new, "").await.unwrap();
    let first = sign_in(db, "kim@opcc.example", PASSWORD).await;
    assert!(first.user.must_change_password);
    let second = sign_in(db, "kim@opcc.example", PASSWORD).await;
    let kim_actor = Actor::user(&first.user, Some("10.0.0.3".into()));

    // Each refusal names its field; the message beside it is returned.
    let refused = |current: &'static str, new: &'static str, confirm: &'static str, name| {
        let form = PasswordChange {
            current,
            new,
            confirm,
        };
        let token = first.token.clone();
        let actor = kim_actor.clone();
        async move {
            let e = own_password::change(db, &actor, &token, form)
                .await
                .unwrap_err();
            field(e, name)
        }
    };
    let words = "ivy chooses her own words";
    assert_eq!(
        refused("wrong one entirely", words, words, "current_password").await,
        "That is not your current password"
    );
    let message = refused(PASSWORD, "Password12345", "Password12345", "password").await;
    assert!(
        message.contains("harder to guess") && message.contains("commonly used"),
        "{message}"
    );
    assert!(
        refused(PASSWORD, "kim lee opcc", "kim lee opcc", "password")
            .await
            .contains("harder to guess"),
        "her own name"
    );
    assert_eq!(
        refused(
            PASSWORD,
            words,
            "ivy chooses other words",
            "confirm_password"
        )
        .await,
        "The passwords do not match"
    );
    assert!(refused(PASSWORD, PASSWORD, PASSWORD, "password")
        .await
        .contains("not the one you have now"));
    // Nothing so far changed anything.
    assert!(
        sign_in(db, "kim@opcc.example", PASSWORD)
            .await
            .user
            .must_change_password
    );

    let ended = own_password::change(
        db,
        &kim_actor,
        &first.token,
        PasswordChange {
            current: PASSWORD,
            new: words,
            confirm: words,
        },
    )
    .await
    .unwrap();
    assert_eq!(ended, 2, "the second session and the check's sign-in ended");
    let policy = SessionPolicy::default();
    let now = services::now();
    assert_eq!(
        sessions::resume(db, &second.token, policy, now)
            .await
            .unwrap(),
        Resumed::Unknown
    );
    match sessions::resume(db, &first.token, policy, now)
        .await
        .unwrap()
    {
        Resumed::Live(user) => assert!(!user.must_change_password),
        other => panic!("the session that changed it lives on: {other:?}"),
    }
    assert!(auth::sign_in(
        db,
        Throttle::default(),
        "kim@opcc.example",
        PASSWORD,
        "10.0.0.3"
    )
    .await
    .is_err());
    assert!(
        !sign_in(db, "kim@opcc.example", "ivy chooses her own words")
            .await
            .user
            .must_change_password
    );
    assert_eq!(super::audited(db, "user.password_changed").await, 1);
    assert_eq!(super::audited(db, "password_change.failed").await, 1);

    // An admin's reset: their own password first, then Kim must change it again.
    let reset = |confirm: &'static str| {
        users::reset_password(
            db,
            &admin,
            kim.id,
            NewPassword::parse("a brand new passphrase").unwrap(),
            confirm,
        )
    };
    let e = reset("").await.unwrap_err();
    assert_eq!(
        field(e, users::YOUR_PASSWORD_FOR_RESET),
        "Enter your own password to confirm this change"
    );
    let e = reset("not my password at all").await.unwrap_err();
    assert!(field(e, users::YOUR_PASSWORD_FOR_RESET).contains("not your password"));
    assert_eq!(super::audited(db, "reauth.failed").await, 1);
    let weak = users::reset_password(
        db,
        &admin,
        kim.id,
        NewPassword::parse("qwertyuiop123").unwrap(),
        PASSWORD,
    )
    .await
    .unwrap_err();
    assert!(field(weak, "password").contains("harder to guess"));
    reset(PASSWORD).await.unwrap();
    assert!(
        sign_in(db, "kim@opcc.example", "a brand new passphrase")
            .await
            .user
            .must_change_password
    );
}

pub(super) async fn power_needs_the_admins_password_again(db: &Db) {
    let admin = admin_actor(db).await;
    let new_admin = || {
        NewUser::parse(
            "second@opcc.example",
            "Second Admin",
            "admin",
            "a long enough passphrase",
        )
        .unwrap()
    };
    let e = users::create(db, &admin, new_admin(), "")
        .await
        .unwrap_err();
    assert_eq!(
        field(e, users::YOUR_PASSWORD),
        "Enter your own password to confirm this change"
    );
    assert_eq!(users::count(db).await.unwrap(), 1, "nothing saved");
    users::create(db, &admin, new_admin(), PASSWORD)
        .await
        .unwrap();
    // A secretariat account needs no confirmation, nor does a change that is not a role.
    let new = NewUser::parse(
        "pat@opcc.example",
        "Pat",
        "secretariat",
        "a long enough passphrase",
    )
    .unwrap();
    let pat = users::create(db, &admin, new, "").await.unwrap();
    let renamed = UserDetails::parse("pat@opcc.example", "Pat Jones", "secretariat", true).unwrap();
    users::update(db, &admin, pat.id, renamed, "")
        .await
        .unwrap();
    let promoted =
        || UserDetails::parse("pat@opcc.example", "Pat Jones", "commissioner", true).unwrap();
    let e = users::update(db, &admin, pat.id, promoted(), "wrong password here")
        .await
        .unwrap_err();
    assert!(field(e, users::YOUR_PASSWORD).contains("not your password"));
    assert_eq!(
        users::get(db, &admin, pat.id).await.unwrap().role,
        Role::Secretariat
    );
    let after = users::update(db, &admin, pat.id, promoted(), PASSWORD)
        .await
        .unwrap();
    assert_eq!(after.role, Role::Commissioner);
    // A new email address (which the next invitation or reset link goes to), reactivating
    // an account, and sending a new invitation hand the account to someone: each is asked.
    let moved =
        || UserDetails::parse("attacker@evil.example", "Pat Jones", "commissioner", true).unwrap();
    let e = users::update(db, &admin, pat.id, moved(), "")
        .await
        .unwrap_err();
    assert_eq!(
        field(e, users::YOUR_PASSWORD),
        "Enter your own password to confirm this change"
    );
    assert_eq!(
        users::get(db, &admin, pat.id).await.unwrap().email,
        "pat@opcc.example"
    );
    let e = services::accounts::invitations::reissue(db, &admin, pat.id, "")
        .await
        .unwrap_err();
    assert_eq!(
        field(e, users::YOUR_PASSWORD_FOR_INVITE),
        "Enter your own password to confirm this change"
    );
    let off = UserDetails::parse("pat@opcc.example", "Pat Jones", "commissioner", false).unwrap();
    users::update(db, &admin, pat.id, off, "").await.unwrap();
    let on = UserDetails::parse("pat@opcc.example", "Pat Jones", "commissioner", true).unwrap();
    let e = users::update(db, &admin, pat.id, on.clone(), "")
        .await
        .unwrap_err();
    assert!(!field(e, users::YOUR_PASSWORD).is_empty());
    assert!(
        !users::get(db, &admin, pat.id).await.unwrap().active,
        "still deactivated"
    );
    users::update(db, &admin, pat.id, on, PASSWORD)
        .await
        .unwrap();
    users::update(db, &admin, pat.id, moved(), PASSWORD)
        .await
        .unwrap();
    services::accounts::invitations::reissue(db, &admin, pat.id, PASSWORD)
        .await
        .unwrap();
    // The command line, on the server's own machine, is not asked.
    let third = NewUser::parse(
        "third@opcc.example",
        "Third Admin",
        "admin",
        "a long enough passphrase",
    )
    .unwrap();
    users::create(db, &Actor::command_line(), third, "")
        .await
        .unwrap();
    // A guessable password is refused when the account is made, beside the field.
    let e = NewUser::parse("sam@opcc.example", "Sam", "secretariat", "Password12345").unwrap_err();
    assert!(field(e, "password").contains("harder to guess"));
}

pub(super) async fn wrong_confirmations_are_throttled_like_sign_ins(db: &Db) {
    let admin = admin_actor(db).await;
    let pat = add(db, "pat@opcc.example", Role::Secretariat).await;
    let promoted =
        || UserDetails::parse("pat@opcc.example", "Test Person", "commissioner", true).unwrap();
    for _ in 0..5 {
        let e = users::update(db, &admin, pat.id, promoted(), "a guess at the password")
            .await
            .unwrap_err();
        assert!(field(e, users::YOUR_PASSWORD).contains("not your password"));
    }
    // Now even the right password waits: a session someone else is using cannot guess on.
    let e = users::update(db, &admin, pat.id, promoted(), PASSWORD)
        .await
        .unwrap_err();
    assert!(
        matches!(&e, services::Error::Throttled(m) if m.starts_with("Too many failed")),
        "{e:?}"
    );
    assert_eq!(
        users::get(db, &admin, pat.id).await.unwrap().role,
        Role::Secretariat
    );

    // A person's own "current password" is counted the same way: 30 guesses in a second
    // once ended with the right one accepted.
    let new = NewUser::parse("sam@opcc.example", "Sam Cole", "secretariat", PASSWORD).unwrap();
    users::create(db, &Actor::command_line(), new, "")
        .await
        .unwrap();
    let sam = sign_in(db, "sam@opcc.example", PASSWORD).await;
    let sam_actor = Actor::user(&sam.user, Some("10.0.0.9".into()));
    let words = "sam picks a sentence nobody guesses";
    let change = |current: &'static str| PasswordChange {
        current,
        new: words,
        confirm: words,
    };
    for _ in 0..5 {
        let e = own_password::change(db, &sam_actor, &sam.token, change("a guess"))
            .await
            .unwrap_err();
        assert_eq!(
            field(e, "current_password"),
            "That is not your current password"
        );
    }
    let e = own_password::change(db, &sam_actor, &sam.token, change(PASSWORD))
        .await
        .unwrap_err();
    assert!(
        matches!(&e, services::Error::Throttled(m) if m.starts_with("Too many failed")),
        "{e:?}"
    );
    assert!(
        auth::sign_in(
            db,
            Throttle::default(),
            "sam@opcc.example",
            words,
            "10.0.0.4"
        )
        .await
        .is_err(),
        "the password did not change"
    );
}
