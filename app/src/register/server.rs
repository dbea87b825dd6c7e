//! Server functions of the accountability register: actions, questions, deadlines. Each
//! takes the acting person from the request, parses the form into domain values, calls one
//! service (which checks role and ownership), and maps its error once. Forms posted without
//! JavaScript are answered with a redirect to the page that shows the result.
//!
//! A form posts its fields as one flat list, so the forms that record an action or a
//! question, and the register's filter, have a server-function argument per field; each
//! is gathered into one input struct at once (`ActionInput`, `QuestionInput`,
//! `RegisterFilter`).
#![allow(
    clippy::too_many_arguments,
    reason = "one argument per form field; `#[server]` repeats the signature, so `expect` cannot be used"
)]

use domain::{ActionView, Choices, Deadlines, QuestionSummary, QuestionView, RegisterPage};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;

#[cfg(feature = "ssr")]
use crate::context::{acting, acting_as, anyone, record_id, refused};

/// A page of questions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionList {
    pub questions: Vec<QuestionSummary>,
    pub page: u32,
    pub pages: u32,
    /// For the filter form: (id, board code) and (id, topic name); empty on public lists.
    #[serde(default)]
    pub boards: Vec<(i64, String)>,
    #[serde(default)]
    pub topics: Vec<(i64, String)>,
}

/// The bank holidays and today, for parsing due dates typed into a form.
#[cfg(feature = "ssr")]
async fn calendar(
    state: &crate::context::AppState,
) -> services::Result<services::register::working_days::Calendar> {
    services::register::working_days::calendar(&state.db).await
}

/// The register for the filter in `query`, the page's address as it stands (see
/// `domain::RegisterFilter::from_query`).
#[server(endpoint = "register/list")]
pub async fn list_actions(#[server(default)] query: String) -> Result<RegisterPage, AppError> {
    let (state, actor) = acting()?;
    let filter = domain::RegisterFilter::from_query(&query);
    let values = [
        ("due_from", filter.due_from.as_str()),
        ("due_to", filter.due_to.as_str()),
    ];
    services::register::actions::register(&state.db, &actor, &filter, &state.window())
        .await
        .map_err(|e| refused(e, &values))
}

#[server(endpoint = "register/choices")]
pub async fn action_choices(#[server(default)] meeting: String) -> Result<Choices, AppError> {
    let (state, actor) = acting()?;
    let meeting = meeting.trim().parse::<i64>().ok();
    services::register::actions::choices(&state.db, &actor, meeting)
        .await
        .map_err(|e| refused(e, &[]))
}

#[server(endpoint = "register/create")]
pub async fn create_action(
    #[server(default)] board: String,
    #[server(default)] text: String,
    #[server(default)] topic: String,
    #[server(default)] meeting: String,
    #[server(default)] agenda_item: String,
    #[server(default)] question: String,
    #[server(default)] owner: String,
    #[server(default)] owner_name: String,
    #[server(default)] owner_user: String,
    #[server(default)] priority: String,
    #[server(default)] due: String,
    #[server(default)] published: Option<String>,
    #[server(default)] confirm_due: Option<String>,
) -> Result<(), AppError> {
    use services::register::actions::{ActionInput, NewAction};
    let (state, actor) = acting_as(domain::roles::OFFICE)?;
    let input = ActionInput {
        board: &board,
        text: &text,
        topic: &topic,
        meeting: &meeting,
        agenda_item: &agenda_item,
        question: &question,
        owner: &owner,
        owner_name: &owner_name,
        owner_user: &owner_user,
        priority: &priority,
        due: &due,
        published: published.is_some(),
        check_due: confirm_due.is_none(),
    };
    let values = [
        ("board", board.as_str()),
        ("text", &text),
        ("topic", &topic),
        ("meeting", &meeting),
        ("agenda_item", &agenda_item),
        ("question", &question),
        ("owner", &owner),
        ("owner_name", &owner_name),
        ("owner_user", &owner_user),
        ("priority", &priority),
        ("due", &due),
    ];
    let result = async {
        let topics = services::register::topics::list(&state.db).await?;
        let calendar = calendar(&state).await?;
        let new = NewAction::parse(&input, &topics, services::london::today(), &calendar)?;
        services::register::actions::create(&state.db, &actor, new).await
    }
    .await;
    let (id, _) = result.map_err(|e| refused(e, &values))?;
    leptos_axum::redirect(&format!("/actions/{id}?saved=created"));
    Ok(())
}

