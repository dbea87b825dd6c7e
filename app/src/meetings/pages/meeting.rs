//! A meeting: adding and editing it, its agenda (add, edit, move up and down, remove, and a
//! printable view) and who attended.

use domain::{AgendaPurpose, Attendance, MeetingStatus, MeetingView};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use super::{editor, flag_message, minutes_tag, page_id, status_tag};
use crate::components::{
    ConfirmPanel, ErrorSummary, FormError, SelectField, ShowError, SuccessBanner, TextArea,
    TextField,
};
use crate::meetings::server::*;

/// Once a date on a weekend or bank holiday has been refused: the reason, and a box to
/// keep the date anyway.
#[component]
fn ConfirmDay(error: FormError) -> impl IntoView {
    let doubted = move || {
        error
            .try_with(|e| {
                e.as_ref()
                    .and_then(|e| e.field_errors())
                    .is_some_and(|f| f.get("confirm_day").is_some())
            })
            .unwrap_or(false)
    };
    move || {
        doubted().then(|| {
            view! {
                <crate::components::Checkbox label="Keep this date" name="confirm_day" error checked=false/>
            }
        })
    }
}

#[component]
fn MeetingFields(
    error: FormError,
    #[prop(optional, into)] date: Signal<String>,
    #[prop(optional, into)] time: Signal<String>,
    #[prop(optional, into)] location: Signal<String>,
    #[prop(optional, into)] online_link: Signal<String>,
    #[prop(optional, into)] status: Signal<String>,
) -> impl IntoView {
    view! {
        <TextField label="Date" name="date" error value=date width_class="govuk-input--width-10"
            hint="For example 31/3/2026, 31 March 2026 or 2026-03-31"/>
        <ConfirmDay error/>
        <TextField label="Start time (London)" name="time" error value=time width_class="govuk-input--width-5"
            hint="24-hour clock, for example 10:00 or 14:30"/>
        <TextField label="Place" name="location" error value=location
            hint="For example Police HQ, Lloyd House, Room 1. Leave empty for an online-only meeting."/>
        <TextField label="Online link (optional)" name="online_link" error value=online_link input_type="url"
            hint="Starts with https://. Only OPCC staff see it."/>
        <SelectField label="Status" name="status" error options=MeetingStatus::options() value=status/>
    }
}

#[component]
pub fn NewMeetingPage() -> impl IntoView {
    let id = page_id();
    let create = ServerAction::<CreateMeeting>::new();
    let error: FormError = crate::components::form_error(create);
    let board = Resource::new(id, get_board);
    view! {
        <Title text=move || if error.try_with(Option::is_some).unwrap_or(false) { "Error: Add a meeting" } else { "Add a meeting" }/>
        {crate::components::loaded(board, move |b| view! {
            <div class="govuk-grid-row">
                <div class="govuk-grid-column-two-thirds">
                    <A href=format!("/boards/{}", b.id) attr:class="govuk-back-link">"Back to the board"</A>
                    <ErrorSummary error/>
                    <span class="govuk-caption-l">{b.name.clone()}</span>
                    <h1 class="govuk-heading-l">"Add a meeting"</h1>
                    <ActionForm action=create attr:novalidate=true>
                        <input type="hidden" name="board" value=b.id.to_string()/>
                        <MeetingFields error status="scheduled".to_owned()/>
                        <button type="submit" class="govuk-button">"Add meeting"</button>
                    </ActionForm>
                </div>
            </div>
        }.into_any())}
    }
}

#[component]
pub fn EditMeetingPage() -> impl IntoView {
    let id = page_id();
    let update = ServerAction::<UpdateMeeting>::new();
    let error: FormError = crate::components::form_error(update);
    let meeting = Resource::new(id, get_meeting);
    view! {
        <Title text=move || if error.try_with(Option::is_some).unwrap_or(false) { "Error: Edit meeting" } else { "Edit meeting" }/>
        {crate::components::loaded(meeting, move |m| {
            let s = m.summary;
            view! {
                <div class="govuk-grid-row">
                    <div class="govuk-grid-column-two-thirds">
                        <A href=format!("/meetings/{}", s.id) attr:class="govuk-back-link">"Back to the meeting"</A>
                        <ErrorSummary error/>
                        <span class="govuk-caption-l">{s.board_name.clone()}</span>
                        <h1 class="govuk-heading-l">"Edit meeting"</h1>
                        <ActionForm action=update attr:novalidate=true>
                            <input type="hidden" name="id" value=s.id.to_string()/>
                            <MeetingFields error date=s.starts.date.clone() time=s.starts.time.clone()
                                location=s.location.clone() online_link=m.online_link.clone()
                                status=s.status.as_str().to_owned()/>
                            <button type="submit" class="govuk-button">"Save meeting"</button>
                        </ActionForm>
                    </div>
                </div>
            }.into_any()
        })}
    }
}

