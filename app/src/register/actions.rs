//! The action register (filtered, sorted, a page at a time), recording an action, and an
//! action's page with its timeline and the forms for each step of its workflow.

use domain::{
    ActionStatus, ActionView, Choices, ExtensionStatus, Owner, Priority, RegisterCounts,
    RegisterFilter, RegisterPage, RegisterSort, Role, DUE_HINT,
};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use super::server::*;
use super::{action_due, action_status_tag, action_table, only_board, options, role};
use crate::components::{
    Checkbox, ChooseField, ConfirmPanel, ErrorSummary, FormError, Pagination, Radios, ShowError,
    SuccessBanner, TextArea, TextField,
};
use crate::meetings::{flag_message, page_id};
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
    view! {
        <ErrorSummary error/>
        <CountStrip counts=page.counts/>
        <Filters filter=page.filter.clone() boards=page.boards topics=page.topics force error/>
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
            <button type="submit" class="govuk-button govuk-button--secondary">"Show actions"</button>
            " "
            <a class="govuk-link app-inline-link" href="/actions">"Clear filters"</a>
        </form>
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
    let error: FormError =
        Signal::derive(move || create.value().try_get().flatten().and_then(Result::err));
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
    let error: FormError =
        Signal::derive(move || update.value().try_get().flatten().and_then(Result::err));
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

const SAVED: &[(&str, &str)] = &[
    ("created", "The action was recorded"),
    ("edited", "The action's details were saved"),
    ("response", "The response was submitted"),
    ("assessed", "The assessment was recorded"),
    ("withdrawn", "The action was withdrawn"),
    ("extension_requested", "The extension request was sent"),
    (
        "extension_decided",
        "The decision on the extension was recorded",
    ),
    ("published", "The action is now on the public pages"),
    ("unpublished", "The action is no longer on the public pages"),
];

#[component]
pub fn ActionPage() -> impl IntoView {
    let id = page_id();
    let respond = ServerAction::<RespondToAction>::new();
    let assess = ServerAction::<AssessAction>::new();
    let withdraw = ServerAction::<WithdrawAction>::new();
    let extend = ServerAction::<RequestExtension>::new();
    let decide = ServerAction::<DecideExtension>::new();
    let publish = ServerAction::<PublishAction>::new();
    let action = Resource::new(
        move || {
            (
                id(),
                respond.version().get() + assess.version().get() + withdraw.version().get(),
                extend.version().get() + decide.version().get() + publish.version().get(),
            )
        },
        |(id, ..)| get_action(id),
    );
    let forms = Forms {
        respond,
        assess,
        withdraw,
        extend,
        decide,
        publish,
    };
    let saved = flag_message("saved", SAVED);
    let query = use_query_map();
    // Tracked: "No, go back" and a done step change only the address's query.
    let confirming = move || query.with(|q| q.get("confirm").as_deref() == Some("unpublish"));
    view! {
        <Suspense fallback=|| view! { <p class="govuk-body">"Loading…"</p> }>
            {move || {
                let confirming = confirming();
                Suspend::new(async move {
                let force = role().await == Some(Role::ForceLiaison);
                match action.await {
                    Err(e) => view! { <ShowError error=e/> }.into_any(),
                    Ok(view) => view! {
                        <Title text=format!("Action {}", view.summary.reference)/>
                        <A href="/actions" attr:class="govuk-back-link">"Back to the register"</A>
                        <SuccessBanner message=saved/>
                        {forms.errors().into_iter().map(|error| view! { <ErrorSummary error/> }).collect::<Vec<_>>()}
                        <ActionDetails view=view.clone() force/>
                        {(confirming && view.summary.published && view.may.edit).then(|| {
                            let id = view.summary.id;
                            view! {
                                <ConfirmPanel question=format!("Take action {} off the public pages?", view.summary.reference)
                                    detail="The public will no longer see it, its responses or the Commissioner's judgement, and it leaves its meeting's public page."
                                    cancel=format!("/actions/{id}")>
                                    <ActionForm action=forms.publish attr:class="app-inline-form">
                                        <input type="hidden" name="id" value=id.to_string()/>
                                        <input type="hidden" name="publish" value="no"/>
                                        <button type="submit" class="govuk-button govuk-button--warning">"Yes, take it off"</button>
                                    </ActionForm>
                                </ConfirmPanel>
                            }
                        })}
                        <LatestResponse view=view.clone()/>
                        <Workflow view=view.clone() forms/>
                        <History view/>
                    }.into_any(),
                }
            })}}
        </Suspense>
    }
}

/// The forms of an action's page, each with its own error.
#[derive(Clone, Copy)]
struct Forms {
    respond: ServerAction<RespondToAction>,
    assess: ServerAction<AssessAction>,
    withdraw: ServerAction<WithdrawAction>,
    extend: ServerAction<RequestExtension>,
    decide: ServerAction<DecideExtension>,
    publish: ServerAction<PublishAction>,
}

fn error_of<A>(action: ServerAction<A>) -> FormError
where
    A: leptos::server_fn::ServerFn<Output = (), Error = AppError> + Clone + Send + Sync + 'static,
{
    Signal::derive(move || action.value().try_get().flatten().and_then(Result::err))
}

impl Forms {
    fn errors(&self) -> [FormError; 6] {
        [
            error_of(self.respond),
            error_of(self.assess),
            error_of(self.withdraw),
            error_of(self.extend),
            error_of(self.decide),
            error_of(self.publish),
        ]
    }
}

/// The force's latest response, above the forms that judge it (and the full history below).
#[component]
fn LatestResponse(view: ActionView) -> impl IntoView {
    let latest = view
        .timeline
        .iter()
        .rev()
        .find(|entry| entry.what == "Response submitted")
        .cloned();
    let awaiting = view.summary.status == ActionStatus::ResponseSubmitted;
    latest.filter(|_| awaiting || view.may.respond).map(|entry| {
        view! {
            <section class="app-latest-response" aria-labelledby="latest-response">
                <h2 class="govuk-heading-m" id="latest-response">
                    {if awaiting { "The response to assess" } else { "The force's last response" }}
                </h2>
                <p class="govuk-body app-secondary">{format!("{}, {}", entry.who, entry.at.long)}</p>
                <div class="app-minutes" inner_html=entry.body_html/>
            </section>
        }
    })
}

/// Where a linked meeting can be read: its staff page for the OPCC; for force liaison, its
/// public page (the only meetings they are shown are published ones).
fn meeting_href(meeting: i64, force: bool) -> String {
    if force {
        format!("/public/meetings/{meeting}")
    } else {
        format!("/meetings/{meeting}")
    }
}

#[component]
fn ActionDetails(view: ActionView, force: bool) -> impl IntoView {
    let s = view.summary.clone();
    let row = |key: &'static str, value: AnyView| {
        view! {
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">{key}</dt>
                <dd class="govuk-summary-list__value">{value}</dd>
            </div>
        }
    };
    let origin = match (&view.meeting, &view.agenda_item, &view.question) {
        (Some((meeting, at)), item, _) => view! {
            <A href=meeting_href(*meeting, force) attr:class="govuk-link">{format!("Meeting of {}", at.long)}</A>
            {item.clone().map(|(_, title)| view! { <br/>{format!("Agenda item: {title}")} })}
            {view.minutes_version.map(|v| view! { <br/>{format!("Recorded from the minutes (version {v})")} })}
        }.into_any(),
        (None, _, Some((question, text))) => view! {
            <A href=format!("/questions/{question}") attr:class="govuk-link">{format!("Question: {text}")}</A>
        }.into_any(),
        _ => view! { "Standalone" }.into_any(),
    };
    view! {
        <span class="govuk-caption-l">{format!("{} · {}", view.board_name, s.topic)}</span>
        <h1 class="govuk-heading-l">{format!("Action {}", s.reference)}</h1>
        <p class="govuk-body-l">{s.text.clone()}</p>
        <dl class="govuk-summary-list">
            {row("Status", action_status_tag(s.status).into_any())}
            {row("Due", view! {
                {action_due(&s)}
                {s.extended.then(|| view! { <br/>{format!("Originally due {}", view.original_due_on)} })}
            }.into_any())}
            {row("Owner", view! { {format!("{}: {}", s.owner.label(), s.owner_name)} }.into_any())}
            {row("Priority", view! { {s.priority.label()} }.into_any())}
            {row("Arose from", origin)}
            {row("Recorded", view! { {view.created.long.clone()} }.into_any())}
            {row("Public", view! { {if s.published { "Published" } else { "Not published" }} }.into_any())}
        </dl>
    }
}

