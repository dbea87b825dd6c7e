//! The boards: a list, adding one, a board's meetings (upcoming and past, by year, a page
//! at a time), and editing its details and members.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use super::{editor, flag_message, meeting_table, page_id, Pagination};
use crate::components::{
    ChooseField, ErrorSummary, FormError, ShowError, SuccessBanner, TextArea, TextField,
};
use crate::meetings::server::*;

#[component]
pub fn BoardsPage() -> impl IntoView {
    let boards = Resource::new(|| (), |_| list_boards());
    view! {
        <Title text="Boards"/>
        <h1 class="govuk-heading-l">"Boards"</h1>
        <Suspense fallback=|| view! { <p class="govuk-body">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let can_edit = editor().await;
                match boards.await {
                    Err(e) => view! { <ShowError error=e/> }.into_any(),
                    Ok(list) => view! {
                        {can_edit.then(|| view! {
                            <p class="govuk-body">
                                <A href="/boards/new" attr:class="govuk-button" attr:role="button">"Add a board"</A>
                            </p>
                        })}
                        {list.is_empty().then(|| view! { <p class="govuk-body">"There are no boards yet."</p> })}
                        <ul class="govuk-list app-board-list">
                            {list.into_iter().map(|b| view! {
                                <li>
                                    <h2 class="govuk-heading-m app-nomargin">
                                        <A href=format!("/boards/{}", b.id) attr:class="govuk-link">{b.name.clone()}</A>
                                        " "<span class="govuk-caption-m app-inline">{format!("({})", b.code)}</span>
                                    </h2>
                                    <p class="govuk-body">{b.description.clone()}</p>
                                </li>
                            }).collect::<Vec<_>>()}
                        </ul>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn NewBoardPage() -> impl IntoView {
    let create = ServerAction::<CreateBoard>::new();
    let error: FormError = crate::components::form_error(create);
    view! {
        <Title text=move || if error.try_with(Option::is_some).unwrap_or(false) { "Error: Add a board" } else { "Add a board" }/>
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <A href="/boards" attr:class="govuk-back-link">"Back to boards"</A>
                <ErrorSummary error/>
                <h1 class="govuk-heading-l">"Add a board"</h1>
                <ActionForm action=create attr:novalidate=true>
                    <BoardFields error/>
                    <button type="submit" class="govuk-button">"Add board"</button>
                </ActionForm>
            </div>
        </div>
    }
}

#[component]
fn BoardFields(
    error: FormError,
    #[prop(optional, into)] code: Signal<String>,
    #[prop(optional, into)] name: Signal<String>,
    #[prop(optional, into)] description: Signal<String>,
) -> impl IntoView {
    view! {
        <TextField label="Short code" name="code" error value=code width_class="govuk-input--width-10"
            hint="2 to 10 letters. It starts every action reference, for example SPCB/2026/014."/>
        <TextField label="Name" name="name" error value=name/>
        <TextArea label="Description (optional)" name="description" error value=description rows=4/>
    }
}

fn year_link(board: i64, year: Option<i32>, page: u32) -> String {
    let mut link = format!("/boards/{board}?");
    if let Some(year) = year {
        link.push_str(&format!("year={year}&"));
    }
    link.push_str(&format!("page={page}"));
    link
}

#[component]
pub fn BoardPage() -> impl IntoView {
    let id = page_id();
    let query = use_query_map();
    let meetings = Resource::new(
        move || {
            let (year, page) = query.with(|q| {
                (
                    q.get("year").and_then(|y| y.parse::<i32>().ok()),
                    q.get("page").and_then(|p| p.parse::<u32>().ok()),
                )
            });
            (id(), year, page)
        },
        |(board, year, page)| list_meetings(board, year, page),
    );
    let saved = flag_message("saved", &[("created", "The board was added")]);
    view! {
        <Suspense fallback=|| view! { <p class="govuk-body">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let can_edit = editor().await;
                match meetings.await {
                    Err(e) => view! { <ShowError error=e/> }.into_any(),
                    Ok(list) => {
                        let board = list.board.clone();
                        let board_id = board.id;
                        let year = list.year;
                        let previous = (list.page > 1).then(|| year_link(board_id, year, list.page - 1));
                        let next = (list.page < list.pages).then(|| year_link(board_id, year, list.page + 1));
                        let year_options = list.years.iter().map(|y| {
                            let selected = Some(*y) == year;
                            view! { <option value=y.to_string() selected=selected>{y.to_string()}</option> }
                        }).collect::<Vec<_>>();
                        let feed = format!("/public/boards/{}/meetings.ics", board.code);
                        let upcoming_caption = match year {
                            Some(y) => format!("Upcoming meetings in {y}"),
                            None => "Upcoming meetings".to_owned(),
                        };
                        let past_caption = match year {
                            Some(y) => format!("Past meetings in {y} (page {} of {})", list.page, list.pages),
                            None => format!("Past meetings (page {} of {})", list.page, list.pages),
                        };
                        view! {
                            <Title text=board.name.clone()/>
                            <A href="/boards" attr:class="govuk-back-link">"Back to boards"</A>
                            <SuccessBanner message=saved/>
                            <span class="govuk-caption-l">{format!("Board ({})", board.code)}</span>
                            <h1 class="govuk-heading-l">{board.name.clone()}</h1>
                            <p class="govuk-body">{board.description.clone()}</p>
                            <h2 class="govuk-heading-m">"Members"</h2>
                            {if board.members.is_empty() {
                                view! { <p class="govuk-body">"No members recorded yet."</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="govuk-list govuk-list--bullet">
                                        {board.members.iter().map(|m| view! {
                                            <li>{m.name.clone()}
                                                {(!m.position.is_empty()).then(|| format!(" ({})", m.position))}
                                                {(!m.organisation.is_empty()).then(|| format!(", {}", m.organisation))}
                                            </li>
                                        }).collect::<Vec<_>>()}
                                    </ul>
                                }.into_any()
                            }}
                            {can_edit.then(|| view! {
                                <p class="govuk-body">
                                    <A href=format!("/boards/{board_id}/meetings/new") attr:class="govuk-button" attr:role="button">"Add a meeting"</A>
                                    " "
                                    <A href=format!("/boards/{board_id}/edit") attr:class="govuk-button govuk-button--secondary" attr:role="button">"Edit board and members"</A>
                                </p>
                            })}
                            <h2 class="govuk-heading-m">"Meetings"</h2>
                            <p class="govuk-body">
                                <a class="govuk-link" href=feed>"Calendar of published meetings (iCalendar .ics)"</a>
                            </p>
                            <form method="get" action=format!("/boards/{board_id}") class="app-filter">
                                <div class="govuk-form-group">
                                    <label class="govuk-label" for="year">"Year"</label>
                                    <select class="govuk-select" id="year" name="year">
                                        <option value="" selected=year.is_none()>"All years"</option>
                                        {year_options}
                                    </select>
                                    " "
                                    <button type="submit" class="govuk-button govuk-button--secondary app-inline-button">"Show"</button>
                                </div>
                            </form>
                            {if list.upcoming.is_empty() {
                                view! { <p class="govuk-body">"No upcoming meetings."</p> }.into_any()
                            } else {
                                meeting_table(upcoming_caption, list.upcoming, |m| format!("/meetings/{}", m.id), false, false).into_any()
                            }}
                            {if list.past.is_empty() {
                                view! { <p class="govuk-body">"No past meetings."</p> }.into_any()
                            } else {
                                meeting_table(past_caption, list.past, |m| format!("/meetings/{}", m.id), true, false).into_any()
                            }}
                            <Pagination previous next label="Pages of past meetings"/>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn EditBoardPage() -> impl IntoView {
    let id = page_id();
    let update = ServerAction::<UpdateBoard>::new();
    let add = ServerAction::<AddMember>::new();
    let remove = ServerAction::<RemoveMember>::new();
    let board = Resource::new(
        move || {
            (
                id(),
                update.version().get(),
                add.version().get(),
                remove.version().get(),
            )
        },
        |(id, ..)| get_board(id),
    );
    let people = Resource::new(|| (), |_| list_people());
    let details_error: FormError = crate::components::form_error(update);
    let member_error: FormError = crate::components::form_error(add);
    let remove_error: FormError = crate::components::form_error(remove);
    let saved = flag_message(
        "saved",
        &[
            ("details", "The board's details were saved"),
            ("member", "The member was added"),
            ("removed", "The member was removed"),
        ],
    );
    view! {
        <Suspense fallback=|| view! { <p class="govuk-body">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let people = people.await.unwrap_or_default();
                match board.await {
                    Err(e) => view! { <ShowError error=e/> }.into_any(),
                    Ok(b) => {
                        let board_id = b.id.to_string();
                        let member_board = board_id.clone();
                        let add_board = board_id.clone();
                        let title = format!("Edit board: {}", b.name);
                        let person_options: Vec<(String, String)> =
                            people.into_iter().map(|(id, name)| (id.to_string(), name)).collect();
                        view! {
                            <Title text=title.clone()/>
                            <A href=format!("/boards/{}", b.id) attr:class="govuk-back-link">"Back to the board"</A>
                            <SuccessBanner message=saved/>
                            <ErrorSummary error=details_error/>
                            <ErrorSummary error=member_error/>
                            <ErrorSummary error=remove_error/>
                            <h1 class="govuk-heading-l">{title}</h1>
                            <div class="govuk-grid-row">
                                <div class="govuk-grid-column-two-thirds">
                                    <h2 class="govuk-heading-m">"Details"</h2>
                                    <ActionForm action=update attr:novalidate=true>
                                        <input type="hidden" name="id" value=board_id/>
                                        <BoardFields error=details_error code=b.code.clone() name=b.name.clone() description=b.description.clone()/>
                                        <button type="submit" class="govuk-button">"Save details"</button>
                                    </ActionForm>
                                    <h2 class="govuk-heading-m">"Members"</h2>
                                    <table class="govuk-table">
                                        <caption class="govuk-table__caption govuk-table__caption--s">{format!("{} members", b.members.len())}</caption>
                                        <thead class="govuk-table__head">
                                            <tr class="govuk-table__row">
                                                <th scope="col" class="govuk-table__header">"Name"</th>
                                                <th scope="col" class="govuk-table__header">"Role"</th>
                                                <th scope="col" class="govuk-table__header">"Organisation"</th>
                                                <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">"Actions"</span></th>
                                            </tr>
                                        </thead>
                                        <tbody class="govuk-table__body">
                                            {b.members.clone().into_iter().map(move |m| {
                                                let board_id = member_board.clone();
                                                view! {
                                                    <tr class="govuk-table__row">
                                                        <td data-label="Name" class="govuk-table__cell">{m.name.clone()}</td>
                                                        <td data-label="Role" class="govuk-table__cell">{m.position.clone()}</td>
                                                        <td data-label="Organisation" class="govuk-table__cell">{m.organisation.clone()}</td>
                                                        <td data-label="Actions" class="govuk-table__cell">
                                                            <ActionForm action=remove attr:class="app-inline-form">
                                                                <input type="hidden" name="board" value=board_id/>
                                                                <input type="hidden" name="member" value=m.id.to_string()/>
                                                                <button type="submit" class="govuk-button govuk-button--warning govuk-!-margin-bottom-0">
                                                                    "Remove"<span class="govuk-visually-hidden">{format!(" {}", m.name)}</span>
                                                                </button>
                                                            </ActionForm>
                                                        </td>
                                                    </tr>
                                                }
                                            }).collect::<Vec<_>>()}
                                        </tbody>
                                    </table>
                                    <h3 class="govuk-heading-s">"Add a member"</h3>
                                    <ActionForm action=add attr:novalidate=true>
                                        <input type="hidden" name="board" value=add_board/>
                                        <ChooseField label="A Scrutineer user" name="user" error=member_error options=person_options empty="Someone from outside (enter below)"/>
                                        <TextField label="Or the name of someone from outside" name="name" error=member_error autocomplete="off"/>
                                        <TextField label="Organisation (optional)" name="organisation" error=member_error autocomplete="off"/>
                                        <TextField label="Role on the board (optional)" name="position" error=member_error hint="For example Chair" autocomplete="off"/>
                                        <button type="submit" class="govuk-button govuk-button--secondary">"Add member"</button>
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