const SAVED: &[(&str, &str)] = &[
    ("created", "The meeting was added"),
    ("details", "The meeting's details were saved"),
    (
        "published",
        "The meeting is now public: its date, place and agenda",
    ),
    ("unpublished", "The meeting is no longer public"),
    ("attendance", "Attendance was saved"),
    ("item", "The agenda was saved"),
    ("removed", "The item was removed from the agenda"),
];

#[component]
pub fn MeetingPage() -> impl IntoView {
    let id = page_id();
    let publish = ServerAction::<PublishMeeting>::new();
    let attendance = ServerAction::<RecordAttendance>::new();
    let add_item = ServerAction::<AddAgendaItem>::new();
    let move_item = ServerAction::<MoveAgendaItem>::new();
    let remove_item = ServerAction::<RemoveAgendaItem>::new();
    let meeting = Resource::new(
        move || {
            (
                id(),
                publish.version().get(),
                attendance.version().get(),
                add_item.version().get(),
                move_item.version().get() + remove_item.version().get(),
            )
        },
        |(id, ..)| get_meeting(id),
    );
    let errors: Vec<FormError> = vec![
        crate::components::form_error(publish),
        crate::components::form_error(attendance),
        crate::components::form_error(move_item),
        Signal::derive(move || {
            remove_item
                .value()
                .try_get()
                .flatten()
                .and_then(Result::err)
        }),
    ];
    let attendance_error = errors[1];
    let add_error: FormError = crate::components::form_error(add_item);
    let saved = flag_message("saved", SAVED);
    let query = leptos_router::hooks::use_query_map();
    // Tracked: "No, go back" and a done step change only the address's query.
    let confirm = move || query.with(|q| q.get("confirm")).unwrap_or_default();
    view! {
        <Suspense fallback=|| view! { <p class="govuk-body">"Loading…"</p> }>
            {move || {
                let errors = errors.clone();
                let asked = confirm();
                Suspend::new(async move {
                let can_edit = editor().await;
                match meeting.await {
                    Err(e) => view! { <ShowError error=e/> }.into_any(),
                    Ok(m) => {
                        let s = m.summary.clone();
                        let title = format!("{}: {}", s.board_code, s.starts.long);
                        view! {
                            <Title text=title/>
                            <A href=format!("/boards/{}", s.board_id) attr:class="govuk-back-link">"Back to the board"</A>
                            <SuccessBanner message=saved/>
                            {errors.into_iter().map(|error| view! { <ErrorSummary error/> }).collect::<Vec<_>>()}
                            <ErrorSummary error=add_error/>
                            <span class="govuk-caption-l">{s.board_name.clone()}</span>
                            <h1 class="govuk-heading-l">"Meeting on "<time datetime=s.starts.utc.clone()>{s.starts.long.clone()}</time></h1>
                            <MeetingDetails meeting=m.clone()/>
                            <p class="govuk-body app-links">
                                <A href=format!("/meetings/{}/minutes", s.id) attr:class="govuk-link">"Minutes"</A>
                                " · "
                                <A href=format!("/meetings/{}/agenda", s.id) attr:class="govuk-link">"Printable agenda"</A>
                                " · "
                                <A href=format!("/meetings/{}/briefing", s.id) attr:class="govuk-link">"Briefing pack"</A>
                                " · "
                                <A href=format!("/actions/new?meeting={}", s.id) attr:class="govuk-link">"Record an action"</A>
                                " · "
                                <A href=format!("/actions?status=all&meeting={}", s.id) attr:class="govuk-link">"Its actions in the register"</A>
                                " · "
                                <a href=format!("/meetings/{}/meeting.ics", s.id) class="govuk-link" download="meeting.ics">"Add to calendar (.ics)"</a>
                                {s.published.then(|| view! {
                                    " · "<A href=format!("/public/meetings/{}", s.id) attr:class="govuk-link">"Public page"</A>
                                })}
                            </p>
                            {can_edit.then(|| {
                                let here = format!("/meetings/{}", s.id);
                                let unpublish = (asked == "unpublish" && s.published).then(|| view! {
                                    <ConfirmPanel question="Take this meeting off the public pages?".to_owned()
                                        detail="The public will no longer see its agenda or minutes. Published questions and actions from it stay published."
                                        cancel=here.clone()>
                                        <ActionForm action=publish attr:class="app-inline-form">
                                            <input type="hidden" name="id" value=s.id.to_string()/>
                                            <input type="hidden" name="publish" value="no"/>
                                            <button type="submit" class="govuk-button govuk-button--warning">"Yes, make it private"</button>
                                        </ActionForm>
                                    </ConfirmPanel>
                                });
                                let removing = asked
                                    .strip_prefix("remove-")
                                    .and_then(|id| id.parse::<i64>().ok())
                                    .and_then(|id| m.agenda.iter().find(|i| i.id == id).cloned())
                                    .map(|item| view! {
                                        <ConfirmPanel question=format!("Remove “{}” from the agenda?", item.title)
                                            detail="Its notes go with it, and it cannot be put back: you would add it again."
                                            cancel=format!("{here}#agenda")>
                                            <ActionForm action=remove_item attr:class="app-inline-form">
                                                <input type="hidden" name="id" value=item.id.to_string()/>
                                                <button type="submit" class="govuk-button govuk-button--warning">"Yes, remove it"</button>
                                            </ActionForm>
                                        </ConfirmPanel>
                                    });
                                view! {
                                    {unpublish}
                                    {removing}
                                    <div class="app-button-row">
                                        <A href=format!("/meetings/{}/edit", s.id) attr:class="govuk-button govuk-button--secondary" attr:role="button">"Edit meeting details"</A>
                                        " "
                                        {if s.published {
                                            view! {
                                                <a href=format!("{here}?confirm=unpublish") class="govuk-button govuk-button--secondary" role="button">"Make private"</a>
                                            }.into_any()
                                        } else {
                                            view! {
                                                <ActionForm action=publish attr:class="app-inline-form">
                                                    <input type="hidden" name="id" value=s.id.to_string()/>
                                                    <input type="hidden" name="publish" value="yes"/>
                                                    <button type="submit" class="govuk-button govuk-button--secondary">"Publish meeting"</button>
                                                </ActionForm>
                                            }.into_any()
                                        }}
                                    </div>
                                }
                            })}
                            <AgendaSection meeting=m.clone() can_edit move_item add_item add_error/>
                            <AttendanceSection meeting=m can_edit action=attendance error=attendance_error/>
                        }.into_any()
                    }
                }
            })}}
        </Suspense>
    }
}

