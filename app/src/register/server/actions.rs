//! The register's server functions: the list, recording, reading and every workflow step of an action.

use super::*;

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

/// The action form as posted, with or without JavaScript: one type for the form that records
/// an action and the one that edits it (which has no meeting, item, question or
/// publication, and says which due date it showed).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ActionFields {
    pub board: String,
    pub text: String,
    pub topic: String,
    pub meeting: String,
    pub agenda_item: String,
    pub question: String,
    pub owner: String,
    pub owner_name: String,
    pub owner_user: String,
    pub priority: String,
    pub due: String,
    /// On the edit form: the due date it showed, so that only a changed date is questioned.
    pub was_due: String,
    pub published: Option<String>,
    pub confirm_due: Option<String>,
}

#[cfg(feature = "ssr")]
impl ActionFields {
    /// What the new-action form asks the service to record.
    fn new_action(&self) -> services::register::actions::ActionInput<'_> {
        services::register::actions::ActionInput {
            board: &self.board,
            text: &self.text,
            topic: &self.topic,
            meeting: &self.meeting,
            agenda_item: &self.agenda_item,
            question: &self.question,
            owner: &self.owner,
            owner_name: &self.owner_name,
            owner_user: &self.owner_user,
            priority: &self.priority,
            due: &self.due,
            published: self.published.is_some(),
            check_due: self.confirm_due.is_none(),
        }
    }

    /// What the edit form asks the service to change: only a due date changed on it is
    /// questioned, so an overdue action's other details can be corrected without confirming
    /// its date again.
    fn edited_action(&self) -> services::register::actions::ActionInput<'_> {
        services::register::actions::ActionInput {
            board: &self.board,
            text: &self.text,
            topic: &self.topic,
            owner: &self.owner,
            owner_name: &self.owner_name,
            owner_user: &self.owner_user,
            priority: &self.priority,
            due: &self.due,
            check_due: self.confirm_due.is_none() && self.due.trim() != self.was_due.trim(),
            ..Default::default()
        }
    }
}

#[server(endpoint = "register/create")]
pub async fn create_action(#[server(flatten)] form: ActionFields) -> Result<(), AppError> {
    use services::register::actions::NewAction;
    let (state, actor) = acting_as(domain::roles::OFFICE)?;
    let input = form.new_action();
    let values = [
        ("board", form.board.as_str()),
        ("text", &form.text),
        ("topic", &form.topic),
        ("meeting", &form.meeting),
        ("agenda_item", &form.agenda_item),
        ("question", &form.question),
        ("owner", &form.owner),
        ("owner_name", &form.owner_name),
        ("owner_user", &form.owner_user),
        ("priority", &form.priority),
        ("due", &form.due),
    ];
    let result = async {
        let topics = services::register::topics::list(&state.db).await?;
        let calendar = calendar(&state).await?;
        let new = NewAction::parse(
            &input,
            &topics,
            services::common::london::today(),
            &calendar,
        )?;
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
    #[server(default)] received_on: String,
    #[server(default)] channel: String,
) -> Result<(), AppError> {
    let (state, actor) = acting()?;
    let id = record_id(&id)?;
    let input = services::register::actions::ResponseInput {
        text: &response,
        received_on: &received_on,
        channel: &channel,
    };
    services::register::actions::record_response(&state.db, &actor, id, &input)
        .await
        .map_err(|e| {
            refused(
                e,
                &[
                    ("response", &response),
                    ("received_on", &received_on),
                    ("channel", &channel),
                ],
            )
        })?;
    leptos_axum::redirect(&format!("/actions/{id}?saved=response"));
    Ok(())
}

/// The assessment form as posted, with or without JavaScript: the outcome and its note (and
/// a new due date when more is asked), the Commissioner's assurance, and a follow-up action.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AssessmentFields {
    pub outcome: String,
    pub note: String,
    pub due: String,
    pub assurance: String,
    pub assurance_reason: String,
    pub follow_up: String,
    pub follow_up_due: String,
}

