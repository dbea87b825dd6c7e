//! The accountability register — actions, questions, deadlines, extensions — as stories
//! run on SQLite and on PostgreSQL alike.

use chrono::{Days, NaiveDate};
use domain::{
    ActionStatus, DueState, ExtensionStatus, Owner, QuestionStatus, RegisterFilter, Role,
};
use services::audit::Actor;
use services::common::working_days;
use services::register::actions::{self, ActionInput, Assessment, NewAction, Window};
use services::register::questions::{self, NewQuestion, QuestionInput};
use services::register::{words, Subject};
use services::{register::topics, Db, Error};

use crate::support::people::{audited, board, field, named, person};

on_both!(
    an_action_goes_round_the_workflow_with_its_timeline,
    illegal_transitions_are_refused_with_a_reason,
    force_liaison_sees_and_changes_only_what_the_force_owns,
    extension_requests_keep_both_dates,
    deadlines_are_derived_from_today,
    the_register_filters_sorts_and_pages,
    bad_action_input_is_refused_and_saves_nothing,
    questions_go_from_draft_to_answered_and_published,
    fifty_concurrent_actions_get_fifty_references,
    actions_in_the_minutes_are_confirmed_and_created_once,
    a_generated_data_set_is_consistent_and_numbering_carries_on,
    the_briefing_pack_groups_a_boards_business_by_topic,
    private_calendar_feeds_hold_each_persons_deadlines,
    an_open_actions_details_can_be_corrected,
    two_people_acting_at_once_one_step_applies,
    an_ended_action_cannot_be_extended_and_its_request_lapses,
    queues_searches_and_counts_show_what_waits,
    doubtful_due_dates_are_asked_about_before_saving,
    one_search_finds_actions_questions_and_minutes_each_may_see,
    a_question_is_corrected_withdrawn_or_its_draft_deleted,
    a_response_says_who_said_it_and_how_it_came,
    minutes_are_published_with_the_actions_chosen,
    the_public_reads_a_response_only_as_the_office_chose,
    a_meetings_actions_are_published_together_from_the_register,
);

fn today() -> NaiveDate {
    services::common::london::today()
}

fn window() -> Window {
    Window {
        today: today(),
        soon_days: 14,
    }
}

/// `days` from today as `YYYY-MM-DD` (negative: in the past).
fn date(days: i64) -> String {
    let day = if days >= 0 {
        today().checked_add_days(Days::new(days as u64))
    } else {
        today().checked_sub_days(Days::new(days.unsigned_abs()))
    };
    day.unwrap().format("%Y-%m-%d").to_string()
}

#[derive(Clone)]
struct Setup {
    secretariat: Actor,
    commissioner: Actor,
    liaison: Actor,
    board: i64,
    topic: i64,
}

async fn setup(db: &Db) -> Setup {
    let secretariat = person(db, Role::Secretariat).await;
    let commissioner = person(db, Role::Commissioner).await;
    let liaison = person(db, Role::ForceLiaison).await;
    let board = board(db, &secretariat, "SPCB").await;
    let topic = topics::list(db).await.unwrap()[0].id;
    Setup {
        secretariat,
        commissioner,
        liaison,
        board,
        topic,
    }
}

async fn new_action(db: &Db, s: &Setup, owner: &str, due: &str, text: &str) -> NewAction {
    let calendar = working_days::calendar(db).await.unwrap();
    let topics = topics::list(db).await.unwrap();
    let (board, topic) = (s.board.to_string(), s.topic.to_string());
    NewAction::parse(
        &ActionInput {
            board: &board,
            text,
            topic: &topic,
            owner,
            owner_name: "Chief Superintendent, Equality",
            priority: "high",
            due,
            ..Default::default()
        },
        &topics,
        today(),
        &calendar,
    )
    .unwrap()
}

async fn record(db: &Db, s: &Setup, owner: &str, due: &str, text: &str) -> i64 {
    let new = new_action(db, s, owner, due, text).await;
    actions::create(db, &s.secretariat, new).await.unwrap().0
}

mod asking;
mod from_minutes;
mod lists;
mod packs;
mod recording;
mod words_chosen;
mod workflow;
use asking::*;
use from_minutes::*;
use lists::*;
use packs::*;
use recording::*;
use words_chosen::*;
use workflow::*;
