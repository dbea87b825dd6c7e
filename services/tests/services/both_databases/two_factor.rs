//! Two-factor sign-in: set up with a code from the app, asked for after the password, each
//! code accepted once, recovery codes once each, throttled like passwords, and reset by an
//! admin who gives their own password.

use domain::Role;
use services::accounts::auth::{self, SignedIn, Throttle};
use services::accounts::sessions::{self, Resumed, SessionPolicy};
use services::accounts::totp::{Secret, STEP_SECS};
use services::accounts::two_factor::{self, Status, Used};
use services::audit::Actor;
use services::{Db, Error};

use super::{add, admin_actor, field, PASSWORD};
use crate::support::people::audited;

const ADDRESS: &str = "10.0.0.7";

async fn password_step(db: &Db, email: &str) -> SignedIn {
    auth::sign_in(db, Throttle::default(), email, PASSWORD, ADDRESS)
        .await
        .unwrap()
}

async fn resumed(db: &Db, token: &str) -> Resumed {
    sessions::resume(db, token, SessionPolicy::default(), services::now())
        .await
        .unwrap()
}

fn code(secret: &Secret, step: i64) -> String {
    format!("{:06}", secret.code_at(step))
}

/// Sets up `email`'s second factor; returns its secret, its recovery codes and the step of
/// the code that confirmed it.
async fn set_up(db: &Db, email: &str) -> (Secret, Vec<String>, i64, Actor) {
    let signed = password_step(db, email).await;
    assert!(!signed.awaiting_code && !signed.user.two_factor_on);
    let actor = Actor::user(&signed.user, Some(ADDRESS.into()));
    // Looking at the page writes nothing: the key is made by pressing its button.
    assert_eq!(
        two_factor::status(db, signed.user.id).await.unwrap(),
        Status::NotStarted
    );
    two_factor::begin(db, &actor).await.unwrap();
    let Status::Setting {
        secret,
        recovery_codes,
    } = two_factor::status(db, signed.user.id).await.unwrap()
    else {
        panic!("not set up yet")
    };
    // Pressed again (a second tab, a double click): the same key and codes.
    two_factor::begin(db, &actor).await.unwrap();
    assert_eq!(recovery_codes.len(), 10);
    // The page can be shown again (a reload, a refused code): the same secret and codes.
    assert_eq!(
        two_factor::status(db, signed.user.id).await.unwrap(),
        Status::Setting {
            secret: secret.clone(),
            recovery_codes: recovery_codes.clone()
        }
    );
    let now = services::now();
    let step = now / STEP_SECS;
    (secret, recovery_codes, step, actor)
}

pub(super) async fn a_second_factor_is_set_up_and_asked_for_at_sign_in(db: &Db) {
    add(db, "rosa@opcc.example", Role::Commissioner).await;
    let (secret, recovery, step, rosa) = set_up(db, "rosa@opcc.example").await;
    let now = services::now();

    // Refused codes leave it off.
    for (typed, message) in [
        ("", "Enter the 6-digit code from your authenticator app"),
        ("12345", "Enter the 6 digits your authenticator app shows"),
    ] {
        let e = two_factor::confirm(db, &rosa, typed, now)
            .await
            .unwrap_err();
        assert_eq!(field(e, "code"), message);
    }
    let wrong = format!("{:06}", (secret.code_at(step) + 1) % 1_000_000);
    let e = two_factor::confirm(db, &rosa, &wrong, now)
        .await
        .unwrap_err();
    assert!(field(e, "code").starts_with("That code does not match"));
    assert!(!password_step(db, "rosa@opcc.example").await.awaiting_code);

    two_factor::confirm(db, &rosa, &code(&secret, step), now)
        .await
        .unwrap();
    assert_eq!(audited(db, "two_factor.enabled").await, 1);
    let user = rosa.user_id.unwrap();
    assert!(matches!(
        two_factor::status(db, user).await.unwrap(),
        Status::On {
            recovery_codes_left: 10,
            ..
        }
    ));

    // The password alone now starts a session that reaches nothing.
    let waiting = password_step(db, "rosa@opcc.example").await;
    assert!(waiting.awaiting_code);
    assert_eq!(
        resumed(db, &waiting.token).await,
        Resumed::AwaitingCode(user)
    );
    let with = |token: String, typed: String| async move {
        two_factor::sign_in_with_code(
            db,
            Throttle::default(),
            &token,
            &typed,
            ADDRESS,
            services::now(),
        )
        .await
    };
    // The code that confirmed the set-up, and any earlier one, are spent.
    for spent in [step, step - 1] {
        let e = with(waiting.token.clone(), code(&secret, spent))
            .await
            .unwrap_err();
        assert!(field(e, "code").starts_with("That code is not right"));
    }
    let (signed, used) = with(waiting.token.clone(), code(&secret, step + 1))
        .await
        .unwrap();
    assert_eq!(used, Used::Code);
    assert_ne!(
        signed.token, waiting.token,
        "a new token once the code is given"
    );
    assert!(matches!(resumed(db, &signed.token).await, Resumed::Live(u) if u.id == user));
    assert_eq!(resumed(db, &waiting.token).await, Resumed::Unknown);
    // The same code again, from a new sign-in: refused.
    let again = password_step(db, "rosa@opcc.example").await;
    let e = with(again.token.clone(), code(&secret, step + 1))
        .await
        .unwrap_err();
    assert!(field(e, "code").starts_with("That code is not right"));

    // A recovery code works once, typed in any case with spaces.
    let typed = recovery[3].to_uppercase().replace('-', " ");
    let (_, used) = with(again.token.clone(), typed.clone()).await.unwrap();
    assert_eq!(used, Used::RecoveryCode { left: 9 });
    assert_eq!(audited(db, "sign_in.recovery_code_used").await, 1);
    let third = password_step(db, "rosa@opcc.example").await;
    let e = with(third.token.clone(), typed).await.unwrap_err();
    assert!(field(e, "code").starts_with("That code is not right"));
    assert!(audited(db, "sign_in.code_failed").await >= 4);
    let (_, used) = with(third.token.clone(), recovery[4].clone())
        .await
        .unwrap();
    assert_eq!(used, Used::RecoveryCode { left: 8 });
}