#[cfg(feature = "ssr")]
impl AssessmentFields {
    /// What to put back in the form if it is refused.
    fn values(&self) -> [(&'static str, &str); 7] {
        [
            ("outcome", &self.outcome),
            ("note", &self.note),
            ("due", &self.due),
            ("assurance", &self.assurance),
            ("assurance_reason", &self.assurance_reason),
            ("follow_up", &self.follow_up),
            ("follow_up_due", &self.follow_up_due),
        ]
    }
}

#[server(endpoint = "register/assess")]
pub async fn assess_action(
    id: String,
    #[server(flatten)] form: AssessmentFields,
) -> Result<(), AppError> {
    use services::equality::{Assured, FollowUp};
    use services::register::actions::Assessment;
    let (state, actor) = acting_as(domain::roles::ASSESSORS)?;
    let id = record_id(&id)?;
    let result = async {
        let calendar = calendar(&state).await?;
        let today = services::common::london::today();
        // Every field's problem at once, not one part of the form at a time.
        let mut errors = domain::FieldErrors::new();
        let assessment = services::gather(
            &mut errors,
            Assessment::parse(&form.outcome, &form.note, &form.due, today, &calendar),
        )?;
        let assured = services::gather(
            &mut errors,
            Assured::parse(&form.assurance, &form.assurance_reason),
        )?;
        let follow = services::gather(
            &mut errors,
            FollowUp::parse(&form.follow_up, &form.follow_up_due, today, &calendar),
        )?;
        errors.into_result()?;
        let (Some(assessment), Some(assured), Some(follow)) = (assessment, assured, follow) else {
            return Err(services::Error::invalid("outcome", "Check the assessment"));
        };
        services::register::actions::assess_with(&state.db, &actor, id, assessment, assured, follow)
            .await
    }
    .await;
    result.map_err(|e| refused(e, &form.values()))?;
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
    #[server(default)] confirm_due: Option<String>,
) -> Result<(), AppError> {
    let (state, actor) = acting()?;
    let id = record_id(&id)?;
    let values = [("reason", reason.as_str()), ("proposed", &proposed)];
    let result = async {
        let calendar = calendar(&state).await?;
        let today = services::common::london::today();
        services::register::actions::check_proposed_day(
            &proposed,
            today,
            &calendar,
            confirm_due.is_some(),
        )?;
        services::register::actions::request_extension(
            &state.db,
            &actor,
            id,
            &reason,
            &proposed,
            services::common::london::today(),
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

#[server(endpoint = "register/publish-meeting")]
pub async fn publish_meeting_actions(meeting: String, publish: String) -> Result<(), AppError> {
    let (state, actor) = acting()?;
    let meeting = record_id(&meeting)?;
    let publish = publish == "yes";
    services::register::actions::set_published_for_meeting(&state.db, &actor, meeting, publish)
        .await
        .map_err(|e| refused(e, &[]))?;
    let saved = if publish { "published" } else { "unpublished" };
    leptos_axum::redirect(&format!(
        "/actions?status=all&meeting={meeting}&saved={saved}"
    ));
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

#[server(endpoint = "register/update")]
pub async fn update_action(
    id: String,
    #[server(flatten)] form: ActionFields,
) -> Result<(), AppError> {
    use services::register::actions::NewAction;
    let (state, actor) = acting_as(domain::roles::EDITORS)?;
    let id = record_id(&id)?;
    let input = form.edited_action();
    let values = [
        ("text", form.text.as_str()),
        ("topic", &form.topic),
        ("owner", &form.owner),
        ("owner_name", &form.owner_name),
        ("owner_user", &form.owner_user),
        ("priority", &form.priority),
        ("due", &form.due),
    ];
    let result = async {
        let topics = services::register::topics::list(&state.db).await?;
        let calendar = calendar(&state).await?;
        let details = NewAction::parse(
            &input,
            &topics,
            services::common::london::today(),
            &calendar,
        )?;
        services::register::actions::update(&state.db, &actor, id, details).await
    }
    .await;
    result.map_err(|e| refused(e, &values))?;
    leptos_axum::redirect(&format!("/actions/{id}?saved=edited"));
    Ok(())
}
