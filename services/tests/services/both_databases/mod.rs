//! The data layer's stories, each run on SQLite (a temporary file) and on PostgreSQL (a new
//! database on the local server, dropped afterwards).

use domain::{AuditFilter, NewPassword, Role};
use services::accounts::auth::{self, Throttle};
use services::accounts::kept::{self, Kept};
use services::accounts::sessions::{self, Resumed, SessionPolicy};
use services::accounts::users::{self, NewUser, UserDetails};
use services::audit::Actor;
use services::{Db, Error};

use crate::support::people::audited;

on_both!(
    users_are_created_listed_and_audited,
    duplicate_email_is_a_field_error_and_saves_nothing,
    sign_in_starts_a_session_that_expires,
    a_person_sees_their_sessions_and_signs_out_the_others,
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
    the_chain_names_each_change_made_behind_its_back,
    concurrent_writers_make_one_chain,
    earlier_events_are_sealed_once,
    a_password_an_admin_set_is_changed_at_the_next_sign_in,
    power_needs_the_admins_password_again,
    wrong_confirmations_are_throttled_like_sign_ins,
    a_second_factor_is_set_up_and_asked_for_at_sign_in,
    wrong_codes_are_throttled_like_passwords,
    an_admin_resets_a_second_factor_with_their_password,
    a_connection_whose_transaction_failed_to_end_is_not_lent_again,
    second_factor_secrets_are_sealed_at_rest,
);

fn by_action(action: &str) -> AuditFilter {
    AuditFilter {
        action: Some(action.into()),
        ..Default::default()
    }
}

const PASSWORD: &str = "correct horse battery staple";

async fn add(db: &Db, email: &str, role: Role) -> domain::UserView {
    // A name of their own: two accounts may not share one (nor one that looks the same).
    let name = format!("Test Person {}", email.split('@').next().unwrap_or(email));
    let new = NewUser::parse(email, &name, role.as_str(), PASSWORD).unwrap();
    users::create(db, &Actor::command_line(), new, "")
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

mod audit_chain;
mod connections;
mod passwords;
mod people;
mod signing_in;
mod two_factor;
use audit_chain::*;
use connections::*;
use passwords::*;
use people::*;
use signing_in::*;
use two_factor::*;
