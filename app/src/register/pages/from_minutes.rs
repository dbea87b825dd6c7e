//! The confirmation step after saving minutes that contain `ACTION:` lines: the recognised
//! actions, each with a topic to choose, created in one go; those already created, with
//! their references; and lines that look like actions but could not be read, with why.

use domain::{MinutesActions, Owner};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::components::{raw_text, ErrorSummary, FormError, SuccessBanner};
use crate::meetings::{flag_message, page_id};
use crate::register::server::*;

#[component]
pub fn MinutesActionsPage() -> impl IntoView {
    let id = page_id();
    let create = ServerAction::<CreateMinutesActions>::new();
    let review = Resource::new(
        move || (id(), create.version().get()),
        |(id, _)| minutes_actions(id),
    );
    let error: FormError = crate::components::form_error(create);
    let saved = flag_message(
        "saved",
        &[(
            "",
            "The minutes were saved. Check the actions found in them.",
        )],
    );
    let created = flag_message("created", &[("", "The actions were created")]);
    view! {
        {crate::components::loaded(review, move |r| view! {
            <Title text="Actions in the minutes"/>
            <A href=format!("/meetings/{}/minutes", r.meeting_id) attr:class="govuk-back-link">"Back to the minutes"</A>
            <SuccessBanner message=saved/>
            <SuccessBanner message=created/>
            <ErrorSummary error/>
            <span class="govuk-caption-l">{format!("{}: {}", r.board_name, r.meeting.long)}</span>
            <h1 class="govuk-heading-l">"Actions in the minutes"</h1>
            <p class="govuk-body">
                "Lines of the minutes written as "<code>"ACTION: Force to … by 2026-12-31"</code>
                " — with a bullet or number before them, in bold, with a dash instead of the colon, or naming a title such as "
                <code>"Chief Constable to …"</code>" (from "
                {if r.may_edit_titles {
                    view! { <A href=crate::routes::OWNER_TITLES.path attr:class="govuk-link">"the list of owners' titles"</A> }.into_any()
                } else {
                    view! { "the list of owners' titles" }.into_any()
                }}
                ", kept by the secretariat) — become actions once you confirm them here. "
                "The due date may be a date, "<code>"by the end of March"</code>", "<code>"by the next meeting"</code>" or "<code>"within 10 working days"</code>"."
            </p>
            <p class="govuk-body">
                "Due dates count from the day of the meeting, not from today: a deadline runs from when the board set it. "
                "A due date that has already passed, or falls on a weekend or bank holiday, is pointed out below. "
                "Correct a line here if the board meant otherwise: the minutes keep the line as written, and the action records what was corrected."
            </p>
            <Pending review=r.clone() create error/>
            <Created review=r/>
        }.into_any())}
    }
}

/// A field of one line's form: `key` is the element's id and the name its error is filed
/// under (`due_12`), `name` what the form sends (`due[12]`, one map per field).
#[derive(Clone)]
struct LineField {
    key: String,
    name: String,
}

impl LineField {
    fn new(field: &str, line: usize) -> LineField {
        LineField {
            key: format!("{field}_{line}"),
            name: format!("{field}[{line}]"),
        }
    }

    fn message(&self, error: FormError) -> Signal<Option<String>> {
        let key = self.key.clone();
        Signal::derive(move || {
            error
                .try_with(|e| {
                    e.as_ref()
                        .and_then(|e| e.field_errors())
                        .and_then(|f| f.get(&key))
                        .map(str::to_owned)
                })
                .flatten()
        })
    }

    /// What was sent with a refused form, else `initial`.
    fn shown(&self, error: FormError, initial: String) -> String {
        error
            .try_with(|e| {
                e.as_ref()
                    .and_then(|e| e.value(&self.key))
                    .map(str::to_owned)
            })
            .flatten()
            .unwrap_or(initial)
    }

