//! A meeting's agenda items: added, read, edited, moved, removed.

use super::*;

/// An agenda item's form fields as posted, shared by adding and editing.
#[cfg(feature = "ssr")]
struct ItemForm<'a> {
    title: &'a str,
    lead: &'a str,
    purpose: &'a str,
    notes: &'a str,
}

#[cfg(feature = "ssr")]
impl<'a> ItemForm<'a> {
    fn parse(&self) -> services::Result<services::meetings::agenda::ItemDetails> {
        services::meetings::agenda::ItemDetails::parse(
            self.title,
            self.lead,
            self.purpose,
            self.notes,
        )
    }

    fn values(&self) -> [(&'static str, &'a str); 4] {
        [
            ("title", self.title),
            ("lead", self.lead),
            ("purpose", self.purpose),
            ("notes", self.notes),
        ]
    }
}

#[server(endpoint = "agenda/add")]
pub async fn add_agenda_item(
    meeting: String,
    title: String,
    #[server(default)] lead: String,
    #[server(default)] purpose: String,
    #[server(default)] notes: String,
) -> Result<(), AppError> {
    let (state, actor) = acting()?;
    let meeting = record_id(&meeting)?;
    let fields = ItemForm {
        title: &title,
        lead: &lead,
        purpose: &purpose,
        notes: &notes,
    };
    let result = async {
        services::meetings::agenda::add(&state.db, &actor, meeting, fields.parse()?).await
    }
    .await;
    result.map_err(|e| refused(e, &fields.values()))?;
    leptos_axum::redirect(&format!("/meetings/{meeting}?saved=item#agenda"));
    Ok(())
}

#[server(endpoint = "agenda/get")]
pub async fn get_agenda_item(id: String) -> Result<AgendaItemView, AppError> {
    let (state, actor) = acting()?;
    services::meetings::agenda::get(&state.db, &actor, record_id(&id)?)
        .await
        .map_err(|e| refused(e, &[]))
}

#[server(endpoint = "agenda/update")]
pub async fn update_agenda_item(
    id: String,
    title: String,
    #[server(default)] lead: String,
    #[server(default)] purpose: String,
    #[server(default)] notes: String,
) -> Result<(), AppError> {
    let (state, actor) = acting()?;
    let id = record_id(&id)?;
    let fields = ItemForm {
        title: &title,
        lead: &lead,
        purpose: &purpose,
        notes: &notes,
    };
    let result =
        async { services::meetings::agenda::update(&state.db, &actor, id, fields.parse()?).await }
            .await;
    let meeting = result.map_err(|e| refused(e, &fields.values()))?;
    leptos_axum::redirect(&format!("/meetings/{meeting}?saved=item#agenda"));
    Ok(())
}

#[server(endpoint = "agenda/move")]
pub async fn move_agenda_item(id: String, direction: String) -> Result<(), AppError> {
    let (state, actor) = acting()?;
    let id = record_id(&id)?;
    let result = async {
        let direction = services::meetings::agenda::Direction::parse(&direction)?;
        services::meetings::agenda::move_item(&state.db, &actor, id, direction).await
    }
    .await;
    let meeting = result.map_err(|e| refused(e, &[]))?;
    leptos_axum::redirect(&format!("/meetings/{meeting}?moved={id}#agenda"));
    Ok(())
}

#[server(endpoint = "agenda/remove")]
pub async fn remove_agenda_item(id: String) -> Result<(), AppError> {
    let (state, actor) = acting()?;
    let meeting = services::meetings::agenda::remove(&state.db, &actor, record_id(&id)?)
        .await
        .map_err(|e| refused(e, &[]))?;
    leptos_axum::redirect(&format!("/meetings/{meeting}?saved=removed#agenda"));
    Ok(())
}
