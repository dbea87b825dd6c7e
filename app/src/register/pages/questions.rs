//! Questions to the force: the list, putting one (checked first), correcting or withdrawing
//! it, and a question's page with the answer and the Commissioner's assessment. The public
//! pages of published questions are in `public`.

use domain::{QuestionStatus, QuestionSummary, QuestionView, Role, DUE_HINT};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use super::{action_table, due_cell, only_board, options, question_status_tag, role};
use crate::components::{
    ChooseField, ConfirmPanel, ErrorSummary, FormError, Pagination, Radios, ShowError,
    SuccessBanner, TextArea, TextField,
};
use crate::meetings::{flag_message, page_id};
use crate::register::server::*;

pub(super) fn question_table(
    caption: String,
    questions: Vec<QuestionSummary>,
    public: bool,
) -> impl IntoView {
    view! {
        <table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--m">{caption}</caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Question"</th>
                    <th scope="col" class="govuk-table__header">"Asked"</th>
                    <th scope="col" class="govuk-table__header">"Answer due"</th>
                    <th scope="col" class="govuk-table__header">"Status"</th>
                </tr>
            </thead>
            <tbody class="govuk-table__body">
                {questions.into_iter().map(|q| {
                    let href = if public { format!("/public/questions/{}", q.id) } else { format!("/questions/{}", q.id) };
                    view! {
                        <tr class="govuk-table__row">
                            <td data-label="Question" class="govuk-table__cell">
                                <A href=href attr:class="govuk-link">{q.text.clone()}</A>
                                <br/><span class="app-secondary">{format!("{} · {}", q.board_code, q.topic)}</span>
                            </td>
                            <td data-label="Asked" class="govuk-table__cell">{q.asked_long.clone()}</td>
                            <td data-label="Answer due" class="govuk-table__cell">{due_cell(q.due_on.clone(), q.due_long.clone(), q.due_state, false, 0)}</td>
                            <td data-label="Status" class="govuk-table__cell">
                                {if public { q.status.public_label().into_any() } else { question_status_tag(q.status).into_any() }}
                            </td>
                        </tr>
                    }
                }).collect::<Vec<_>>()}
            </tbody>
        </table>
    }
}

pub(super) fn page_link(base: &str, status: &str, page: u32) -> String {
    if status.is_empty() {
        format!("{base}?page={page}")
    } else {
        format!("{base}?status={status}&page={page}")
    }
}