    /// Whether a refused form was sent with anything in this field (a ticked box).
    fn sent(&self, error: FormError) -> Option<bool> {
        error
            .try_with(|e| e.as_ref().map(|e| e.value(&self.key).is_some()))
            .flatten()
    }
}

/// The label, hint and error message of a line's field, around `control`.
fn line_group(
    field: &LineField,
    label: String,
    hint: Option<String>,
    error: FormError,
    control: AnyView,
) -> impl IntoView {
    let message = field.message(error);
    let error_id = format!("{}-error", field.key);
    let hint_id = format!("{}-hint", field.key);
    view! {
        <div class=move || if message.try_with(Option::is_some).unwrap_or(false) { "govuk-form-group govuk-form-group--error" } else { "govuk-form-group" }>
            <label class="govuk-label" for=field.key.clone()>{label}</label>
            {hint.map(|h| view! { <div id=hint_id class="govuk-hint">{h}</div> })}
            {move || message.try_get().flatten().map(|m| view! {
                <p id=error_id.clone() class="govuk-error-message"><span class="govuk-visually-hidden">"Error: "</span>{m}</p>
            })}
            {control}
        </div>
    }
}

/// A select of `options` (value, label) with the chosen one selected.
fn line_select(
    field: &LineField,
    empty: &'static str,
    options: Vec<(String, String)>,
    chosen: String,
) -> AnyView {
    view! {
        <select class="govuk-select" id=field.key.clone() name=field.name.clone()>
            <option value="">{empty}</option>
            {options.into_iter().map(|(value, label)| {
                let selected = value == chosen;
                view! { <option value=value selected=selected>{label}</option> }
            }).collect::<Vec<_>>()}
        </select>
    }
    .into_any()
}

/// What the person may correct on a line: owner, owner's name, what must be done, due
/// date — each starting from what was read.
#[component]
fn Corrections(
    line: usize,
    owner: Option<Owner>,
    owner_name: String,
    text: String,
    due: String,
    error: FormError,
) -> impl IntoView {
    let owner_field = LineField::new("owner", line);
    let name_field = LineField::new("owner_name", line);
    let text_field = LineField::new("text", line);
    let due_field = LineField::new("due", line);
    let keep_field = LineField::new("keep_due", line);
    let owners = Owner::options()
        .into_iter()
        .map(|(v, l)| (v.to_owned(), l.to_owned()))
        .collect();
    let chosen_owner = owner_field.shown(
        error,
        owner.map(|o| o.as_str().to_owned()).unwrap_or_default(),
    );
    let name = name_field.shown(error, owner_name);
    let text = text_field.shown(error, text);
    let due = due_field.shown(error, due);
    // Asked about once the date has been refused as past, weekend or bank holiday.
    let asked = due_field
        .message(error)
        .try_get_untracked()
        .flatten()
        .is_some_and(|m| m.contains("tick the box"));
    view! {
        {line_group(&owner_field, format!("Who owns the action on line {line}"), None, error,
            line_select(&owner_field, "Choose…", owners, chosen_owner))}
        {line_group(&name_field, format!("Owner's name or team (line {line})"), None, error, view! {
            <input class="govuk-input govuk-!-width-two-thirds" id=name_field.key.clone() name=name_field.name.clone() type="text" value=name/>
        }.into_any())}
        {line_group(&text_field, format!("What must be done (line {line})"), None, error, view! {
            <textarea class="govuk-textarea" id=text_field.key.clone() name=text_field.name.clone() rows="2">{raw_text(&text)}</textarea>
        }.into_any())}
        {line_group(&due_field, format!("Due date (line {line})"),
            Some("A date such as 31/03/2027, 31 March 2027, \"the end of March\", \"the next meeting\" or \"20 working days\" (counted from the meeting)".to_owned()),
            error, view! {
            <input class="govuk-input govuk-input--width-20" id=due_field.key.clone() name=due_field.name.clone() type="text" value=due/>
        }.into_any())}
        {asked.then(|| view! {
            <div class="govuk-checkboxes govuk-checkboxes--small govuk-!-margin-bottom-4">
                <div class="govuk-checkboxes__item">
                    <input class="govuk-checkboxes__input" id=keep_field.key.clone() name=keep_field.name.clone() type="checkbox" value="yes"/>
                    <label class="govuk-label govuk-checkboxes__label" for=keep_field.key.clone()>{format!("Keep this due date for line {line}")}</label>
                </div>
            </div>
        })}
    }
}