#[server(endpoint = "register/get")]
pub async fn get_action(id: String) -> Result<ActionView, AppError> {
    let (state, actor) = acting()?;
    services::register::actions::get(&state.db, &actor, record_id(&id)?, &state.window())
        .await
        .map_err(|e| refused(e, &[]))
}

#[server(endpoint = "register/respond")]
pub async fn respond_to_action(
    id: String,
    #[server(default)] response: String,
) -> Result<(), AppError> {
    let (state, actor) = acting()?;
    let id = record_id(&id)?;
    services::register::actions::respond(&state.db, &actor, id, &response)
        .await
        .map_err(|e| refused(e, &[("response", &response)]))?;
    leptos_axum::redirect(&format!("/actions/{id}?saved=response"));
    Ok(())
}

#[server(endpoint = "register/assess")]
pub async fn assess_action(
    id: String,
    #[server(default)] outcome: String,
    #[server(default)] note: String,
    #[server(default)] due: String,
) -> Result<(), AppError> {
    use services::register::actions::Assessment;
    let (state, actor) = acting_as(domain::roles::ASSESSORS)?;
    let id = record_id(&id)?;
    let values = [
        ("outcome", outcome.as_str()),
        ("note", &note),
        ("due", &due),
    ];
    let result = async {
        let calendar = calendar(&state).await?;
        let assessment =
            Assessment::parse(&outcome, &note, &due, services::london::today(), &calendar)?;
        services::register::actions::assess(&state.db, &actor, id, assessment).await
    }
    .await;
    result.map_err(|e| refused(e, &values))?;
    leptos_axum::redirect(&format!("/actions/{id}?saved=assessed"));
    Ok(())
}

#[server(endpoint = "register/withdraw")]
pub async fn withdraw_action(
    id: String,
    #[server(default)] withdrawal_reason: String,
) -> Result<(), AppError> {
    let (state, actor) = acting()?;
    let id = record_id(&id)?;
    services::register::actions::withdraw(&state.db, &actor, id, &withdrawal_reason)
        .await
        .map_err(|e| refused(e, &[("withdrawal_reason", &withdrawal_reason)]))?;
    leptos_axum::redirect(&format!("/actions/{id}?saved=withdrawn"));
    Ok(())
}

#[server(endpoint = "register/request-extension")]
pub async fn request_extension(
    id: String,
    #[server(default)] reason: String,
    #[server(default)] proposed: String,
) -> Result<(), AppError> {
    let (state, actor) = acting()?;
    let id = record_id(&id)?;
    let values = [("reason", reason.as_str()), ("proposed", &proposed)];
    let result = async {
        let calendar = calendar(&state).await?;
        services::register::actions::request_extension(
            &state.db,
            &actor,
            id,
            &reason,
            &proposed,
            services::london::today(),
            &calendar,
        )
        .await
    }
    .await;
    result.map_err(|e| refused(e, &values))?;
    leptos_axum::redirect(&format!("/actions/{id}?saved=extension_requested"));
    Ok(())
}

#[server(endpoint = "register/decide-extension")]
pub async fn decide_extension(
    id: String,
    #[server(default)] decision: String,
    #[server(default)] decision_note: String,
) -> Result<(), AppError> {
    let (state, actor) = acting()?;
    let id = record_id(&id)?;
    let values = [
        ("decision", decision.as_str()),
        ("decision_note", &decision_note),
    ];
    services::register::actions::decide_extension(&state.db, &actor, id, &decision, &decision_note)
        .await
        .map_err(|e| refused(e, &values))?;
    leptos_axum::redirect(&format!("/actions/{id}?saved=extension_decided"));
    Ok(())
}