#[component]
pub fn QuestionsPage() -> impl IntoView {
    let query = use_query_map();
    let list = Resource::new(
        move || query.get(),
        |q| {
            list_questions(
                q.get("status").unwrap_or_default(),
                q.get("board").unwrap_or_default(),
                q.get("topic").unwrap_or_default(),
                q.get("tag").unwrap_or_default(),
                q.get("page").and_then(|p| p.parse().ok()),
            )
        },
    );
    let saved = flag_message("saved", &[("discarded", "The draft question was deleted")]);
    view! {
        <Title text="Questions to the force"/>
        <SuccessBanner message=saved/>
        <h1 class="govuk-heading-l">"Questions to the force"</h1>
        <Suspense fallback=|| view! { <p class="govuk-body">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let role = role().await;
                let (status, board, topic, tag) = query.with_untracked(|q| {
                    (
                        q.get("status").unwrap_or_default(),
                        q.get("board").unwrap_or_default(),
                        q.get("topic").unwrap_or_default(),
                        q.get("tag").unwrap_or_default(),
                    )
                });
                let filter = format!(
                    "status={}&board={}&topic={}&tag={}",
                    crate::routes::encode_query_value(&status),
                    crate::routes::encode_query_value(&board),
                    crate::routes::encode_query_value(&topic),
                    crate::routes::encode_query_value(&tag)
                );
                let mut statuses = vec![("awaiting".to_owned(), QuestionStatus::OWED_LABEL.to_owned())];
                statuses.extend(QuestionStatus::ALL.iter()
                    .filter(|s| role != Some(Role::ForceLiaison) || **s != QuestionStatus::Draft)
                    .map(|s| (s.as_str().to_owned(), s.label().to_owned())));
                let no_error: FormError = Signal::stored(None);
                match list.await {
                    Err(e) => view! { <ShowError error=e/> }.into_any(),
                    Ok(list) => {
                        let previous = (list.page > 1).then(|| format!("/questions?{filter}&page={}", list.page - 1));
                        let next = (list.page < list.pages).then(|| format!("/questions?{filter}&page={}", list.page + 1));
                        let caption = format!("Questions (page {} of {})", list.page, list.pages);
                        view! {
                            {role.is_some_and(Role::is_opcc).then(|| view! {
                                <p class="govuk-body">
                                    <A href="/questions/new" attr:class="govuk-button" attr:role="button">"Put a question"</A>
                                </p>
                            })}
                            <form method="get" action="/questions" class="app-filter" role="search" aria-label="Filter questions">
                                <div class="govuk-grid-row">
                                    <div class="govuk-grid-column-one-third">
                                        <ChooseField label="Status" name="status" error=no_error options=statuses value=status.clone() empty="Any status"/>
                                    </div>
                                    <div class="govuk-grid-column-one-third">
                                        <ChooseField label="Board" name="board" error=no_error options=options(list.boards.clone()) value=board.clone() empty="Any board"/>
                                    </div>
                                    <div class="govuk-grid-column-one-third">
                                        <ChooseField label="Topic" name="topic" error=no_error options=options(list.topics.clone()) value=topic.clone() empty="Any topic"/>
                                    </div>
                                    <div class="govuk-grid-column-one-third">
                                        <ChooseField label="Equality" name="tag" error=no_error options=list.tags.clone() value=tag.clone() empty="Any or none"/>
                                    </div>
                                </div>
                                <button type="submit" class="govuk-button govuk-button--secondary">"Show questions"</button>
                            </form>
                            {if list.questions.is_empty() {
                                view! { <p class="govuk-body">"No questions match."</p> }.into_any()
                            } else {
                                question_table(caption, list.questions, false).into_any()
                            }}
                            <Pagination previous next label="Pages of questions"/>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn NewQuestionPage() -> impl IntoView {
    let create = ServerAction::<CreateQuestion>::new();
    let error: FormError = crate::components::form_error(create);
    let choices = Resource::new(|| (), |_| action_choices(String::new()));
    // From the evidence page: a figure to attach, and the question drafted from it.
    let (figure, group, text, context) =
        leptos_router::hooks::use_query_map().with_untracked(|q| {
            (
                q.get("figure"),
                q.get("group"),
                q.get("text"),
                q.get("context"),
            )
        });
    let prefill = (text.unwrap_or_default(), context.unwrap_or_default());
    let carried = figure.zip(group);
    view! {
        <Title text=move || if error.try_with(Option::is_some).unwrap_or(false) { "Error: Put a question" } else { "Put a question" }/>
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <A href="/questions" attr:class="govuk-back-link">"Back to questions"</A>
                <ErrorSummary error/>
                <h1 class="govuk-heading-l">"Put a question"</h1>
                {crate::components::loaded(choices, move |c| {
                    let pairs = options;
                    let single_board = only_board(&c.boards);
                    let prefill = prefill.clone();
                    let carried = carried.clone().map(|(figure, group)| view! {
                        <input type="hidden" name="figure" value=figure/>
                        <input type="hidden" name="figure_group" value=group/>
                        <div class="govuk-inset-text">"The figure this question is drafted from will be attached to it, frozen as it stands when you save."</div>
                    });
                    view! {
                        <ActionForm action=create attr:novalidate=true>
                            {carried}
                            <ChooseField label="Board" name="board" error options=pairs(c.boards.clone()) value=single_board empty="Choose a board"/>
                            <QuestionFields error choices=c prefill/>
                            <div class="govuk-button-group">
                                <button type="submit" name="intent" value="check" class="govuk-button">"Continue"</button>
                                <button type="submit" name="intent" value="draft" class="govuk-button govuk-button--secondary">"Save as draft"</button>
                            </div>
                        </ActionForm>
                    }.into_any()
                })}
            </div>
        </div>
    }
}

/// The fields of a question after its board, empty or as `question` stands.
#[component]
fn QuestionFields(
    error: FormError,
    choices: domain::Choices,
    #[prop(optional)] question: Option<QuestionView>,
    /// A new question's text and context, drafted elsewhere (from a figure).
    #[prop(optional)]
    prefill: (String, String),
) -> impl IntoView {
    let value = |f: fn(&QuestionView) -> String| question.as_ref().map(f).unwrap_or_default();
    let text = question
        .as_ref()
        .map(|q| q.summary.text.clone())
        .unwrap_or(prefill.0);
    let context = question
        .as_ref()
        .map(|q| q.context.clone())
        .unwrap_or(prefill.1);
    let topic = value(|q| q.topic_id.to_string());
    let meeting = value(|q| {
        q.meeting
            .as_ref()
            .map(|(id, _)| id.to_string())
            .unwrap_or_default()
    });
    let asked_on = value(|q| q.summary.asked_on.clone());
    let due = value(|q| q.summary.due_on.clone());
    view! {
        <TextArea label="Question" name="text" error rows=3 value=text/>
        <TextArea label="Context (optional)" name="context" error rows=5 value=context
            hint="Why the Commissioner asks: figures, reports, links. Markdown (images are not shown: link to them)."/>
        <ChooseField label="Topic" name="topic" error options=options(choices.topics) value=topic empty="Choose a topic"/>
        <ChooseField label="Raised at" name="meeting" error options=options(choices.meetings) value=meeting empty="In writing"/>
        <TextField label="Asked on (optional)" name="asked_on" error value=asked_on hint="A date such as 31/12/2026 or 31 December 2026; today if left empty" width_class="govuk-input--width-10"/>
        <TextField label="Answer due" name="due" error value=due hint=DUE_HINT width_class="govuk-input--width-20"/>
        <super::actions::ConfirmDue error/>
    }
}

/// Corrects a question: a draft freely, a question put to the force with a reason the
/// force is told.
#[component]
pub fn EditQuestionPage() -> impl IntoView {
    let id = page_id();
    let update = ServerAction::<UpdateQuestion>::new();
    let error: FormError = crate::components::form_error(update);
    let question = Resource::new(id, get_question);
    let choices = Resource::new(|| (), |_| action_choices(String::new()));
    view! {
        <Title text=move || if error.try_with(Option::is_some).unwrap_or(false) { "Error: Correct a question" } else { "Correct a question" }/>
        <Suspense fallback=|| view! { <p class="govuk-body">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match (question.await, choices.await) {
                    (Err(e), _) | (_, Err(e)) => view! { <ShowError error=e/> }.into_any(),
                    (Ok(q), Ok(c)) => {
                        let s = q.summary.clone();
                        let draft = s.status == QuestionStatus::Draft;
                        view! {
                            <div class="govuk-grid-row">
                                <div class="govuk-grid-column-two-thirds">
                                    <A href=format!("/questions/{}", s.id) attr:class="govuk-back-link">"Back to the question"</A>
                                    <ErrorSummary error/>
                                    <span class="govuk-caption-l">{format!("{} · {}", s.board_code, s.status.label())}</span>
                                    <h1 class="govuk-heading-l">"Correct a question"</h1>
                                    {if !q.may.edit {
                                        view! {
                                            <p class="govuk-body">{format!("This question is {}: it cannot be corrected now.", s.status.label().to_lowercase())}</p>
                                        }.into_any()
                                    } else {
                                        view! {
                                            {(!draft).then(|| view! {
                                                <div class="govuk-warning-text">
                                                    <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                                                    <strong class="govuk-warning-text__text">
                                                        <span class="govuk-visually-hidden">"Warning"</span>
                                                        "This question has been put to the force. They will be told of the correction and why; the question's history keeps both versions."
                                                    </strong>
                                                </div>
                                            })}
                                            <ActionForm action=update attr:novalidate=true>
                                                <input type="hidden" name="id" value=s.id.to_string()/>
                                                <input type="hidden" name="board" value=q.board_id.to_string()/>
                                                <input type="hidden" name="was_due" value=s.due_on.clone()/>
                                                <QuestionFields error choices=c question=q.clone()/>
                                                {(!draft).then(|| view! {
                                                    <TextArea label="Why it is corrected" name="reason" error rows=3 hint="The force reads this with the corrected question."/>
                                                })}
                                                <button type="submit" class="govuk-button">"Save the question"</button>
                                            </ActionForm>
                                        }.into_any()
                                    }}
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
    ("created", "The question was saved"),
    (
        "figure",
        "The figure was attached to the question, frozen as it stands",
    ),
    ("edited", "The question was saved"),
    ("withdrawn", "The question was withdrawn"),
    (
        "check",
        "The question was saved as a draft: check it, then put it to the force",
    ),
    ("put", "The question was put to the force"),
    ("answered", "The answer was sent"),
    ("assessed", "The assessment was recorded"),
    ("tagged", "The equality tags were saved"),
    ("published", "The question is now on the public pages"),
    (
        "unpublished",
        "The question is no longer on the public pages",
    ),
];

#[component]
pub fn QuestionPage() -> impl IntoView {
    let id = page_id();
    let put = ServerAction::<PutQuestion>::new();
    let answer = ServerAction::<AnswerQuestion>::new();
    let assess = ServerAction::<AssessQuestion>::new();
    let publish = ServerAction::<PublishQuestion>::new();
    let withdraw = ServerAction::<WithdrawQuestion>::new();
    let discard = ServerAction::<DiscardQuestion>::new();
    let question = Resource::new(
        move || {
            (
                id(),
                put.version().get() + answer.version().get() + withdraw.version().get(),
                assess.version().get() + publish.version().get(),
            )
        },
        |(id, ..)| get_question(id),
    );
    let errors: [FormError; 6] = [
        crate::components::form_error(put),
        crate::components::form_error(answer),
        crate::components::form_error(assess),
        crate::components::form_error(publish),
        crate::components::form_error(withdraw),
        crate::components::form_error(discard),
    ];
    let saved = flag_message("saved", SAVED);
    let query = use_query_map();
    let checking = move || query.with_untracked(|q| q.get("saved").as_deref() == Some("check"));
    let discarding =
        move || query.with_untracked(|q| q.get("confirm").as_deref() == Some("discard"));
    view! {
        {crate::components::loaded(question, move |q| {
            let id = q.summary.id;
            let may = q.may;
            let published = q.summary.published;
            let hidden = move || view! { <input type="hidden" name="id" value=id.to_string()/> };
            let [_, answer_error, assess_error, _, withdraw_error, _] = errors;
            view! {
                <Title text="Question"/>
                <A href="/questions" attr:class="govuk-back-link">"Back to questions"</A>
                <SuccessBanner message=saved/>
                {errors.into_iter().map(|error| view! { <ErrorSummary error/> }).collect::<Vec<_>>()}
                {(checking() && may.put).then(|| view! {
                    <span class="govuk-caption-l">"Check your question"</span>
                    <p class="govuk-body">"This is what the Chief Constable will be asked. Nothing has been sent yet: it is saved as a draft."</p>
                })}
                {(discarding() && may.discard).then(|| view! {
                    <ConfirmPanel question="Delete this draft question?".to_owned()
                        detail="It was never put to the force. Its text stays only in the audit trail."
                        cancel=format!("/questions/{id}")>
                        <ActionForm action=discard attr:class="app-inline-form">
                            {hidden()}
                            <button type="submit" class="govuk-button govuk-button--warning">"Yes, delete it"</button>
                        </ActionForm>
                    </ConfirmPanel>
                })}
                <QuestionBody question=q.clone()/>
                <crate::evidence::QuestionFigures id/>
                <crate::equality::EqualityPanel kind="question" id/>
                {(may.edit || may.discard).then(|| view! {
                    <p class="govuk-body">
                        {may.edit.then(|| view! {
                            <A href=format!("/questions/{id}/edit") attr:class="govuk-link" attr:id="correct-question">"Correct this question"<span class="govuk-visually-hidden">{format!(": {}", q.summary.text)}</span></A>
                        })}
                        {may.discard.then(|| view! {
                            " · "<a href=format!("/questions/{id}?confirm=discard") class="govuk-link">"Delete this draft"</a>
                        })}
                    </p>
                })}
                {may.put.then(|| view! {
                    <div class="govuk-inset-text">
                        "Once put, the question goes to the force, who are told by email, and the answer is due on "
                        {q.summary.due_long.clone()}"."
                    </div>
                    <ActionForm action=put>
                        {hidden()}
                        <button type="submit" class="govuk-button">"Put this question to the Chief Constable"</button>
                    </ActionForm>
                })}
                {may.answer.then(|| view! {
                    <h2 class="govuk-heading-m">"Answer"</h2>
                    <ActionForm action=answer attr:novalidate=true>
                        {hidden()}
                        <TextArea label="The force's answer" name="answer" error=answer_error rows=6 hint="Markdown: lists, tables, [links](https://…). Images are not shown: link to them. What the public reads of it is chosen by the Commissioner's office: nothing, these words with any personal information redacted, or a summary."/>
                        <button type="submit" class="govuk-button">"Send answer"</button>
                    </ActionForm>
                })}
                {may.assess.then(|| view! {
                    <h2 class="govuk-heading-m">"Assess the answer"</h2>
                    <ActionForm action=assess attr:novalidate=true>
                        {hidden()}
                        <Radios legend="Outcome" name="outcome" error=assess_error options=vec![
                            ("satisfactory", "Satisfactory"),
                            ("further_information", "Ask for further information"),
                        ]/>
                        <TextArea label="Note" name="note" error=assess_error rows=3 hint="Required when asking for further information."/>
                        <crate::equality::AssuranceFields error=assess_error kind="answer"/>
                        <button type="submit" class="govuk-button">"Record assessment"</button>
                    </ActionForm>
                })}
                {may.publish.then(|| view! {
                    <ActionForm action=publish attr:class="app-inline-form">
                        {hidden()}
                        <input type="hidden" name="publish" value=if published { "no" } else { "yes" }/>
                        <button type="submit" class="govuk-button govuk-button--secondary">
                            {if published { "Remove from the public pages" } else { "Publish on the public pages" }}
                        </button>
                    </ActionForm>
                })}
                {may.withdraw.then(|| view! {
                    <h2 class="govuk-heading-m">"Withdraw the question"</h2>
                    <ActionForm action=withdraw attr:novalidate=true>
                        {hidden()}
                        <TextArea label="Why it is withdrawn" name="withdrawal_reason" error=withdraw_error rows=3
                            hint="The force is told. If the question is on the public pages, this reason is shown there too."/>
                        <button type="submit" class="govuk-button govuk-button--warning">"Withdraw the question"</button>
                    </ActionForm>
                })}
                <super::timeline::StaffTimeline entries=q.timeline.clone() may_choose=may.publish/>
                {(!q.actions.is_empty()).then(|| action_table("Actions arising".to_owned(), q.actions.clone()))}
                {may.publish.then(|| view! {
                    <p class="govuk-body">
                        <A href=format!("/actions/new?question={id}") attr:class="govuk-link">"Record an action arising from this question"</A>
                    </p>
                })}
            }.into_any()
        })}
    }
}

/// The question, its context and the latest answer and assessment.
#[component]
pub(super) fn QuestionBody(
    question: QuestionView,
    /// Links go to the public pages.
    #[prop(optional)]
    public: bool,
) -> impl IntoView {
    let s = question.summary;
    let at_meeting = question.meeting.map(|(id, at)| {
        let href = if public || question.meeting_on_public_pages {
            format!("/public/meetings/{id}")
        } else {
            format!("/meetings/{id}")
        };
        view! { <A href=href attr:class="govuk-link">{format!("meeting of {}", at.long)}</A> }
    });
    // A meeting still to come has not heard the question yet.
    let asked_key = if question.meeting_ahead {
        "To be raised"
    } else {
        "Asked"
    };
    let status = if public {
        let reason = question.assurance.is_some() && !question.assurance_reason.trim().is_empty();
        view! {
            <strong>{s.status.story(question.assurance)}</strong>
            {reason.then(|| view! { <p class="govuk-body govuk-!-margin-top-2 govuk-!-margin-bottom-0">{question.assurance_reason.clone()}</p> })}
        }
        .into_any()
    } else {
        question_status_tag(s.status).into_any()
    };
    view! {
        <span class="govuk-caption-l">{format!("{} · {}", s.board_code, s.topic)}</span>
        <h1 class="govuk-heading-l">{s.text.clone()}</h1>
        <dl class="govuk-summary-list">
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">"Status"</dt>
                <dd class="govuk-summary-list__value">{status}</dd>
            </div>
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">{asked_key}</dt>
                <dd class="govuk-summary-list__value">
                    {match at_meeting {
                        Some(link) if question.meeting_ahead => view! { "At the "{link} }.into_any(),
                        Some(link) => view! { {s.asked_long.clone()}" at the "{link} }.into_any(),
                        None => format!("{} in writing", s.asked_long).into_any(),
                    }}
                </dd>
            </div>
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">"Answer due"</dt>
                <dd class="govuk-summary-list__value">{due_cell(s.due_on.clone(), s.due_long.clone(), s.due_state, false, 0)}</dd>
            </div>
        </dl>
        {(!question.withdrawal_html.is_empty()).then(|| view! {
            <div class="govuk-inset-text">
                <h2 class="govuk-heading-s">"Why the Commissioner withdrew it"</h2>
                <div class="app-minutes" inner_html=question.withdrawal_html.clone()></div>
            </div>
        })}
        {(!question.context.is_empty()).then(|| view! {
            <h2 class="govuk-heading-m">"Context"</h2>
            <div class="app-minutes" inner_html=question.context_html.clone()></div>
        })}
        {question.answer_withheld.then(|| view! {
            <h2 class="govuk-heading-m">"The force's answer"</h2>
            <p class="govuk-body">"The force has answered. The Commissioner's office has not published the answer yet."</p>
        })}
        {(!question.answer_html.is_empty()).then(|| view! {
            <h2 class="govuk-heading-m">"The force's answer"</h2>
            <div class="app-minutes" inner_html=question.answer_html.clone()></div>
        })}
        {(!question.assessment_note.is_empty()).then(|| view! {
            <h2 class="govuk-heading-m">"The Commissioner's assessment"</h2>
            <p class="govuk-body">{question.assessment_note.clone()}</p>
        })}
    }
}
