//! The action register (filtered, sorted, a page at a time) and the forms that record an
//! action or correct its details. An action's own page is `action`.

use domain::{
    ActionStatus, Choices, Owner, Priority, RegisterCounts, RegisterFilter, RegisterPage,
    RegisterSort, Role, DUE_HINT,
};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use super::{action_table, only_board, options, role};
use crate::components::{
    Checkbox, ChooseField, ErrorSummary, FormError, Pagination, Radios, ShowError, TextArea,
    TextField,
};
use crate::meetings::page_id;
use crate::register::server::*;
use crate::AppError;

/// The register's address for `filter` at `page`.
fn register_link(filter: &RegisterFilter, page: u32) -> String {
    format!("/actions?{}", filter.to_query(Some(page)))
}

#[component]
pub fn ActionsPage() -> impl IntoView {
    let search = leptos_router::hooks::use_location().search;
    let list = Resource::new(move || search.get(), list_actions);
    view! {
        <Title text="Action register"/>
        <h1 class="govuk-heading-l">"Action register"</h1>
        <Suspense fallback=|| view! { <p class="govuk-body">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let role = role().await;
                let records = role.is_some_and(|r| r != Role::ForceLiaison);
                let force = role == Some(Role::ForceLiaison);
                let new_link = records.then(|| view! {
                    <p class="govuk-body">
                        <A href="/actions/new" attr:class="govuk-button" attr:role="button">"Record an action"</A>
                    </p>
                });
                match list.await {
                    Err(e) => view! { <ShowError error=e/> }.into_any(),
                    Ok(page) => view! {
                        {new_link}
                        <Register page force/>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Register(page: RegisterPage, force: bool) -> impl IntoView {
    let previous = (page.page > 1).then(|| register_link(&page.filter, page.page - 1));
    let next = (page.page < page.pages).then(|| register_link(&page.filter, page.page + 1));
    let caption = format!(
        "{} {} (page {} of {})",
        page.total,
        if page.total == 1 { "action" } else { "actions" },
        page.page,
        page.pages
    );
    let csv = register_link(&page.filter, 1).replacen("/actions?", "/actions.csv?", 1);
    // A mistyped date comes back as the field's error, with what was typed.
    let error: FormError = Signal::stored(page.invalid.clone().map(|errors| {
        let typed = use_query_map().with_untracked(|q| {
            [
                ("due_from", q.get("due_from").unwrap_or_default()),
                ("due_to", q.get("due_to").unwrap_or_default()),
            ]
        });
        AppError::from(errors).with_values(&typed.each_ref().map(|(k, v)| (*k, v.as_str())))
    }));
    let meeting = page.meeting.clone();
    let may_publish_meeting = page.may_publish_meeting;
    view! {
        <ErrorSummary error/>
        {meeting.map(|(id, name)| view! { <MeetingActions id name may_publish=may_publish_meeting/> })}
        <CountStrip counts=page.counts/>
        <Filters filter=page.filter.clone() boards=page.boards topics=page.topics tags=page.tags force error/>
        <p class="govuk-body">
            <a class="govuk-link" href=csv download="actions.csv">"Download these actions (CSV)"</a>
        </p>
        {if page.actions.is_empty() {
            view! { <p class="govuk-body">"No actions match."</p> }.into_any()
        } else {
            action_table(caption, page.actions).into_any()
        }}
        <Pagination previous next label="Pages of actions"/>
    }
}

/// What to look at first, each count a link to the register showing those actions.
#[component]
fn CountStrip(counts: RegisterCounts) -> impl IntoView {
    let items = [
        (counts.overdue, "overdue", "/actions?status=live&overdue=on"),
        (
            counts.awaiting_assessment,
            "awaiting assessment",
            "/actions?status=response_submitted",
        ),
        (
            counts.extension_pending,
            "with an extension request to decide",
            "/actions?status=all&extension=pending",
        ),
    ];
    view! {
        <ul class="app-counts" aria-label="Actions to look at first">
            {items.into_iter().map(|(n, what, href)| view! {
                <li class="app-counts__item">
                    <a class="govuk-link app-counts__link" href=href>
                        <span class="app-counts__number">{n}</span>" "{what}
                    </a>
                </li>
            }).collect::<Vec<_>>()}
        </ul>
    }
}

/// The register's filters: a GET form, so a filtered view has an address of its own.
#[component]
fn Filters(
    filter: RegisterFilter,
    boards: Vec<(i64, String)>,
    topics: Vec<(i64, String)>,
    tags: Vec<(String, String)>,
    force: bool,
    error: FormError,
) -> impl IntoView {
    let mut statuses = vec![
        ("live".to_owned(), "Not closed or withdrawn".to_owned()),
        (
            "owed".to_owned(),
            "Awaiting the owner's response".to_owned(),
        ),
    ];
    statuses.extend(
        ActionStatus::ALL
            .iter()
            .map(|s| (s.as_str().to_owned(), s.label().to_owned())),
    );
    let mut owners = Owner::ALL
        .iter()
        .map(|o| (o.as_str().to_owned(), o.label().to_owned()))
        .collect::<Vec<_>>();
    owners.push(("not_force".to_owned(), "OPCC or partner".to_owned()));
    // Due date first is the default, offered as the empty choice.
    let sorts = RegisterSort::ALL
        .iter()
        .filter(|s| **s != RegisterSort::Due)
        .map(|s| (s.as_str().to_owned(), s.label().to_owned()))
        .collect::<Vec<_>>();
    let pairs = options;
    view! {
        <form method="get" action="/actions" class="app-filters" role="search" aria-label="Filter actions">
            <TextField label="Search" name="q" error value=filter.q hint="Words from the action's text, or its reference such as SPCB/2026/014"/>
            <div class="govuk-grid-row">
                <div class="govuk-grid-column-one-third">
                    <ChooseField label="Status" name="status" error options=statuses value=filter.status empty="Any status"/>
                </div>
                {(!force).then(|| view! {
                    <div class="govuk-grid-column-one-third">
                        <ChooseField label="Owner" name="owner" error options=owners value=filter.owner empty="Any owner"/>
                    </div>
                })}
                <div class="govuk-grid-column-one-third">
                    <ChooseField label="Board" name="board" error options=pairs(boards) value=filter.board empty="Any board"/>
                </div>
                <div class="govuk-grid-column-one-third">
                    <ChooseField label="Topic" name="topic" error options=pairs(topics) value=filter.topic empty="Any topic"/>
                </div>
                <div class="govuk-grid-column-one-third">
                    <ChooseField label="Equality" name="tag" error options=tags value=filter.tag empty="Any or none"/>
                </div>
                <div class="govuk-grid-column-one-third">
                    <TextField label="Due from" name="due_from" error value=filter.due_from hint="For example 2026-12-01" width_class="govuk-input--width-10"/>
                </div>
                <div class="govuk-grid-column-one-third">
                    <TextField label="Due by" name="due_to" error value=filter.due_to hint="For example 2026-12-31" width_class="govuk-input--width-10"/>
                </div>
                <div class="govuk-grid-column-one-third">
                    <ChooseField label="Sort by" name="sort" error options=sorts value=filter.sort empty=RegisterSort::Due.label()/>
                </div>
            </div>
            <Checkbox label="Overdue only" name="overdue" error checked=filter.overdue/>
            <Checkbox label="Only actions assigned to me" name="mine" error checked=filter.mine/>
            <Checkbox label="Only actions with an extension request to decide" name="extension" error checked=!filter.extension.is_empty()/>
            {(!filter.meeting.is_empty()).then(|| view! { <input type="hidden" name="meeting" value=filter.meeting.clone()/> })}
            <button type="submit" class="govuk-button govuk-button--secondary">"Show actions"</button>
            " "
            <a class="govuk-link app-inline-link" href="/actions">"Clear filters"</a>
        </form>
    }
}

const MEETING_SAVED: &[(&str, &str)] = &[
    (
        "published",
        "Every action set at the meeting is on the public pages",
    ),
    (
        "unpublished",
        "No action set at the meeting is on the public pages now",
    ),
];

/// The register filtered to one meeting's actions: which meeting, a way back to every
/// action, and for the secretariat the buttons that publish them all, or take them all
/// off the public pages (asked first).
#[component]
fn MeetingActions(id: i64, name: String, may_publish: bool) -> impl IntoView {
    let publish = ServerAction::<PublishMeetingActions>::new();
    let error: FormError = crate::components::form_error(publish);
    let saved = crate::meetings::flag_message("saved", MEETING_SAVED);
    let confirming =
        use_query_map().with_untracked(|q| q.get("confirm").as_deref() == Some("unpublish"));
    let back = format!("/actions?status=all&meeting={id}");
    view! {
        <crate::components::SuccessBanner message=saved/>
        <ErrorSummary error/>
        <div class="govuk-inset-text">
            <p class="govuk-body">
                {format!("Actions set at the meeting of the {name}. ")}
                <a class="govuk-link" href=format!("/meetings/{id}")>"The meeting"</a>" · "
                <a class="govuk-link" href="/actions">"Every action"</a>
            </p>
            {may_publish.then(|| view! {
                <ActionForm action=publish attr:class="app-inline-form">
                    <input type="hidden" name="meeting" value=id.to_string()/>
                    <input type="hidden" name="publish" value="yes"/>
                    <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">"Publish them all"</button>
                </ActionForm>
                " "
                <a href=format!("{back}&confirm=unpublish") class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" role="button">"Take them all off the public pages"</a>
            })}
        </div>
        {(may_publish && confirming).then(|| view! {
            <crate::components::ConfirmPanel question="Take every action set at this meeting off the public pages?".to_owned()
                detail="The public will no longer see them, their responses or the Commissioner's judgements, and they leave the meeting's public page."
                cancel=back.clone()>
                <ActionForm action=publish attr:class="app-inline-form">
                    <input type="hidden" name="meeting" value=id.to_string()/>
                    <input type="hidden" name="publish" value="no"/>
                    <button type="submit" class="govuk-button govuk-button--warning">"Yes, take them all off"</button>
                </ActionForm>
            </crate::components::ConfirmPanel>
        })}
    }
}

/// Shown once a due date needs a second look (it has passed, or is not a working day): the
/// reason, and a box to keep the date anyway.
#[component]
pub(crate) fn ConfirmDue(error: FormError) -> impl IntoView {
    let doubted = move || {
        error
            .try_with(|e| {
                e.as_ref()
                    .and_then(|e| e.field_errors())
                    .is_some_and(|f| f.get("confirm_due").is_some())
            })
            .unwrap_or(false)
    };
    move || {
        doubted().then(|| {
            view! {
                <Checkbox label="Keep this due date" name="confirm_due" error checked=false/>
            }
        })
    }
}

#[component]
pub fn NewActionPage() -> impl IntoView {
    let create = ServerAction::<CreateAction>::new();
    let error: FormError = crate::components::form_error(create);
    let query = use_query_map();
    let (meeting, question) = query.with_untracked(|q| {
        (
            q.get("meeting").unwrap_or_default(),
            q.get("question").unwrap_or_default(),
        )
    });
    let choices = Resource::new(
        {
            let meeting = meeting.clone();
            move || meeting.clone()
        },
        action_choices,
    );
    view! {
        <Title text=move || if error.try_with(Option::is_some).unwrap_or(false) { "Error: Record an action" } else { "Record an action" }/>
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <A href="/actions" attr:class="govuk-back-link">"Back to the register"</A>
                <ErrorSummary error/>
                <h1 class="govuk-heading-l">"Record an action"</h1>
                <Suspense fallback=|| view! { <p class="govuk-body">"Loading…"</p> }>
                    {move || {
                        let (meeting, question) = (meeting.clone(), question.clone());
                        Suspend::new(async move {
                            match choices.await {
                                Err(e) => view! { <ShowError error=e/> }.into_any(),
                                Ok(c) => view! {
                                    <ActionForm action=create attr:novalidate=true>
                                        <ActionFields choices=c error meeting question/>
                                        <button type="submit" class="govuk-button">"Record action"</button>
                                    </ActionForm>
                                }.into_any(),
                            }
                        })
                    }}
                </Suspense>
            </div>
        </div>
    }
}

#[component]
fn ActionFields(
    choices: Choices,
    error: FormError,
    meeting: String,
    question: String,
) -> impl IntoView {
    let pairs = options;
    let single_board = only_board(&choices.boards);
    let has_items = !choices.agenda_items.is_empty();
    view! {
        <ChooseField label="Board" name="board" error options=pairs(choices.boards) value=single_board empty="Choose a board"/>
        <TextArea label="What must be done" name="text" error rows=3/>
        <ChooseField label="Topic" name="topic" error options=pairs(choices.topics) empty="Choose a topic"/>
        <ChooseField label="Meeting it arose at (optional)" name="meeting" error options=pairs(choices.meetings) value=meeting empty="Not from a meeting"/>
        {has_items.then(|| view! {
            <ChooseField label="Agenda item (optional)" name="agenda_item" error options=pairs(choices.agenda_items) empty="No particular item"/>
        })}
        <ChooseField label="Question it arose from (optional)" name="question" error options=pairs(choices.questions) value=question empty="Not from a question"/>
        <Radios legend="Who owns the action" name="owner" error options=Owner::options()/>
        <TextField label="Owner's name or team" name="owner_name" error hint="For example Chief Superintendent, Equality and Inclusion"/>
        <ChooseField label="Owner's Scrutineer account (optional)" name="owner_user" error options=pairs(choices.people)
            empty="No account" hint="Reminders go to this person's email; force liaison for the force, OPCC staff for the OPCC"/>
        <Radios legend="Priority" name="priority" error options=Priority::options() value="medium".to_owned()/>
        <TextField label="Due date" name="due" error hint=DUE_HINT width_class="govuk-input--width-20"/>
        <ConfirmDue error/>
        <Checkbox label="Publish the action and its status on the public pages" name="published" error checked=false/>
    }
}

#[component]
pub fn EditActionPage() -> impl IntoView {
    let id = page_id();
    let update = ServerAction::<UpdateAction>::new();
    let error: FormError = crate::components::form_error(update);
    let action = Resource::new(id, get_action);
    let choices = Resource::new(|| (), |_| action_choices(String::new()));
    view! {
        <Title text=move || if error.try_with(Option::is_some).unwrap_or(false) { "Error: Edit action" } else { "Edit action" }/>
        <Suspense fallback=|| view! { <p class="govuk-body">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match (action.await, choices.await) {
                    (Err(e), _) | (_, Err(e)) => view! { <ShowError error=e/> }.into_any(),
                    (Ok(a), Ok(c)) => {
                        let s = a.summary.clone();
                        view! {
                            <div class="govuk-grid-row">
                                <div class="govuk-grid-column-two-thirds">
                                    <A href=format!("/actions/{}", s.id) attr:class="govuk-back-link">"Back to the action"</A>
                                    <ErrorSummary error/>
                                    <span class="govuk-caption-l">{format!("Action {}", s.reference)}</span>
                                    <h1 class="govuk-heading-l">"Edit action"</h1>
                                    <ActionForm action=update attr:novalidate=true>
                                        <input type="hidden" name="id" value=s.id.to_string()/>
                                        <input type="hidden" name="board" value=a.board_id.to_string()/>
                                        <TextArea label="What must be done" name="text" error rows=3 value=s.text.clone()/>
                                        <ChooseField label="Topic" name="topic" error options=options(c.topics) value=a.topic_id.to_string() empty="Choose a topic"/>
                                        <Radios legend="Who owns the action" name="owner" error options=Owner::options() value=s.owner.as_str().to_owned()/>
                                        <TextField label="Owner's name or team" name="owner_name" error value=s.owner_name.clone()/>
                                        <ChooseField label="Owner's Scrutineer account (optional)" name="owner_user" error options=options(c.people)
                                            value=a.owner_user_id.map(|u| u.to_string()).unwrap_or_default() empty="No account"/>
                                        <Radios legend="Priority" name="priority" error options=Priority::options() value=s.priority.as_str().to_owned()/>
                                        <input type="hidden" name="was_due" value=s.due_on.clone()/>
                                        <TextField label="Due date" name="due" error hint=DUE_HINT width_class="govuk-input--width-20" value=s.due_on.clone()/>
                                        <ConfirmDue error/>
                                        <button type="submit" class="govuk-button">"Save action"</button>
                                    </ActionForm>
                                </div>
                            </div>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}