#[server(endpoint = "register/publish")]
pub async fn publish_action(id: String, publish: String) -> Result<(), AppError> {
    let (state, actor) = acting()?;
    let id = record_id(&id)?;
    let publish = publish == "yes";
    services::register::actions::set_published(&state.db, &actor, id, publish)
        .await
        .map_err(|e| refused(e, &[]))?;
    let saved = if publish { "published" } else { "unpublished" };
    leptos_axum::redirect(&format!("/actions/{id}?saved={saved}"));
    Ok(())
}

/// The home page's deadline panel; nothing for someone signed out (the public home page
/// asks too, and must not fail for it).
#[server(endpoint = "register/deadlines")]
pub async fn get_deadlines() -> Result<Option<Deadlines>, AppError> {
    let (state, actor) = anyone()?;
    if actor.role.is_none() {
        return Ok(None);
    }
    services::register::actions::deadlines(&state.db, &actor, &state.window())
        .await
        .map(Some)
        .map_err(|e| refused(e, &[]))
}

#[server(endpoint = "questions/list")]
pub async fn list_questions(
    #[server(default)] status: String,
    #[server(default)] board: String,
    #[server(default)] topic: String,
    #[server(default)] page: Option<u32>,
) -> Result<QuestionList, AppError> {
    let (state, actor) = acting()?;
    let filter = services::register::questions::QuestionFilter {
        status,
        board,
        topic,
    };
    let result = async {
        let (questions, page, pages) =
            services::register::questions::list(&state.db, &actor, &filter, page, &state.window())
                .await?;
        let boards = services::meetings::boards::list(&state.db)
            .await?
            .into_iter()
            .map(|b| (b.id, b.code))
            .collect();
        let topics = services::register::topics::list(&state.db)
            .await?
            .into_iter()
            .map(|t| (t.id, t.name))
            .collect();
        Ok::<_, services::Error>(QuestionList {
            questions,
            page,
            pages,
            boards,
            topics,
        })
    }
    .await;
    result.map_err(|e| refused(e, &[]))
}

#[server(endpoint = "questions/create")]
pub async fn create_question(
    #[server(default)] board: String,
    #[server(default)] topic: String,
    #[server(default)] text: String,
    #[server(default)] context: String,
    #[server(default)] meeting: String,
    #[server(default)] asked_on: String,
    #[server(default)] due: String,
    #[server(default)] intent: String,
    #[server(default)] confirm_due: Option<String>,
) -> Result<(), AppError> {
    use services::register::questions::{NewQuestion, QuestionInput};
    let (state, actor) = acting_as(domain::roles::OFFICE)?;
    let input = QuestionInput {
        board: &board,
        topic: &topic,
        text: &text,
        context: &context,
        meeting: &meeting,
        asked_on: &asked_on,
        due: &due,
        check_due: confirm_due.is_none(),
    };
    let values = [
        ("board", board.as_str()),
        ("topic", &topic),
        ("text", &text),
        ("context", &context),
        ("meeting", &meeting),
        ("asked_on", &asked_on),
        ("due", &due),
    ];
    let result = async {
        let topics = services::register::topics::list(&state.db).await?;
        let calendar = calendar(&state).await?;
        let new = NewQuestion::parse(&input, &topics, services::london::today(), &calendar)?;
        // Nothing goes to the force from this form: a question is saved as a draft and
        // put from its own page, once checked.
        services::register::questions::create(&state.db, &actor, new, false).await
    }
    .await;
    let id = result.map_err(|e| refused(e, &values))?;
    let saved = if intent == "draft" {
        "created"
    } else {
        "check"
    };
    leptos_axum::redirect(&format!("/questions/{id}?saved={saved}"));
    Ok(())
}