#[component]
fn Workflow(view: ActionView, forms: Forms) -> impl IntoView {
    let id = view.summary.id;
    let may = view.may;
    let [respond_error, assess_error, withdraw_error, extend_error, decide_error, _] =
        forms.errors();
    let pending = view
        .extensions
        .iter()
        .find(|e| e.status == ExtensionStatus::Pending)
        .cloned();
    let published = view.summary.published;
    let hidden = move || view! { <input type="hidden" name="id" value=id.to_string()/> };
    view! {
        {may.respond.then(|| view! {
            <h2 class="govuk-heading-m">"Respond"</h2>
            <ActionForm action=forms.respond attr:novalidate=true>
                {hidden()}
                <TextArea label="Response" name="response" error=respond_error rows=6
                    hint="What was done, with links to the evidence. Markdown: **bold**, lists, [links](https://…). Images are not shown: link to them."/>
                <button type="submit" class="govuk-button">"Submit response"</button>
            </ActionForm>
        })}
        {may.request_extension.then(|| view! {
            <h2 class="govuk-heading-m">"Ask for more time"</h2>
            <ActionForm action=forms.extend attr:novalidate=true>
                {hidden()}
                <TextArea label="Why more time is needed" name="reason" error=extend_error rows=3/>
                <TextField label="Proposed due date" name="proposed" error=extend_error hint=DUE_HINT width_class="govuk-input--width-20"/>
                <button type="submit" class="govuk-button govuk-button--secondary">"Request extension"</button>
            </ActionForm>
        })}
        {may.assess.then(|| view! {
            <h2 class="govuk-heading-m">"Assess the response"</h2>
            <ActionForm action=forms.assess attr:novalidate=true>
                {hidden()}
                <Radios legend="Outcome" name="outcome" error=assess_error options=vec![
                    ("accept", "Accept the response and close the action"),
                    ("further_information", "Ask for further information"),
                ]/>
                <TextArea label="Note" name="note" error=assess_error rows=3
                    hint="Required when asking for further information: say what is needed."/>
                <TextField label="New due date (optional)" name="due" error=assess_error hint=DUE_HINT width_class="govuk-input--width-20"/>
                <button type="submit" class="govuk-button">"Record assessment"</button>
            </ActionForm>
        })}
        {pending.clone().filter(|_| may.decide_extension).map(|request| view! {
            <h2 class="govuk-heading-m">"Decide the extension request"</h2>
            <p class="govuk-body">{format!(
                "{} asked on {} to move the due date from {} to {}:",
                request.requested_by, request.requested_at.long, request.due_on_before, request.proposed_due_on
            )}</p>
            <div class="govuk-inset-text">{request.reason.clone()}</div>
            <ActionForm action=forms.decide attr:novalidate=true>
                {hidden()}
                <Radios legend="Decision" name="decision" error=decide_error options=vec![
                    ("approve", "Approve the new due date"),
                    ("refuse", "Refuse: keep the current due date"),
                ]/>
                <TextArea label="Note" name="decision_note" error=decide_error rows=3 hint="Required when refusing."/>
                <button type="submit" class="govuk-button">"Record decision"</button>
            </ActionForm>
        })}
        {pending.filter(|_| !may.decide_extension).map(|request| view! {
            <div class="govuk-inset-text">{format!(
                "An extension to {} is awaiting the Commissioner's decision.", request.proposed_due_on
            )}</div>
        })}
        {may.edit.then(|| view! {
            <A href=format!("/actions/{id}/edit") attr:class="govuk-button govuk-button--secondary" attr:role="button">"Edit details"</A>
            " "
            {if published {
                view! {
                    <a href=format!("/actions/{id}?confirm=unpublish") class="govuk-button govuk-button--secondary" role="button">"Remove from the public pages"</a>
                }.into_any()
            } else {
                view! {
                    <ActionForm action=forms.publish attr:class="app-inline-form">
                        {hidden()}
                        <input type="hidden" name="publish" value="yes"/>
                        <button type="submit" class="govuk-button govuk-button--secondary">"Publish on the public pages"</button>
                    </ActionForm>
                }.into_any()
            }}
        })}
        {may.withdraw.then(|| view! {
            <details class="govuk-details">
                <summary class="govuk-details__summary"><span class="govuk-details__summary-text">"Withdraw this action"</span></summary>
                <div class="govuk-details__text">
                    <ActionForm action=forms.withdraw attr:novalidate=true>
                        {hidden()}
                        <TextArea label="Why it is withdrawn" name="withdrawal_reason" error=withdraw_error rows=3/>
                        <button type="submit" class="govuk-button govuk-button--warning">"Withdraw action"</button>
                    </ActionForm>
                </div>
            </details>
        })}
    }
}