/// The topic to file a line's action under, and the box that includes it.
#[component]
fn TopicAndInclude(
    line: usize,
    suggested: Option<i64>,
    topics: Vec<(i64, String)>,
    included: bool,
    error: FormError,
) -> impl IntoView {
    let topic_field = LineField::new("topic", line);
    let include_field = LineField::new("include", line);
    let chosen = topic_field.shown(error, suggested.map(|t| t.to_string()).unwrap_or_default());
    let options = topics
        .into_iter()
        .map(|(id, name)| (id.to_string(), name))
        .collect();
    let checked = include_field.sent(error).unwrap_or(included);
    view! {
        {line_group(&topic_field, format!("Topic of the action on line {line}"), None, error,
            line_select(&topic_field, "Choose a topic", options, chosen))}
        <div class="govuk-checkboxes govuk-checkboxes--small">
            <div class="govuk-checkboxes__item">
                <input class="govuk-checkboxes__input" id=include_field.key.clone() name=include_field.name.clone() type="checkbox" value="on" checked=checked/>
                <label class="govuk-label govuk-checkboxes__label" for=include_field.key.clone()>{format!("Create the action on line {line}")}</label>
            </div>
        </div>
    }
}

/// Every line still to create — those that could not be read first, then those read — in
/// one form with one button.
#[component]
fn Pending(
    review: MinutesActions,
    create: ServerAction<CreateMinutesActions>,
    error: FormError,
) -> impl IntoView {
    let pending: Vec<_> = review
        .proposed
        .iter()
        .filter(|p| p.created.is_none())
        .cloned()
        .collect();
    let unreadable: Vec<_> = review
        .unreadable
        .iter()
        .filter(|u| u.created.is_none())
        .cloned()
        .collect();
    if pending.is_empty() && unreadable.is_empty() {
        return view! { <p class="govuk-body">"No new actions to create from this version of the minutes."</p> }.into_any();
    }
    let count = pending.len();
    let topics = review.topics.clone();
    let meeting = review.meeting_id;
    let unreadable_view = (!unreadable.is_empty()).then(|| {
        let topics = topics.clone();
        view! {
            <h2 class="govuk-heading-m">{format!("Lines that name an action but could not be read ({})", unreadable.len())}</h2>
            <p class="govuk-body">
                "Each is shown with why. Complete it here and tick its box to create it as corrected (the minutes keep the line as written), or "
                <A href=format!("/meetings/{meeting}/minutes") attr:class="govuk-link">"correct the minutes"</A>"."
            </p>
            {unreadable.into_iter().map(|u| {
                let line = u.line_no;
                let topics = topics.clone();
                view! {
                    <div class="govuk-summary-card app-unreadable-line">
                        <div class="govuk-summary-card__title-wrapper">
                            <h3 class="govuk-summary-card__title">{format!("Line {line} could not be read")}</h3>
                        </div>
                        <div class="govuk-summary-card__content">
                            <p class="govuk-body govuk-!-margin-bottom-1"><code>{u.line.clone()}</code></p>
                            <p class="govuk-body app-secondary">{u.reason.clone()}</p>
                            <Corrections line owner=u.owner owner_name=u.owner_name.clone() text=u.text.clone() due=u.due_written.clone() error/>
                            <TopicAndInclude line suggested=u.topic topics included=false error/>
                        </div>
                    </div>
                }
            }).collect::<Vec<_>>()}
        }
    });
    let pending_view = (!pending.is_empty()).then(|| view! {
        <h2 class="govuk-heading-m">{format!("New actions found ({count})")}</h2>
        {pending.into_iter().map(|p| {
            let line = p.line_no;
            let topics = topics.clone();
            let fields = ["owner", "owner_name", "text", "due"].map(|f| LineField::new(f, line));
            let corrected_wrong = fields.iter().any(|f| f.message(error).try_get_untracked().flatten().is_some());
            view! {
                <div class="govuk-summary-card">
                    <div class="govuk-summary-card__title-wrapper">
                        <h3 class="govuk-summary-card__title">{format!("Line {line}: {}", p.text)}</h3>
                    </div>
                    <div class="govuk-summary-card__content">
                        <dl class="govuk-summary-list">
                            <div class="govuk-summary-list__row">
                                <dt class="govuk-summary-list__key">"Owner"</dt>
                                <dd class="govuk-summary-list__value">{p.owner.with_name(&p.owner_name)}</dd>
                            </div>
                            <div class="govuk-summary-list__row">
                                <dt class="govuk-summary-list__key">"Due"</dt>
                                <dd class="govuk-summary-list__value">
                                    <time datetime=p.due_on.clone()>{p.due_long.clone()}</time>
                                    <span class="app-secondary">{format!(" (the minutes say \u{201c}{}\u{201d})", p.due_written)}</span>
                                    {p.doubt.clone().map(|d| view! {
                                        <div class="govuk-warning-text app-nomargin">
                                            <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                                            <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">"Warning"</span>{d}</strong>
                                        </div>
                                    })}
                                </dd>
                            </div>
                            <div class="govuk-summary-list__row">
                                <dt class="govuk-summary-list__key">"Agenda item"</dt>
                                <dd class="govuk-summary-list__value">{p.agenda_item.clone().map(|(_, t)| t).unwrap_or_else(|| "None matched".to_owned())}</dd>
                            </div>
                        </dl>
                        <details class="govuk-details" open=corrected_wrong>
                            <summary class="govuk-details__summary">
                                <span class="govuk-details__summary-text">{format!("Correct line {line}")}</span>
                            </summary>
                            <div class="govuk-details__text">
                                <p class="govuk-body">"The minutes keep the line as written; the action records what you correct."</p>
                                <Corrections line owner=Some(p.owner) owner_name=p.owner_name.clone() text=p.text.clone() due=p.due_on.clone() error/>
                            </div>
                        </details>
                        <TopicAndInclude line suggested=p.topic topics included=true error/>
                    </div>
                </div>
            }
        }).collect::<Vec<_>>()}
    });
    view! {
        <ActionForm action=create attr:novalidate=true>
            <input type="hidden" name="meeting" value=review.meeting_id.to_string()/>
            <input type="hidden" name="version" value=review.version.to_string()/>
            {unreadable_view}
            {pending_view}
            <button type="submit" class="govuk-button">{match count {
                0 => "Create the actions ticked".to_owned(),
                1 => "Create the action".to_owned(),
                n => format!("Create {n} actions"),
            }}</button>
        </ActionForm>
    }
    .into_any()
}

#[component]
fn Created(review: MinutesActions) -> impl IntoView {
    let created: Vec<_> = review
        .proposed
        .into_iter()
        .filter_map(|p| p.created.map(|c| (c, p.text)))
        .chain(
            review
                .unreadable
                .into_iter()
                .filter_map(|u| u.created.map(|c| (c, u.line))),
        )
        .collect();
    (!created.is_empty()).then(|| view! {
        <h2 class="govuk-heading-m">"Already created from these minutes"</h2>
        <ul class="govuk-list">
            {created.into_iter().map(|((id, reference), text)| view! {
                <li><A href=format!("/actions/{id}") attr:class="govuk-link">{reference}</A>{format!(": {text}")}</li>
            }).collect::<Vec<_>>()}
        </ul>
    })
}
