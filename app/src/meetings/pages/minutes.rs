//! The minutes of a meeting: edited as Markdown with a preview (a button that works without
//! JavaScript, and a live preview with it), saved as numbered versions, moved through
//! draft → submitted → approved → published; and their history with a diff between any
//! two versions.

use std::time::Duration;

use domain::{DiffKind, MinutesStatus, MinutesView};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use super::{editor, minutes_tag, page_id};
use crate::components::{ErrorSummary, FormError, ShowError, SuccessBanner, TextArea, TextField};
use crate::meetings::server::*;

fn saved_message() -> Signal<Option<String>> {
    let query = use_query_map();
    Signal::derive(move || {
        let saved = query.with(|q| q.get("saved"))?;
        Some(match saved.as_str() {
            "submit" => "The minutes were submitted for approval".to_owned(),
            "return" => "The minutes were returned to draft".to_owned(),
            "approve" => "The approval was recorded: the minutes are now locked".to_owned(),
            "publish" => "The minutes are published: anyone can read them".to_owned(),
            "discarded" => "Your unsaved changes were discarded".to_owned(),
            // A number, or nothing: the banner is trusted, and its address is not.
            number => format!("Version {} was saved", number.parse::<u32>().ok()?),
        })
    })
}

#[component]
pub fn MinutesPage() -> impl IntoView {
    let id = page_id();
    let query = use_query_map();
    let save = ServerAction::<SaveMinutes>::new();
    let step = ServerAction::<MinutesStep>::new();
    let discard = ServerAction::<DiscardUnsaved>::new();
    let minutes = Resource::new(
        move || {
            (
                id(),
                query.with(|q| q.get("preview")),
                save.version().get() + step.version().get() + discard.version().get(),
            )
        },
        |(id, ..)| get_minutes(id),
    );
    let save_error: FormError = crate::components::form_error(save);
    let step_error: FormError = crate::components::form_error(step);
    let saved = saved_message();
    view! {
        <Suspense fallback=|| view! { <p class="govuk-body">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let can_edit = editor().await;
                let can_approve = crate::accounts::signed_in().ok().flatten().is_some_and(|me| me.role.is_opcc());
                match minutes.await {
                    Err(e) => view! { <ShowError error=e/> }.into_any(),
                    Ok(m) => {
                        let s = m.meeting.clone();
                        let title = format!("Minutes: {} {}", s.board_code, s.starts.date);
                        view! {
                            <Title text=title/>
                            <A href=format!("/meetings/{}", s.id) attr:class="govuk-back-link">"Back to the meeting"</A>
                            <SuccessBanner message=saved/>
                            <ErrorSummary error=save_error/>
                            <ErrorSummary error=step_error/>
                            <span class="govuk-caption-l">{format!("{}, {}", s.board_name, s.starts.long)}</span>
                            <h1 class="govuk-heading-l">"Minutes"</h1>
                            <p class="govuk-body">
                                "Status: "{minutes_tag((m.version > 0).then_some(m.status))}
                                {(m.version > 0).then(|| format!(" · version {}", m.version))}
                                " · "<A href=format!("/meetings/{}/minutes/history", s.id) attr:class="govuk-link">"History and changes"</A>
                            </p>
                            {m.approved.clone().map(|a| view! {
                                <p class="govuk-body">{format!("Approved at the meeting of {}, recorded by {} on {}.", a.meeting, a.by, a.at)}</p>
                            })}
                            <Lifecycle minutes=m.clone() can_edit can_approve step error=step_error/>
                            {if can_edit {
                                view! { <Editor minutes=m save discard error=save_error/> }.into_any()
                            } else {
                                view! {
                                    <h2 class="govuk-heading-m">{format!("Version {}", m.version)}</h2>
                                    <div class="app-minutes" inner_html=m.html/>
                                }.into_any()
                            }}
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// The buttons that move the minutes on, as the status and the person's role allow.
#[component]
fn Lifecycle(
    minutes: MinutesView,
    can_edit: bool,
    can_approve: bool,
    step: ServerAction<MinutesStep>,
    error: FormError,
) -> impl IntoView {
    let meeting = minutes.meeting.id.to_string();
    let button = move |value: &'static str, label: &'static str, meeting: String| {
        view! {
            <ActionForm action=step attr:class="app-inline-form">
                <input type="hidden" name="meeting" value=meeting/>
                <input type="hidden" name="step" value=value/>
                <button type="submit" class="govuk-button">{label}</button>
            </ActionForm>
        }
    };
    let approval_message = Signal::derive(move || {
        error.with(|e| {
            e.as_ref()
                .and_then(|e| e.field_errors())
                .and_then(|f| f.get("approved_at"))
                .map(str::to_owned)
        })
    });
    match (minutes.status, minutes.version > 0) {
        (_, false) => ().into_any(),
        (MinutesStatus::Draft, true) if can_edit => view! {
            <div class="app-button-row">{button("submit", "Submit for approval", meeting)}</div>
        }
        .into_any(),
        (MinutesStatus::Submitted, true) => view! {
            <div class="app-lifecycle">
                {can_approve.then(|| {
                    let meeting = meeting.clone();
                    let options = minutes.approval_meetings.clone();
                    view! {
                        <ActionForm action=step attr:novalidate=true>
                            <input type="hidden" name="meeting" value=meeting/>
                            <input type="hidden" name="step" value="approve"/>
                            <div class=move || if approval_message.try_with(Option::is_some).unwrap_or(false) { "govuk-form-group govuk-form-group--error" } else { "govuk-form-group" }>
                                <label class="govuk-label" for="approved_at">"Approved at the meeting of"</label>
                                <div id="approved_at-hint" class="govuk-hint">"Minutes are approved at a later meeting of the board that has taken place."</div>
                                {move || approval_message.try_get().flatten().map(|m| view! {
                                    <p id="approved_at-error" class="govuk-error-message"><span class="govuk-visually-hidden">"Error: "</span>{m}</p>
                                })}
                                <select class="govuk-select" id="approved_at" name="approved_at" aria-describedby="approved_at-hint">
                                    <option value="">"Choose…"</option>
                                    {options.into_iter().map(|o| view! {
                                        <option value=o.id.to_string()>{o.starts.long}</option>
                                    }).collect::<Vec<_>>()}
                                </select>
                            </div>
                            <button type="submit" class="govuk-button">"Record approval"</button>
                        </ActionForm>
                    }
                })}
                {can_edit.then(|| view! {
                    <div class="app-button-row">
                        <ActionForm action=step attr:class="app-inline-form">
                            <input type="hidden" name="meeting" value=meeting.clone()/>
                            <input type="hidden" name="step" value="return"/>
                            <button type="submit" class="govuk-button govuk-button--secondary">"Return to draft"</button>
                        </ActionForm>
                    </div>
                })}
            </div>
        }
        .into_any(),
        (MinutesStatus::Approved, true) if can_edit && !minutes.unpublished_actions.is_empty() => {
            let actions = minutes.unpublished_actions.clone();
            view! {
                <ActionForm action=step>
                    <input type="hidden" name="meeting" value=meeting/>
                    <input type="hidden" name="step" value="publish"/>
                    <div class="govuk-form-group">
                        <fieldset class="govuk-fieldset">
                            <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">"Publish these actions with the minutes"</legend>
                            <div class="govuk-hint">"The actions set at this meeting that are not public yet. The public reads each with where it stands; untick any to keep it private for now."</div>
                            <div class="govuk-checkboxes govuk-checkboxes--small">
                                {actions.into_iter().map(|(id, reference, text)| {
                                    let key = format!("publish-action-{id}");
                                    view! {
                                        <div class="govuk-checkboxes__item">
                                            <input class="govuk-checkboxes__input" id=key.clone() name=format!("publish_actions[{id}]") type="checkbox" value="on" checked=true/>
                                            <label class="govuk-label govuk-checkboxes__label" for=key>{format!("{reference}: {text}")}</label>
                                        </div>
                                    }
                                }).collect::<Vec<_>>()}
                            </div>
                        </fieldset>
                    </div>
                    <button type="submit" class="govuk-button">"Publish minutes"</button>
                </ActionForm>
            }
            .into_any()
        }
        (MinutesStatus::Approved, true) if can_edit => view! {
            <div class="app-button-row">{button("publish", "Publish minutes", meeting)}</div>
        }
        .into_any(),
        _ => ().into_any(),
    }
}

#[component]
fn Editor(
    minutes: MinutesView,
    save: ServerAction<SaveMinutes>,
    discard: ServerAction<DiscardUnsaved>,
    error: FormError,
) -> impl IntoView {
    let meeting = minutes.meeting.id.to_string();
    let text = minutes
        .unsaved
        .clone()
        .unwrap_or_else(|| minutes.body.clone());
    let locked = minutes.status.is_locked();
    view! {
        {minutes.unsaved_html.clone().map(|preview| {
            let discard_meeting = meeting.clone();
            view! {
                <div class="govuk-warning-text">
                    <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                    <strong class="govuk-warning-text__text">
                        <span class="govuk-visually-hidden">"Warning"</span>
                        "You have changes that are not saved yet. They are in the editor below: save them as a new version, or discard them."
                    </strong>
                </div>
                <ActionForm action=discard attr:class="app-inline-form">
                    <input type="hidden" name="meeting" value=discard_meeting/>
                    <button type="submit" class="govuk-button govuk-button--warning">"Discard unsaved changes"</button>
                </ActionForm>
                <h2 class="govuk-heading-m" id="preview" tabindex="-1">"Preview of your unsaved changes"</h2>
                {match preview {
                    Ok(html) => view! { <div class="app-minutes app-preview" inner_html=html/> }.into_any(),
                    Err(message) => view! { <p class="govuk-error-message">{message}</p> }.into_any(),
                }}
            }
        })}
        <h2 class="govuk-heading-m">{if minutes.version == 0 { "Write the minutes".to_owned() } else { format!("Edit (version {})", minutes.version) }}</h2>
        <ActionForm action=save attr:novalidate=true>
            <input type="hidden" name="meeting" value=meeting.clone()/>
            <input type="hidden" name="based_on" value=minutes.version.to_string()/>
            <LivePreview>
                <TextArea label="Minutes (Markdown)" name="body" error value=text rows=20 class="app-markdown"
                    hint="Markdown: # for headings, - for lists, | for tables, [text](https://…) for links. Images are not shown: link to them instead. Up to 256 KB."/>
            </LivePreview>
            {locked.then(|| view! {
                <TextField label="Reason for the correction" name="reason" error
                    hint="These minutes are approved: a change is a correction, kept in the history with this reason."/>
            })}
            <div class="govuk-button-group">
                <button type="submit" name="intent" value="preview" class="govuk-button govuk-button--secondary">"Preview"</button>
                <button type="submit" name="intent" value="save" class="govuk-button">"Save as a new version"</button>
            </div>
        </ActionForm>
        {(minutes.version > 0).then(|| view! {
            <h2 class="govuk-heading-m">{format!("Version {} as saved", minutes.version)}</h2>
            <div class="app-minutes" inner_html=minutes.html.clone()/>
        })}
    }
}

/// An island around the minutes' text box (its `children`, rendered on the server): what is
/// typed there is rendered by the server a moment after typing stops, and shown below it.
#[island]
fn LivePreview(children: Children) -> impl IntoView {
    let (typed, set_typed) = signal(None::<String>);
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || set_typed.set(Some(text)),
            Duration::from_millis(400),
        );
        pending.set_value(handle.ok());
    };
    let live = Resource::new(
        move || typed.get(),
        |text| async move {
            match text {
                Some(text) => preview_minutes(text).await.map(Some),
                None => Ok(None),
            }
        },
    );
    view! {
        <div on:input=on_input>{children()}</div>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match live.await {
                    Ok(Some(html)) => view! {
                        <h2 class="govuk-heading-m">"Live preview"</h2>
                        <div class="app-minutes app-preview" inner_html=html/>
                    }.into_any(),
                    Err(e) => view! { <p class="govuk-error-message">{e.to_string()}</p> }.into_any(),
                    Ok(None) => ().into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
pub fn MinutesHistoryPage() -> impl IntoView {
    let id = page_id();
    let query = use_query_map();
    let minutes = Resource::new(id, get_minutes);
    let chosen = move || {
        query.with(|q| {
            (
                q.get("from").and_then(|v| v.parse::<i64>().ok()),
                q.get("to").and_then(|v| v.parse::<i64>().ok()),
            )
        })
    };
    let diff = Resource::new(
        move || (id(), chosen()),
        |(id, chosen)| async move {
            match chosen {
                (Some(from), Some(to)) => diff_minutes(id, from, to).await.map(Some),
                _ => Ok(None),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p class="govuk-body">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let (from, to) = chosen();
                match minutes.await {
                    Err(e) => view! { <ShowError error=e/> }.into_any(),
                    Ok(m) => {
                        let s = m.meeting.clone();
                        let versions = m.versions.clone();
                        let latest = m.version;
                        let from = from.unwrap_or((latest - 1).max(1));
                        let to = to.unwrap_or(latest);
                        let options = move |selected: i64| versions.iter().map(|v| view! {
                            <option value=v.number.to_string() selected=v.number == selected>{format!("Version {} ({}, {})", v.number, v.author, v.at)}</option>
                        }).collect::<Vec<_>>();
                        let diff_view = diff.await;
                        view! {
                            <Title text=format!("Minutes history: {} {}", s.board_code, s.starts.date)/>
                            <A href=format!("/meetings/{}/minutes", s.id) attr:class="govuk-back-link">"Back to the minutes"</A>
                            <span class="govuk-caption-l">{format!("{}, {}", s.board_name, s.starts.long)}</span>
                            <h1 class="govuk-heading-l">"Minutes history"</h1>
                            <table class="govuk-table">
                                <caption class="govuk-table__caption govuk-table__caption--m">{format!("{} versions", m.versions.len())}</caption>
                                <thead class="govuk-table__head">
                                    <tr class="govuk-table__row">
                                        <th scope="col" class="govuk-table__header">"Version"</th>
                                        <th scope="col" class="govuk-table__header">"Saved by"</th>
                                        <th scope="col" class="govuk-table__header">"When (London)"</th>
                                        <th scope="col" class="govuk-table__header">"Reason for correction"</th>
                                    </tr>
                                </thead>
                                <tbody class="govuk-table__body">
                                    {m.versions.iter().map(|v| view! {
                                        <tr class="govuk-table__row">
                                            <td data-label="Version" class="govuk-table__cell">{v.number}</td>
                                            <td data-label="Saved by" class="govuk-table__cell">{v.author.clone()}</td>
                                            <td data-label="When (London)" class="govuk-table__cell">{v.at.clone()}</td>
                                            <td data-label="Reason for correction" class="govuk-table__cell">{v.reason.clone().unwrap_or_default()}</td>
                                        </tr>
                                    }).collect::<Vec<_>>()}
                                </tbody>
                            </table>
                            {(m.versions.len() > 1).then(|| view! {
                                <h2 class="govuk-heading-m">"Compare two versions"</h2>
                                <form method="get" action=format!("/meetings/{}/minutes/history", s.id)>
                                    <div class="govuk-form-group">
                                        <label class="govuk-label" for="from">"From"</label>
                                        <select class="govuk-select" id="from" name="from">{options(from)}</select>
                                    </div>
                                    <div class="govuk-form-group">
                                        <label class="govuk-label" for="to">"To"</label>
                                        <select class="govuk-select" id="to" name="to">{options(to)}</select>
                                    </div>
                                    <button type="submit" class="govuk-button govuk-button--secondary">"Compare"</button>
                                </form>
                            })}
                            {match diff_view {
                                Ok(Some(d)) => view! {
                                    <h2 class="govuk-heading-m" id="changes">{format!("Changes from version {} to version {}", d.from, d.to)}</h2>
                                    <p class="govuk-body">{format!("{} lines added, {} lines removed.", d.added, d.removed)}</p>
                                    <table class="govuk-table app-diff">
                                        <caption class="govuk-table__caption govuk-visually-hidden">"Line by line"</caption>
                                        <thead class="govuk-table__head">
                                            <tr class="govuk-table__row">
                                                <th scope="col" class="govuk-table__header">{format!("Line in {}", d.from)}</th>
                                                <th scope="col" class="govuk-table__header">{format!("Line in {}", d.to)}</th>
                                                <th scope="col" class="govuk-table__header">"Text"</th>
                                            </tr>
                                        </thead>
                                        <tbody class="govuk-table__body">
                                            {d.lines.into_iter().map(|l| {
                                                let text = match l.kind {
                                                    DiffKind::Same => view! { <span>{l.text}</span> }.into_any(),
                                                    DiffKind::Added => view! { <ins><span class="govuk-visually-hidden">"Added: "</span>{l.text}</ins> }.into_any(),
                                                    DiffKind::Removed => view! { <del><span class="govuk-visually-hidden">"Removed: "</span>{l.text}</del> }.into_any(),
                                                };
                                                view! {
                                                    <tr class="govuk-table__row">
                                                        <td class="govuk-table__cell app-diff__number">{l.old_number.map(|n| n.to_string())}</td>
                                                        <td class="govuk-table__cell app-diff__number">{l.new_number.map(|n| n.to_string())}</td>
                                                        <td class="govuk-table__cell app-diff__text">{text}</td>
                                                    </tr>
                                                }
                                            }).collect::<Vec<_>>()}
                                        </tbody>
                                    </table>
                                }.into_any(),
                                Ok(None) => ().into_any(),
                                Err(e) => view! { <p class="govuk-error-message">{e.to_string()}</p> }.into_any(),
                            }}
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}
