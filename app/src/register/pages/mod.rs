//! The accountability register: actions with their deadlines and workflow, questions put to
//! the force, the deadline panel of each home page, and what the public may read.

mod action;
mod actions;
mod bank_holidays;
mod briefing;
mod deadlines;
mod from_minutes;
mod owner_titles;
mod public;
mod questions;
mod timeline;
mod topics;
mod words;

pub use action::ActionPage;
pub use actions::{ActionsPage, EditActionPage, NewActionPage};
pub use bank_holidays::BankHolidaysPage;
pub use briefing::BriefingPage;
pub use deadlines::{DeadlinesPanel, DeadlinesResource};
pub use from_minutes::MinutesActionsPage;
pub use owner_titles::OwnerTitlesPage;
pub(crate) use public::public_action_table;
pub use public::{PublicActionPage, PublicActionsPage, PublicQuestionPage, PublicQuestionsPage};
pub use questions::{EditQuestionPage, NewQuestionPage, QuestionPage, QuestionsPage};
pub use topics::TopicsPage;
pub use words::ResponseWordsPage;

use domain::{ActionStatus, ActionSummary, DueState, QuestionStatus, Role};
use leptos::prelude::*;
use leptos_router::components::A;

/// (id, label) pairs as a select's (value, label) options.
fn options(list: Vec<(i64, String)>) -> Vec<(String, String)> {
    list.into_iter()
        .map(|(id, label)| (id.to_string(), label))
        .collect()
}

/// The one board there is, chosen already; otherwise nothing chosen.
fn only_board(boards: &[(i64, String)]) -> String {
    match boards {
        [(id, _)] => id.to_string(),
        _ => String::new(),
    }
}

/// The signed-in person's role, if any. Pages use it only to decide what to offer; the
/// services check again.
async fn role() -> Option<Role> {
    crate::accounts::signed_in()
        .ok()
        .flatten()
        .map(|me| me.role)
}

fn action_status_tag(status: ActionStatus) -> impl IntoView {
    let class = match status {
        ActionStatus::Open => "govuk-tag govuk-tag--blue",
        ActionStatus::ResponseSubmitted => "govuk-tag govuk-tag--purple",
        ActionStatus::FurtherInformationRequested => "govuk-tag govuk-tag--orange",
        ActionStatus::Closed => "govuk-tag govuk-tag--green",
        ActionStatus::Withdrawn => "govuk-tag govuk-tag--grey",
    };
    view! { <strong class=class>{status.label()}</strong> }
}

fn question_status_tag(status: QuestionStatus) -> impl IntoView {
    let class = match status {
        QuestionStatus::Draft => "govuk-tag govuk-tag--grey",
        QuestionStatus::AwaitingAnswer => "govuk-tag govuk-tag--blue",
        QuestionStatus::Answered => "govuk-tag govuk-tag--purple",
        QuestionStatus::Satisfactory => "govuk-tag govuk-tag--green",
        QuestionStatus::FurtherInformationRequested => "govuk-tag govuk-tag--orange",
        QuestionStatus::Withdrawn => "govuk-tag govuk-tag--grey",
    };
    view! { <strong class=class>{status.label()}</strong> }
}

/// The due date, with "Overdue" / "Due soon" / "Extended" beside it when they apply.
/// An action's due date with its tags: how late it is (in working days, where known), due
/// soon, extended.
fn action_due(a: &ActionSummary) -> impl IntoView {
    due_cell(
        a.due_on.clone(),
        a.due_long.clone(),
        a.due_state,
        a.extended,
        a.overdue_by,
    )
}

fn due_cell(
    due_on: String,
    due_long: String,
    state: DueState,
    extended: bool,
    overdue_by: u32,
) -> impl IntoView {
    let tag = match state {
        DueState::Overdue if overdue_by > 0 => Some((
            "govuk-tag govuk-tag--red",
            format!(
                "Overdue by {overdue_by} working {}",
                if overdue_by == 1 { "day" } else { "days" }
            ),
        )),
        DueState::Overdue => Some(("govuk-tag govuk-tag--red", "Overdue".to_owned())),
        DueState::DueSoon => Some(("govuk-tag govuk-tag--yellow", "Due soon".to_owned())),
        _ => None,
    };
    view! {
        <time datetime=due_on>{due_long}</time>
        {tag.map(|(class, text)| view! { " "<strong class=class>{text}</strong> })}
        {extended.then(|| view! { " "<strong class="govuk-tag govuk-tag--turquoise">"Extended"</strong> })}
    }
}

/// A table of actions, each reference linking to its page.
fn action_table(caption: String, actions: Vec<ActionSummary>) -> impl IntoView {
    view! {
        <table class="govuk-table app-register">
            <caption class="govuk-table__caption govuk-table__caption--m">{caption}</caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Reference"</th>
                    <th scope="col" class="govuk-table__header">"Action"</th>
                    <th scope="col" class="govuk-table__header">"Owner"</th>
                    <th scope="col" class="govuk-table__header">"Due"</th>
                    <th scope="col" class="govuk-table__header">"Status"</th>
                </tr>
            </thead>
            <tbody class="govuk-table__body">
                {actions.into_iter().map(|a| {
                    let due = action_due(&a);
                    view! {
                    <tr class="govuk-table__row">
                        <td data-label="Reference" class="govuk-table__cell app-nowrap">
                            <A href=format!("/actions/{}", a.id) attr:class="govuk-link">{a.reference.clone()}</A>
                        </td>
                        <td data-label="Action" class="govuk-table__cell">
                            {a.text.clone()}
                            <br/><span class="app-secondary">{format!("{} · {} priority", a.topic, a.priority.label())}</span>
                        </td>
                        <td data-label="Owner" class="govuk-table__cell">{a.owner.with_name(&a.owner_name)}</td>
                        <td data-label="Due" class="govuk-table__cell">{due}</td>
                        <td data-label="Status" class="govuk-table__cell">
                            {action_status_tag(a.status)}
                            {a.assurance.map(|level| view! { <br/><span class="app-secondary">{level.label()}</span> })}
                        </td>
                    </tr>
                }
                }).collect::<Vec<_>>()}
            </tbody>
        </table>
    }
}
