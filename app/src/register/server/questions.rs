//! Questions' server functions: the list, putting, correcting, withdrawing, answering, judging, publishing.

use super::*;

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
    /// For the filter form: (tag, label) of objectives, aims and characteristics.
    #[serde(default)]
    pub tags: Vec<(String, String)>,
}

#[server(endpoint = "questions/list")]
pub async fn list_questions(
    #[server(default)] status: String,
    #[server(default)] board: String,
    #[server(default)] topic: String,
    #[server(default)] tag: String,
    #[server(default)] page: Option<u32>,
) -> Result<QuestionList, AppError> {
    let (state, actor) = acting()?;
    let filter = services::register::questions::QuestionFilter {
        status,
        board,
        topic,
        tag,
    };
    let result = async {
        let list =
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
        let tags = services::equality::tags::filter_options(&state.db).await?;
        Ok::<_, services::Error>(QuestionList {
            questions: list.items,
            page: list.page,
            pages: list.pages,
            boards,
            topics,
            tags,
        })
    }
    .await;
    result.map_err(|e| refused(e, &[]))
}

/// The question form as posted, with or without JavaScript: one type for the form that
/// drafts a question (which may carry a figure from the evidence page) and the one that
/// corrects it (which says which due date it showed, and why it changed).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct QuestionFields {
    pub board: String,
    pub topic: String,
    pub text: String,
    pub context: String,
    pub meeting: String,
    pub asked_on: String,
    pub due: String,
    pub intent: String,
    pub figure: String,
    pub figure_group: String,
    /// On the edit form: the due date it showed, so that only a changed date is questioned.
    pub was_due: String,
    pub reason: String,
    pub confirm_due: Option<String>,
}

#[cfg(feature = "ssr")]
impl QuestionFields {
    /// What the form asks the service to record; on the edit form (`was_due` given) only a
    /// changed due date is questioned.
    fn input(&self, editing: bool) -> services::register::questions::QuestionInput<'_> {
        let changed = !editing || self.due.trim() != self.was_due.trim();
        services::register::questions::QuestionInput {
            board: &self.board,
            topic: &self.topic,
            text: &self.text,
            context: &self.context,
            meeting: &self.meeting,
            asked_on: &self.asked_on,
            due: &self.due,
            check_due: self.confirm_due.is_none() && changed,
        }
    }
}

#[server(endpoint = "questions/create")]
pub async fn create_question(#[server(flatten)] form: QuestionFields) -> Result<(), AppError> {
    use services::register::questions::NewQuestion;
    let (state, actor) = acting_as(domain::roles::OFFICE)?;
    let input = form.input(false);
    let values = [
        ("board", form.board.as_str()),
        ("topic", &form.topic),
        ("text", &form.text),
        ("context", &form.context),
        ("meeting", &form.meeting),
        ("asked_on", &form.asked_on),
        ("due", &form.due),
    ];
    let result = async {
        let topics = services::register::topics::list(&state.db).await?;
        let calendar = calendar(&state).await?;
        let new = NewQuestion::parse(
            &input,
            &topics,
            services::common::london::today(),
            &calendar,
        )?;
        // Nothing goes to the force from this form: a question is saved as a draft and
        // put from its own page, once checked.
        let id = services::register::questions::create(&state.db, &actor, new, false).await?;
        if !form.figure.is_empty() {
            services::evidence::on_questions::attach(
                &state.db,
                &actor,
                id,
                &form.figure_group,
                &form.figure,
            )
            .await?;
        }
        Ok(id)
    }
    .await;
    let id = result.map_err(|e| refused(e, &values))?;
    let saved = if form.intent == "draft" {
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
    #[server(flatten)] form: QuestionFields,
) -> Result<(), AppError> {
    use services::register::questions::NewQuestion;
    let (state, actor) = acting_as(domain::roles::OFFICE)?;
    let id = record_id(&id)?;
    let values = [
        ("topic", form.topic.as_str()),
        ("text", &form.text),
        ("context", &form.context),
        ("meeting", &form.meeting),
        ("asked_on", &form.asked_on),
        ("due", &form.due),
        ("reason", &form.reason),
    ];
    let result = async {
        let topics = services::register::topics::list(&state.db).await?;
        let calendar = calendar(&state).await?;
        let today = services::common::london::today();
        let new = NewQuestion::parse(&form.input(true), &topics, today, &calendar)?;
        services::register::questions::update(&state.db, &actor, id, new, &form.reason).await
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
    #[server(default)] assurance: String,
    #[server(default)] assurance_reason: String,
) -> Result<(), AppError> {
    let (state, actor) = acting_as(domain::roles::ASSESSORS)?;
    let id = record_id(&id)?;
    let values = [
        ("outcome", outcome.as_str()),
        ("note", &note),
        ("assurance", &assurance),
        ("assurance_reason", &assurance_reason),
    ];
    let result = async {
        let assured = services::equality::Assured::parse(&assurance, &assurance_reason)?;
        services::register::questions::assess_with(&state.db, &actor, id, &outcome, &note, assured)
            .await
    }
    .await;
    result.map_err(|e| refused(e, &values))?;
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
