//! Figures frozen onto questions: attached by staff, read on the question's pages.

use super::*;

#[server(endpoint = "evidence/attach")]
pub async fn attach_figure(
    #[server(default)] question: String,
    #[server(default)] group: String,
    #[server(default)] address: String,
) -> Result<(), AppError> {
    use crate::context::{acting_as, refused};
    let (state, actor) = acting_as(domain::roles::OFFICE)?;
    let values = [("question", question.as_str()), ("group", group.as_str())];
    let id = question.trim().parse::<i64>().map_err(|_| {
        refused(
            services::Error::invalid("question", "Choose a question"),
            &values,
        )
    })?;
    services::evidence::on_questions::attach(&state.db, &actor, id, &group, &address)
        .await
        .map_err(|e| refused(e, &values))?;
    leptos_axum::redirect(&format!("/questions/{id}?saved=figure"));
    Ok(())
}

#[server(endpoint = "evidence/question-figures")]
pub async fn question_figures(
    id: String,
) -> Result<Vec<domain::evidence::QuestionFigure>, AppError> {
    use crate::context::{acting, record_id, refused};
    let (state, actor) = acting()?;
    services::evidence::on_questions::for_question(
        &state.db,
        &actor,
        record_id(&id)?,
        &state.window(),
    )
    .await
    .map_err(|e| refused(e, &[]))
}

#[server(endpoint = "public/question-figures")]
pub async fn public_question_figures(
    id: String,
) -> Result<Vec<domain::evidence::QuestionFigure>, AppError> {
    use crate::context::{anyone, record_id, refused};
    let (state, _) = anyone()?;
    services::evidence::on_questions::for_public_question(
        &state.db,
        record_id(&id)?,
        &state.window(),
    )
    .await
    .map_err(|e| refused(e, &[]))
}