#[component]
fn History(view: ActionView) -> impl IntoView {
    let has_extensions = !view.extensions.is_empty();
    view! {
        {has_extensions.then(|| view! {
            <table class="govuk-table">
                <caption class="govuk-table__caption govuk-table__caption--m">"Extension requests"</caption>
                <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Asked"</th>
                        <th scope="col" class="govuk-table__header">"Due date then"</th>
                        <th scope="col" class="govuk-table__header">"Proposed"</th>
                        <th scope="col" class="govuk-table__header">"Decision"</th>
                    </tr>
                </thead>
                <tbody class="govuk-table__body">
                    {view.extensions.iter().map(|e| view! {
                        <tr class="govuk-table__row">
                            <td data-label="Asked" class="govuk-table__cell">{format!("{} by {}", e.requested_at.long, e.requested_by)}<br/>{e.reason.clone()}</td>
                            <td data-label="Due date then" class="govuk-table__cell">{e.due_on_before.clone()}</td>
                            <td data-label="Proposed" class="govuk-table__cell">{e.proposed_due_on.clone()}</td>
                            <td data-label="Decision" class="govuk-table__cell">{e.status.label()}{(!e.decision_note.is_empty()).then(|| view! { <br/>{e.decision_note.clone()} })}</td>
                        </tr>
                    }).collect::<Vec<_>>()}
                </tbody>
            </table>
        })}
        <h2 class="govuk-heading-m">"Timeline"</h2>
        <ol class="app-timeline">
            {view.timeline.into_iter().map(|entry| view! {
                <li class="app-timeline__entry">
                    <h3 class="govuk-heading-s app-nomargin">{entry.what.clone()}</h3>
                    <p class="govuk-body-s app-secondary">
                        <time datetime=entry.at.utc.clone()>{entry.at.long.clone()}</time>{format!(" by {}", entry.who)}
                        {entry.due_on.clone().map(|d| format!(" · due {d}"))}
                    </p>
                    {(!entry.body_html.is_empty()).then(|| view! { <div class="app-minutes" inner_html=entry.body_html.clone()></div> })}
                </li>
            }).collect::<Vec<_>>()}
        </ol>
    }
}