#[server(endpoint = "questions/get")]
pub async fn get_question(id: String) -> Result<QuestionView, AppError> {
    let (state, actor) = acting()?;
    services::register::questions::get(&state.db, &actor, record_id(&id)?, &state.window())
        .await
        .map_err(|e| refused(e, &[]))
}

#[server(endpoint = "questions/put")]
pub async fn put_question(id: String) -> Result<(), AppError> {
    let (state, actor) = acting()?;
    let id = record_id(&id)?;
    services::register::questions::put_to_force(&state.db, &actor, id)
        .await
        .map_err(|e| refused(e, &[]))?;
    leptos_axum::redirect(&format!("/questions/{id}?saved=put"));
    Ok(())
}

/// Corrects a question (`services::register::questions::update`); `was_due` is the due date the form
/// was opened with, so that only a changed due date is questioned.
#[server(endpoint = "questions/update")]
pub async fn update_question(
    id: String,
    #[server(default)] board: String,
    #[server(default)] topic: String,
    #[server(default)] text: String,
    #[server(default)] context: String,
    #[server(default)] meeting: String,
    #[server(default)] asked_on: String,
    #[server(default)] due: String,
    #[server(default)] was_due: String,
    #[server(default)] reason: String,
    #[server(default)] confirm_due: Option<String>,
) -> Result<(), AppError> {
    use services::register::questions::{NewQuestion, QuestionInput};
    let (state, actor) = acting_as(domain::roles::OFFICE)?;
    let id = record_id(&id)?;
    let values = [
        ("topic", topic.as_str()),
        ("text", &text),
        ("context", &context),
        ("meeting", &meeting),
        ("asked_on", &asked_on),
        ("due", &due),
        ("reason", &reason),
    ];
    let result = async {
        let topics = services::register::topics::list(&state.db).await?;
        let calendar = calendar(&state).await?;
        let today = services::london::today();
        let input = QuestionInput {
            board: &board,
            topic: &topic,
            text: &text,
            context: &context,
            meeting: &meeting,
            asked_on: &asked_on,
            due: &due,
            check_due: confirm_due.is_none() && due.trim() != was_due.trim(),
        };
        let new = NewQuestion::parse(&input, &topics, today, &calendar)?;
        services::register::questions::update(&state.db, &actor, id, new, &reason).await
    }
    .await;
    result.map_err(|e| refused(e, &values))?;
    leptos_axum::redirect(&format!("/questions/{id}?saved=edited"));
    Ok(())
}

#[server(endpoint = "questions/withdraw")]
pub async fn withdraw_question(
    id: String,
    #[server(default)] withdrawal_reason: String,
) -> Result<(), AppError> {
    let (state, actor) = acting_as(domain::roles::OFFICE)?;
    let id = record_id(&id)?;
    services::register::questions::withdraw(&state.db, &actor, id, &withdrawal_reason)
        .await
        .map_err(|e| refused(e, &[("withdrawal_reason", &withdrawal_reason)]))?;
    leptos_axum::redirect(&format!("/questions/{id}?saved=withdrawn"));
    Ok(())
}

/// Deletes a draft question; the questions list says so.
#[server(endpoint = "questions/discard")]
pub async fn discard_question(id: String) -> Result<(), AppError> {
    let (state, actor) = acting_as(domain::roles::OFFICE)?;
    let id = record_id(&id)?;
    services::register::questions::discard(&state.db, &actor, id)
        .await
        .map_err(|e| refused(e, &[]))?;
    leptos_axum::redirect("/questions?saved=discarded");
    Ok(())
}

#[server(endpoint = "questions/answer")]
pub async fn answer_question(
    id: String,
    #[server(default)] answer: String,
) -> Result<(), AppError> {
    let (state, actor) = acting()?;
    let id = record_id(&id)?;
    services::register::questions::answer(&state.db, &actor, id, &answer)
        .await
        .map_err(|e| refused(e, &[("answer", &answer)]))?;
    leptos_axum::redirect(&format!("/questions/{id}?saved=answered"));
    Ok(())
}