#[component]
fn MeetingDetails(meeting: MeetingView) -> impl IntoView {
    let s = meeting.summary;
    let row = |key: &'static str, value: AnyView| {
        view! {
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">{key}</dt>
                <dd class="govuk-summary-list__value">{value}</dd>
            </div>
        }
    };
    let place = if s.location.is_empty() {
        "Online".to_owned()
    } else {
        s.location.clone()
    };
    view! {
        <dl class="govuk-summary-list">
            {row("Status", status_tag(s.status).into_any())}
            {row("Place", view! { {place} }.into_any())}
            {(!meeting.online_link.is_empty()).then(|| row("Online link", view! {
                <a class="govuk-link" href=meeting.online_link.clone() rel="noopener noreferrer">{meeting.online_link.clone()}</a>
            }.into_any()))}
            {row("Public", view! { {if s.published { "Published" } else { "Not published" }} }.into_any())}
            {row("Minutes", minutes_tag(s.minutes).into_any())}
        </dl>
    }
}

#[component]
fn AgendaSection(
    meeting: MeetingView,
    can_edit: bool,
    move_item: ServerAction<MoveAgendaItem>,
    add_item: ServerAction<AddAgendaItem>,
    add_error: FormError,
) -> impl IntoView {
    let count = meeting.agenda.len();
    let meeting_id = meeting.summary.id;
    view! {
        <h2 class="govuk-heading-m" id="agenda">"Agenda"</h2>
        {(count == 0).then(|| view! { <p class="govuk-body">"No items yet."</p> })}
        <ol class="govuk-list app-agenda">
            {meeting.agenda.into_iter().map(|item| {
                let id = item.id.to_string();
                let title = item.title.clone();
                view! {
                    <li class="app-agenda__item">
                        <h3 class="govuk-heading-s app-nomargin">{format!("{}. {}", item.number, item.title)}</h3>
                        <p class="govuk-body-s app-nomargin">
                            {item.purpose.label()}
                            {(!item.lead.is_empty()).then(|| format!(" · Lead: {}", item.lead))}
                        </p>
                        {(!item.notes.is_empty()).then(|| view! { <p class="govuk-body-s app-notes">{item.notes.clone()}</p> })}
                        {can_edit.then(|| {
                            let (up_id, down_id, remove_id) = (id.clone(), id.clone(), id.clone());
                            let (t1, t2, t3, t4) = (title.clone(), title.clone(), title.clone(), title.clone());
                            view! {
                                <div class="app-agenda__actions">
                                    {(item.number > 1).then(|| view! {
                                        <ActionForm action=move_item attr:class="app-inline-form">
                                            <input type="hidden" name="id" value=up_id/>
                                            <button type="submit" name="direction" value="up" class="govuk-button govuk-button--secondary app-small-button">
                                                "Move up"<span class="govuk-visually-hidden">{format!(" {t1}")}</span>
                                            </button>
                                        </ActionForm>
                                    })}
                                    {((item.number as usize) < count).then(|| view! {
                                        <ActionForm action=move_item attr:class="app-inline-form">
                                            <input type="hidden" name="id" value=down_id/>
                                            <button type="submit" name="direction" value="down" class="govuk-button govuk-button--secondary app-small-button">
                                                "Move down"<span class="govuk-visually-hidden">{format!(" {t2}")}</span>
                                            </button>
                                        </ActionForm>
                                    })}
                                    <A href=format!("/agenda-items/{}", item.id) attr:class="govuk-link app-agenda__link">
                                        "Edit"<span class="govuk-visually-hidden">{format!(" {t3}")}</span>
                                    </A>
                                    <a href=format!("/meetings/{meeting_id}?confirm=remove-{remove_id}") class="govuk-button govuk-button--warning app-small-button" role="button">
                                        "Remove"<span class="govuk-visually-hidden">{format!(" {t4}")}</span>
                                    </a>
                                </div>
                            }
                        })}
                    </li>
                }
            }).collect::<Vec<_>>()}
        </ol>
        {can_edit.then(|| view! {
            <div class="govuk-grid-row">
                <div class="govuk-grid-column-two-thirds">
                    <h3 class="govuk-heading-s">"Add an agenda item"</h3>
                    <ActionForm action=add_item attr:novalidate=true>
                        <input type="hidden" name="meeting" value=meeting_id.to_string()/>
                        <ItemFields error=add_error/>
                        <button type="submit" class="govuk-button govuk-button--secondary">"Add item"</button>
                    </ActionForm>
                </div>
            </div>
        })}
    }
}

