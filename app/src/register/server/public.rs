//! The public pages' server functions: published questions and actions.

use super::*;

#[server(endpoint = "public/questions")]
pub async fn public_questions(
    #[server(default)] page: Option<u32>,
) -> Result<QuestionList, AppError> {
    let (state, _) = anyone()?;
    let list = services::register::questions::list_public(&state.db, page, &state.window())
        .await
        .map_err(|e| refused(e, &[]))?;
    Ok(QuestionList {
        questions: list.items,
        page: list.page,
        pages: list.pages,
        boards: Vec::new(),
        topics: Vec::new(),
        tags: Vec::new(),
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
    let list = services::register::actions::published(&state.db, page, &state.window())
        .await
        .map_err(|e| refused(e, &[]))?;
    Ok(ActionList {
        actions: list.items,
        page: list.page,
        pages: list.pages,
    })
}

#[server(endpoint = "public/action")]
pub async fn public_action(id: String) -> Result<domain::PublicActionView, AppError> {
    let (state, _) = anyone()?;
    services::register::actions::get_public(&state.db, record_id(&id)?, &state.window())
        .await
        .map_err(|e| refused(e, &[]))
}