pub(super) async fn wrong_codes_are_throttled_like_passwords(db: &Db) {
    add(db, "gus@opcc.example", Role::Secretariat).await;
    let (secret, _, step, gus) = set_up(db, "gus@opcc.example").await;
    two_factor::confirm(db, &gus, &code(&secret, step), services::now())
        .await
        .unwrap();
    let throttle = Throttle {
        free_failures: 3,
        ..Throttle::default()
    };
    let waiting = password_step(db, "gus@opcc.example").await;
    for guess in ["000000", "111111", "222222"] {
        let e = two_factor::sign_in_with_code(
            db,
            throttle,
            &waiting.token,
            guess,
            ADDRESS,
            services::now(),
        )
        .await
        .unwrap_err();
        assert!(matches!(e, Error::Invalid(_)), "{e:?}");
    }
    // Now even the right code must wait; a new password step does not reset the count.
    let waiting = password_step(db, "gus@opcc.example").await;
    let e = two_factor::sign_in_with_code(
        db,
        throttle,
        &waiting.token,
        &code(&secret, step + 1),
        ADDRESS,
        services::now(),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&e, Error::Throttled(m) if m.starts_with("Too many failed sign-in attempts")),
        "{e:?}"
    );
}

pub(super) async fn an_admin_resets_a_second_factor_with_their_password(db: &Db) {
    let admin = admin_actor(db).await;
    let ivy = add(db, "ivy@force.example", Role::ForceLiaison).await;
    let (secret, _, step, ivy_actor) = set_up(db, "ivy@force.example").await;
    two_factor::confirm(db, &ivy_actor, &code(&secret, step), services::now())
        .await
        .unwrap();
    let waiting = password_step(db, "ivy@force.example").await;
    let (signed, _) = two_factor::sign_in_with_code(
        db,
        Throttle::default(),
        &waiting.token,
        &code(&secret, step + 1),
        ADDRESS,
        services::now(),
    )
    .await
    .unwrap();

    // Only an admin, and only with their own password.
    let e = two_factor::reset(db, &ivy_actor, ivy.id, PASSWORD)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Forbidden), "{e:?}");
    for (typed, message) in [
        ("", "Enter your own password to confirm this change"),
        (
            "not my password at all",
            "That is not your password: enter the password you sign in with",
        ),
    ] {
        let e = two_factor::reset(db, &admin, ivy.id, typed)
            .await
            .unwrap_err();
        assert_eq!(field(e, "your_password_for_two_factor"), message);
    }
    assert!(password_step(db, "ivy@force.example").await.awaiting_code);

    two_factor::reset(db, &admin, ivy.id, PASSWORD)
        .await
        .unwrap();
    assert_eq!(audited(db, "user.two_factor_reset").await, 1);
    assert_eq!(
        resumed(db, &signed.token).await,
        Resumed::Unknown,
        "her sessions ended"
    );
    let after = password_step(db, "ivy@force.example").await;
    assert!(!after.awaiting_code && !after.user.two_factor_on);
    // A new secret for the new phone, once she starts setting it up (`set_up` checks that
    // nothing is made before she presses the button).
    let old = secret;
    let (secret, _, step, _) = set_up(db, "ivy@force.example").await;
    assert_ne!(secret, old);

    // The person starts again herself, with her password.
    let ivy_now = Actor::user(&after.user, Some(ADDRESS.into()));
    two_factor::confirm(db, &ivy_now, &code(&secret, step), services::now())
        .await
        .unwrap();
    let e = two_factor::start_again(db, &ivy_now, &after.token, "wrong password here")
        .await
        .unwrap_err();
    assert_eq!(
        field(e, "password"),
        "That is not your password: enter the password you sign in with"
    );
    two_factor::start_again(db, &ivy_now, &after.token, PASSWORD)
        .await
        .unwrap();
    assert_eq!(audited(db, "two_factor.restarted").await, 1);
    assert!(!password_step(db, "ivy@force.example").await.awaiting_code);
}

