//! Every server function, with a body that works for it and who may call it: one table per
//! area, in the order they are called (some calls need an earlier one's result).

use domain::Role;

use crate::support::{self, TestServer};

mod equality;
mod evidence;
mod meetings;
mod people;
mod register;

/// A server function call: its path under `/api/`, a form body, and who may make it.
pub(super) struct Call {
    pub(super) path: &'static str,
    pub(super) body: fn(&TestServer, &str) -> Vec<(String, String)>,
    pub(super) allowed: fn(Option<Role>) -> bool,
}

pub(super) fn anyone(_: Option<Role>) -> bool {
    true
}

pub(super) fn admin_only(who: Option<Role>) -> bool {
    who == Some(Role::Admin)
}

pub(super) fn opcc(who: Option<Role>) -> bool {
    who.is_some_and(Role::is_opcc)
}

pub(super) fn editors(who: Option<Role>) -> bool {
    matches!(who, Some(Role::Admin | Role::Secretariat))
}

pub(super) fn signed_in(who: Option<Role>) -> bool {
    who.is_some()
}

pub(super) fn commissioner(who: Option<Role>) -> bool {
    who == Some(Role::Commissioner)
}

/// Speak for the force: force liaison, and the secretariat (and admin) recording what came
/// by other means.
pub(super) fn for_the_force(who: Option<Role>) -> bool {
    matches!(
        who,
        Some(Role::Admin | Role::Secretariat | Role::ForceLiaison)
    )
}

pub(super) fn spare_id(
    server: &TestServer,
    who: &str,
    pick: fn(&support::Spare) -> i64,
) -> Vec<(String, String)> {
    let id = pick(server.records.spare(who)).to_string();
    pairs(&[("id", &id)])
}

pub(super) fn board(server: &TestServer) -> String {
    server.records.board.to_string()
}

pub(super) fn meeting(server: &TestServer) -> String {
    server.records.meeting.to_string()
}

/// Letters only, different for each caller: a board code of its own.
pub(super) fn code_for(who: &str) -> String {
    who.chars()
        .filter(char::is_ascii_alphabetic)
        .take(10)
        .collect::<String>()
        .to_uppercase()
}

pub(super) fn none(_: &TestServer, _: &str) -> Vec<(String, String)> {
    Vec::new()
}

pub(super) fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// The commissioner's account is the one the admin calls change: it exists for every
/// caller and changing it does not affect the callers' own sessions.
pub(super) fn target(server: &TestServer) -> String {
    server.account(Role::Commissioner).0.to_string()
}

/// Every row, in order.
pub fn calls() -> impl Iterator<Item = &'static Call> {
    people::CALLS
        .iter()
        .chain(meetings::CALLS)
        .chain(register::CALLS)
        .chain(evidence::CALLS)
        .chain(equality::CALLS)
}

/// Called separately, last, because they change the caller's own session.
/// Setting a password from an invitation link ends the invited person's sessions; it needs a
/// real link, so `server/tests/http.rs` calls it.
/// The second step of signing in needs a session awaiting its code: `server/tests/http.rs`.
pub const SESSION_CALLS: [&str; 4] = ["sign-in", "sign-out", "invitation/accept", "sign-in/code"];
