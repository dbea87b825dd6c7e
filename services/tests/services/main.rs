//! The data layer's stories, run on SQLite and on PostgreSQL alike: one test binary for
//! the crate (one link, every story in parallel), a module per area.

#[macro_use]
mod support;

mod both_databases;
mod equality;
mod evidence;
mod meetings;
mod register;
mod reminders;