/// Signs in with the password and then the code `secret` makes now, through `db`'s key
/// (the account's last used step forgotten first, so that each try is judged on the key).
async fn code_step(db: &Db, email: &str, secret: &Secret) -> Result<(), Error> {
    sqlx::query("UPDATE users SET totp_last_step = NULL WHERE email = $1")
        .bind(email)
        .execute(db.pool())
        .await
        .unwrap();
    let signed = password_step(db, email).await;
    assert!(signed.awaiting_code);
    two_factor::sign_in_with_code(
        db,
        Throttle::default(),
        &signed.token,
        &code(secret, services::now() / STEP_SECS),
        ADDRESS,
        services::now(),
    )
    .await
    .map(|_| ())
}

/// An authenticator's key is sealed in the database (a stolen backup yields no codes),
/// opens only under the configured key, moves to a new key in one step, and keys written
/// before sealing are sealed.
pub(super) async fn second_factor_secrets_are_sealed_at_rest(db: &Db) {
    use services::common::sealing::SealingKey;
    add(db, "sid@opcc.example", Role::Secretariat).await;
    let (secret, recovery, step, sid) = set_up(db, "sid@opcc.example").await;
    let column = |name: &'static str| async move {
        sqlx::query_scalar::<_, Option<String>>(&format!(
            "SELECT {name} FROM users WHERE email = 'sid@opcc.example'"
        ))
        .fetch_one(db.pool())
        .await
        .unwrap()
        .unwrap_or_default()
    };
    let pending = column("totp_pending_secret").await;
    assert!(
        pending.starts_with("v1.") && !pending.contains(&secret.base32()),
        "{pending}"
    );
    let codes = column("recovery_pending").await;
    assert!(
        codes.starts_with("v1.") && !codes.contains(&recovery[0]),
        "{codes}"
    );
    two_factor::confirm(db, &sid, &code(&secret, step), services::now())
        .await
        .unwrap();
    let stored = column("totp_secret").await;
    assert!(
        stored.starts_with("v1.") && !stored.contains(&secret.base32()),
        "{stored}"
    );
    code_step(db, "sid@opcc.example", &secret).await.unwrap();

    // Under another key the secret does not open: no code is accepted.
    let new_key = SealingKey::generate();
    let elsewhere = db
        .clone()
        .with_sealing(SealingKey::parse(&new_key).unwrap());
    assert!(code_step(&elsewhere, "sid@opcc.example", &secret)
        .await
        .is_err());

    // Rotated: every secret moves to the new key at once.
    let old = db.sealing_for_tests();
    let moved = two_factor::reseal(db, Some(&old), &SealingKey::parse(&new_key).unwrap())
        .await
        .unwrap();
    assert_eq!(moved, 1);
    code_step(&elsewhere, "sid@opcc.example", &secret)
        .await
        .unwrap();
    assert!(code_step(db, "sid@opcc.example", &secret).await.is_err());

    // A key stored in the clear before sealing (as the previous release wrote it) is sealed.
    sqlx::query("UPDATE users SET totp_secret = $1 WHERE email = 'sid@opcc.example'")
        .bind(secret.base32())
        .execute(db.pool())
        .await
        .unwrap();
    assert_eq!(two_factor::seal_unsealed(&elsewhere).await.unwrap(), 1);
    assert!(column("totp_secret").await.starts_with("v1."));
    assert_eq!(two_factor::seal_unsealed(&elsewhere).await.unwrap(), 0);
    code_step(&elsewhere, "sid@opcc.example", &secret)
        .await
        .unwrap();
}
