//! The ACTION lines in minutes: what they propose, and creating the chosen actions.

use super::*;

#[server(endpoint = "minutes/actions")]
pub async fn minutes_actions(meeting: String) -> Result<domain::MinutesActions, AppError> {
    let (state, actor) = acting()?;
    services::register::minutes_actions::review(&state.db, &actor, record_id(&meeting)?)
        .await
        .map_err(|e| refused(e, &[]))
}

/// One map per field, keyed by the line number: `include[<line>]` marks each line to
/// create, `topic[<line>]` its topic; `owner`, `owner_name`, `text` and `due` correct what
/// was read from the line, and `keep_due[<line>]` keeps a corrected date that was asked
/// about.
#[allow(clippy::too_many_arguments)]
#[server(endpoint = "minutes/create-actions")]
pub async fn create_minutes_actions(
    meeting: String,
    version: String,
    #[server(default)] include: std::collections::BTreeMap<String, String>,
    #[server(default)] topic: std::collections::BTreeMap<String, String>,
    #[server(default)] owner: std::collections::BTreeMap<String, String>,
    #[server(default)] owner_name: std::collections::BTreeMap<String, String>,
    #[server(default)] text: std::collections::BTreeMap<String, String>,
    #[server(default)] due: std::collections::BTreeMap<String, String>,
    #[server(default)] keep_due: std::collections::BTreeMap<String, String>,
) -> Result<(), AppError> {
    use services::register::minutes_actions::{self, Chosen};
    let (state, actor) = acting()?;
    let meeting = record_id(&meeting)?;
    let version: i64 = version.trim().parse().unwrap_or(-1);
    let chosen: Vec<Chosen> = include
        .keys()
        .filter_map(|line| {
            Some(Chosen {
                line_no: line.parse::<usize>().ok()?,
                topic: topic.get(line).cloned().unwrap_or_default(),
                owner: owner.get(line).cloned(),
                owner_name: owner_name.get(line).cloned(),
                text: text.get(line).cloned(),
                due: due.get(line).cloned(),
                keep_due: keep_due.get(line).is_some_and(|v| v == "yes"),
            })
        })
        .collect();
    // Everything typed goes back to the form if it is refused, unticked lines too.
    let mut values: Vec<(String, String)> = Vec::new();
    for (prefix, map) in [
        ("topic", &topic),
        ("owner", &owner),
        ("owner_name", &owner_name),
        ("text", &text),
        ("due", &due),
        ("include", &include),
    ] {
        values.extend(
            map.iter()
                .map(|(line, value)| (format!("{prefix}_{line}"), value.clone())),
        );
    }
    let values: Vec<(&str, &str)> = values
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let created = minutes_actions::create(&state.db, &actor, meeting, version, &chosen)
        .await
        .map_err(|e| refused(e, &values))?;
    leptos_axum::redirect(&format!(
        "/meetings/{meeting}/minutes/actions?created={}",
        created.len()
    ));
    Ok(())
}
