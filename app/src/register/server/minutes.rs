//! The ACTION lines in minutes: what they propose, and creating the chosen actions.

use super::*;

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