#[component]
fn ItemFields(
    error: FormError,
    #[prop(optional, into)] title: Signal<String>,
    #[prop(optional, into)] lead: Signal<String>,
    #[prop(optional, into)] purpose: Signal<String>,
    #[prop(optional, into)] notes: Signal<String>,
) -> impl IntoView {
    view! {
        <TextField label="Title" name="title" error value=title/>
        <TextField label="Lead (optional)" name="lead" error value=lead hint="Person or organisation, for example Chief Constable"/>
        <SelectField label="Purpose" name="purpose" error options=AgendaPurpose::options() value=purpose/>
        <TextArea label="Notes (optional)" name="notes" error value=notes rows=3 hint="Only OPCC staff see these."/>
    }
}

#[component]
fn AttendanceSection(
    meeting: MeetingView,
    can_edit: bool,
    action: ServerAction<RecordAttendance>,
    error: FormError,
) -> impl IntoView {
    let guests_text = meeting
        .guests
        .iter()
        .map(|g| {
            if g.organisation.is_empty() {
                g.name.clone()
            } else {
                format!("{}, {}", g.name, g.organisation)
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let meeting_id = meeting.summary.id.to_string();
    if !can_edit {
        return view! {
            <h2 class="govuk-heading-m" id="attendance">"Attendance"</h2>
            <ul class="govuk-list">
                {meeting.attendance.into_iter().map(|a| view! {
                    <li>{format!("{}: {}", a.name, a.attendance.label())}</li>
                }).collect::<Vec<_>>()}
                {meeting.guests.into_iter().map(|g| view! {
                    <li>{format!("{} (guest{})", g.name, if g.organisation.is_empty() { String::new() } else { format!(", {}", g.organisation) })}</li>
                }).collect::<Vec<_>>()}
            </ul>
        }
        .into_any();
    }
    view! {
        <h2 class="govuk-heading-m" id="attendance">"Attendance"</h2>
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ActionForm action attr:novalidate=true>
                    <input type="hidden" name="id" value=meeting_id/>
                    {meeting.attendance.is_empty().then(|| view! {
                        <p class="govuk-body">"The board has no members yet: add them on the board's page."</p>
                    })}
                    {meeting.attendance.into_iter().map(|a| {
                        let field = format!("member_{}", a.member_id);
                        let name = format!("attendance[{}]", a.member_id);
                        let label = if a.position.is_empty() { a.name.clone() } else { format!("{} ({})", a.name, a.position) };
                        view! {
                            <div class="govuk-form-group">
                                <label class="govuk-label" for=field.clone()>{label}</label>
                                <select class="govuk-select" id=field name=name>
                                    {Attendance::ALL.iter().map(|option| view! {
                                        <option value=option.as_str() selected=*option == a.attendance>{option.label()}</option>
                                    }).collect::<Vec<_>>()}
                                </select>
                            </div>
                        }
                    }).collect::<Vec<_>>()}
                    <TextArea label="Guests" name="guests" error value=guests_text rows=3
                        hint="One per line, as Name, Organisation"/>
                    <button type="submit" class="govuk-button govuk-button--secondary">"Save attendance"</button>
                </ActionForm>
            </div>
        </div>
    }
    .into_any()
}

#[component]
pub fn AgendaItemPage() -> impl IntoView {
    let id = page_id();
    let update = ServerAction::<UpdateAgendaItem>::new();
    let error: FormError = crate::components::form_error(update);
    let item = Resource::new(id, get_agenda_item);
    view! {
        <Title text=move || if error.try_with(Option::is_some).unwrap_or(false) { "Error: Edit agenda item" } else { "Edit agenda item" }/>
        {crate::components::loaded(item, move |i| view! {
            <div class="govuk-grid-row">
                <div class="govuk-grid-column-two-thirds">
                    <A href=format!("/meetings/{}#agenda", i.meeting_id) attr:class="govuk-back-link">"Back to the meeting"</A>
                    <ErrorSummary error/>
                    <span class="govuk-caption-l">{format!("Item {}", i.number)}</span>
                    <h1 class="govuk-heading-l">"Edit agenda item"</h1>
                    <ActionForm action=update attr:novalidate=true>
                        <input type="hidden" name="id" value=i.id.to_string()/>
                        <ItemFields error title=i.title.clone() lead=i.lead.clone()
                            purpose=i.purpose.as_str().to_owned() notes=i.notes.clone()/>
                        <button type="submit" class="govuk-button">"Save item"</button>
                    </ActionForm>
                </div>
            </div>
        }.into_any())}
    }
}

/// The agenda as a document to print or save as PDF (see the print styles in style/).
#[component]
pub fn PrintAgendaPage() -> impl IntoView {
    let id = page_id();
    let meeting = Resource::new(id, get_meeting);
    view! {
        {crate::components::loaded(meeting, move |m| {
            let s = m.summary;
            let place = if s.location.is_empty() { "Online".to_owned() } else { s.location.clone() };
            view! {
                <Title text=format!("Agenda: {} {}", s.board_code, s.starts.date)/>
                <A href=format!("/meetings/{}", s.id) attr:class="govuk-back-link app-no-print">"Back to the meeting"</A>
                <article class="app-print-agenda">
                    <span class="govuk-caption-l">{s.board_name.clone()}</span>
                    <h1 class="govuk-heading-l">"Agenda"</h1>
                    <p class="govuk-body-l">
                        <time datetime=s.starts.utc.clone()>{s.starts.long.clone()}</time><br/>{place}
                    </p>
                    <table class="govuk-table">
                        <caption class="govuk-table__caption govuk-table__caption--m govuk-visually-hidden">"Agenda items"</caption>
                        <thead class="govuk-table__head">
                            <tr class="govuk-table__row">
                                <th scope="col" class="govuk-table__header">"Item"</th>
                                <th scope="col" class="govuk-table__header">"Title"</th>
                                <th scope="col" class="govuk-table__header">"Lead"</th>
                                <th scope="col" class="govuk-table__header">"Purpose"</th>
                            </tr>
                        </thead>
                        <tbody class="govuk-table__body">
                            {m.agenda.into_iter().map(|i| view! {
                                <tr class="govuk-table__row">
                                    <td data-label="Item" class="govuk-table__cell">{i.number}</td>
                                    <td data-label="Title" class="govuk-table__cell">{i.title}</td>
                                    <td data-label="Lead" class="govuk-table__cell">{i.lead}</td>
                                    <td data-label="Purpose" class="govuk-table__cell">{i.purpose.label()}</td>
                                </tr>
                            }).collect::<Vec<_>>()}
                        </tbody>
                    </table>
                </article>
            }.into_any()
        })}
    }
}
