//! Boards and their members.

use super::*;

#[server(endpoint = "boards/list")]
pub async fn list_boards() -> Result<Vec<BoardView>, AppError> {
    let (state, actor) = acting()?;
    let boards = services::meetings::boards::list_for(&state.db, &actor)
        .await
        .map_err(|e| refused(e, &[]))?;
    Ok(boards
        .into_iter()
        .map(|b| BoardView {
            id: b.id,
            code: b.code,
            name: b.name,
            description: b.description,
            members: Vec::new(),
        })
        .collect())
}

#[server(endpoint = "boards/create")]
pub async fn create_board(code: String, name: String, description: String) -> Result<(), AppError> {
    let (state, actor) = acting()?;
    let values = [
        ("code", code.as_str()),
        ("name", &name),
        ("description", &description),
    ];
    let result = async {
        let new = services::meetings::boards::NewBoard::parse(&code, &name, &description)?;
        services::meetings::boards::create(&state.db, &actor, new).await
    }
    .await;
    let board = result.map_err(|e| refused(e, &values))?;
    leptos_axum::redirect(&format!("/boards/{}?saved=created", board.id));
    Ok(())
}

#[server(endpoint = "boards/update")]
pub async fn update_board(
    id: String,
    code: String,
    name: String,
    description: String,
) -> Result<(), AppError> {
    let (state, actor) = acting()?;
    let id = record_id(&id)?;
    let values = [
        ("code", code.as_str()),
        ("name", &name),
        ("description", &description),
    ];
    let result = async {
        let details = services::meetings::boards::NewBoard::parse(&code, &name, &description)?;
        services::meetings::boards::update(&state.db, &actor, id, details).await
    }
    .await;
    result.map_err(|e| refused(e, &values))?;
    leptos_axum::redirect(&format!("/boards/{id}/edit?saved=details"));
    Ok(())
}

#[server(endpoint = "boards/get")]
pub async fn get_board(id: String) -> Result<BoardView, AppError> {
    let (state, actor) = acting()?;
    services::meetings::boards::get(&state.db, &actor, record_id(&id)?)
        .await
        .map_err(|e| refused(e, &[]))
}

/// Accounts that can be chosen as members: (id, name).
#[server(endpoint = "boards/people")]
pub async fn list_people() -> Result<Vec<(i64, String)>, AppError> {
    let (state, actor) = acting()?;
    services::accounts::users::directory(&state.db, &actor)
        .await
        .map_err(|e| refused(e, &[]))
}

#[server(endpoint = "boards/add-member")]
pub async fn add_member(
    board: String,
    #[server(default)] user: String,
    #[server(default)] name: String,
    #[server(default)] organisation: String,
    #[server(default)] position: String,
) -> Result<(), AppError> {
    let (state, actor) = acting()?;
    let board = record_id(&board)?;
    let values = [
        ("user", user.as_str()),
        ("name", &name),
        ("organisation", &organisation),
        ("position", &position),
    ];
    let result = async {
        let member =
            services::meetings::boards::NewMember::parse(&user, &name, &organisation, &position)?;
        services::meetings::boards::add_member(&state.db, &actor, board, member).await
    }
    .await;
    result.map_err(|e| refused(e, &values))?;
    leptos_axum::redirect(&format!("/boards/{board}/edit?saved=member"));
    Ok(())
}

#[server(endpoint = "boards/remove-member")]
pub async fn remove_member(board: String, member: String) -> Result<(), AppError> {
    let (state, actor) = acting()?;
    let board = record_id(&board)?;
    services::meetings::boards::remove_member(&state.db, &actor, board, record_id(&member)?)
        .await
        .map_err(|e| refused(e, &[]))?;
    leptos_axum::redirect(&format!("/boards/{board}/edit?saved=removed"));
    Ok(())
}

#[server(endpoint = "boards/meetings")]
pub async fn list_meetings(
    board: String,
    #[server(default)] year: Option<i32>,
    #[server(default)] page: Option<u32>,
) -> Result<MeetingList, AppError> {
    let (state, actor) = acting()?;
    services::meetings::meeting::list_for_board(&state.db, &actor, record_id(&board)?, year, page)
        .await
        .map_err(|e| refused(e, &[]))
}