#[server(endpoint = "questions/assess")]
pub async fn assess_question(
    id: String,
    #[server(default)] outcome: String,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    let (state, actor) = acting_as(domain::roles::ASSESSORS)?;
    let id = record_id(&id)?;
    services::register::questions::assess(&state.db, &actor, id, &outcome, &note)
        .await
        .map_err(|e| refused(e, &[("outcome", &outcome), ("note", &note)]))?;
    leptos_axum::redirect(&format!("/questions/{id}?saved=assessed"));
    Ok(())
}

#[server(endpoint = "questions/publish")]
pub async fn publish_question(id: String, publish: String) -> Result<(), AppError> {
    let (state, actor) = acting()?;
    let id = record_id(&id)?;
    let publish = publish == "yes";
    services::register::questions::set_published(&state.db, &actor, id, publish)
        .await
        .map_err(|e| refused(e, &[]))?;
    let saved = if publish { "published" } else { "unpublished" };
    leptos_axum::redirect(&format!("/questions/{id}?saved={saved}"));
    Ok(())
}

#[server(endpoint = "public/questions")]
pub async fn public_questions(
    #[server(default)] page: Option<u32>,
) -> Result<QuestionList, AppError> {
    let (state, _) = anyone()?;
    let (questions, page, pages) =
        services::register::questions::list_public(&state.db, page, &state.window())
            .await
            .map_err(|e| refused(e, &[]))?;
    Ok(QuestionList {
        questions,
        page,
        pages,
        boards: Vec::new(),
        topics: Vec::new(),
    })
}

#[server(endpoint = "public/question")]
pub async fn public_question(id: String) -> Result<QuestionView, AppError> {
    let (state, _) = anyone()?;
    services::register::questions::get_public(&state.db, record_id(&id)?, &state.window())
        .await
        .map_err(|e| refused(e, &[]))
}

/// A page of published actions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionList {
    pub actions: Vec<domain::ActionSummary>,
    pub page: u32,
    pub pages: u32,
}

#[server(endpoint = "public/actions")]
pub async fn public_actions(#[server(default)] page: Option<u32>) -> Result<ActionList, AppError> {
    let (state, _) = anyone()?;
    let (actions, page, pages) =
        services::register::actions::published(&state.db, page, &state.window())
            .await
            .map_err(|e| refused(e, &[]))?;
    Ok(ActionList {
        actions,
        page,
        pages,
    })
}

#[server(endpoint = "public/action")]
pub async fn public_action(id: String) -> Result<domain::PublicActionView, AppError> {
    let (state, _) = anyone()?;
    services::register::actions::get_public(&state.db, record_id(&id)?, &state.window())
        .await
        .map_err(|e| refused(e, &[]))
}

#[server(endpoint = "minutes/actions")]
pub async fn minutes_actions(meeting: String) -> Result<domain::MinutesActions, AppError> {
    let (state, actor) = acting()?;
    services::register::minutes_actions::review(&state.db, &actor, record_id(&meeting)?)
        .await
        .map_err(|e| refused(e, &[]))
}

/// `include[<line>]` marks each line to create, `topic[<line>]` its topic.
#[server(endpoint = "minutes/create-actions")]
pub async fn create_minutes_actions(
    meeting: String,
    version: String,
    #[server(default)] include: std::collections::BTreeMap<String, String>,
    #[server(default)] topic: std::collections::BTreeMap<String, String>,
) -> Result<(), AppError> {
    let (state, actor) = acting()?;
    let meeting = record_id(&meeting)?;
    let version: i64 = version.trim().parse().unwrap_or(-1);
    let chosen: Vec<(usize, String)> = include
        .keys()
        .filter_map(|line| {
            let number = line.parse::<usize>().ok()?;
            Some((number, topic.get(line).cloned().unwrap_or_default()))
        })
        .collect();
    let values: Vec<(String, String)> = topic
        .iter()
        .map(|(line, topic)| (format!("topic_{line}"), topic.clone()))
        .collect();
    let values: Vec<(&str, &str)> = values
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let created =
        services::register::minutes_actions::create(&state.db, &actor, meeting, version, &chosen)
            .await
            .map_err(|e| refused(e, &values))?;
    leptos_axum::redirect(&format!(
        "/meetings/{meeting}/minutes/actions?created={}",
        created.len()
    ));
    Ok(())
}

#[server(endpoint = "briefing/get")]
pub async fn get_briefing(meeting: String) -> Result<domain::Briefing, AppError> {
    let (state, actor) = acting()?;
    services::register::briefing::for_meeting(
        &state.db,
        &actor,
        record_id(&meeting)?,
        &state.window(),
    )
    .await
    .map_err(|e| refused(e, &[]))
}

/// Where a person's calendar feed stands; a new address is given out this once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FeedAddress {
    Off,
    On,
    New { address: String },
}

/// This person's private calendar feed: off, on, or just made (its address shown now and
/// never again: only its hash is kept).
#[server(endpoint = "account/calendar")]
pub async fn calendar_feed() -> Result<FeedAddress, AppError> {
    use services::register::feeds::FeedState;
    let (state, actor) = acting()?;
    let feed = services::register::feeds::state(&state.db, &actor)
        .await
        .map_err(|e| refused(e, &[]))?;
    Ok(match feed {
        FeedState::Off => FeedAddress::Off,
        FeedState::On => FeedAddress::On,
        FeedState::New(token) => FeedAddress::New {
            address: format!(
                "{}/calendar/{token}.ics",
                crate::context::site_address(&state)
            ),
        },
    })
}

#[server(endpoint = "account/calendar-renew")]
pub async fn renew_calendar_feed() -> Result<(), AppError> {
    let (state, actor) = acting()?;
    services::register::feeds::renew(&state.db, &actor)
        .await
        .map_err(|e| refused(e, &[]))?;
    leptos_axum::redirect("/account/calendar?saved=renewed");
    Ok(())
}

#[server(endpoint = "account/calendar-off")]
pub async fn turn_off_calendar_feed() -> Result<(), AppError> {
    let (state, actor) = acting()?;
    services::register::feeds::turn_off(&state.db, &actor)
        .await
        .map_err(|e| refused(e, &[]))?;
    leptos_axum::redirect("/account/calendar?saved=off");
    Ok(())
}

#[server(endpoint = "register/update")]
pub async fn update_action(
    id: String,
    #[server(default)] board: String,
    #[server(default)] text: String,
    #[server(default)] topic: String,
    #[server(default)] owner: String,
    #[server(default)] owner_name: String,
    #[server(default)] owner_user: String,
    #[server(default)] priority: String,
    #[server(default)] due: String,
    #[server(default)] was_due: String,
    #[server(default)] confirm_due: Option<String>,
) -> Result<(), AppError> {
    use services::register::actions::{ActionInput, NewAction};
    let (state, actor) = acting_as(domain::roles::EDITORS)?;
    let id = record_id(&id)?;
    let input = ActionInput {
        board: &board,
        text: &text,
        topic: &topic,
        owner: &owner,
        owner_name: &owner_name,
        owner_user: &owner_user,
        priority: &priority,
        due: &due,
        // Only a due date changed on this form is questioned: an overdue action's
        // other details can be corrected without confirming its date again.
        check_due: confirm_due.is_none() && due.trim() != was_due.trim(),
        ..Default::default()
    };
    let values = [
        ("text", text.as_str()),
        ("topic", &topic),
        ("owner", &owner),
        ("owner_name", &owner_name),
        ("owner_user", &owner_user),
        ("priority", &priority),
        ("due", &due),
    ];
    let result = async {
        let topics = services::register::topics::list(&state.db).await?;
        let calendar = calendar(&state).await?;
        let details = NewAction::parse(&input, &topics, services::london::today(), &calendar)?;
        services::register::actions::update(&state.db, &actor, id, details).await
    }
    .await;
    result.map_err(|e| refused(e, &values))?;
    leptos_axum::redirect(&format!("/actions/{id}?saved=edited"));
    Ok(())
}
