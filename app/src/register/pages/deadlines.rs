//! The overdue and due-soon panel at the top of every staff home page: the force's actions
//! for force liaison, every action for OPCC staff.

use leptos::prelude::*;
use leptos_router::components::A;

use super::action_table;
use crate::components::ShowError;
use crate::AppError;

/// The panel's data, loaded by the page (resources are created where the page starts,
/// not inside a suspended part, so that hydration finds them in the same order).
pub type DeadlinesResource = Resource<Result<Option<domain::Deadlines>, AppError>>;

#[component]
pub fn DeadlinesPanel(panel: DeadlinesResource) -> impl IntoView {
    view! {
        <Suspense fallback=|| view! { <p class="govuk-body">"Loading deadlines…"</p> }>
            {move || Suspend::new(async move {
                match panel.await {
                    Err(e) => view! { <ShowError error=e/> }.into_any(),
                    Ok(None) => ().into_any(),
                    Ok(Some(d)) => {
                        let overdue_caption = format!("Overdue actions ({})", d.overdue_total);
                        let soon_caption = format!("Due in the next {} days ({})", d.soon_days, d.due_soon_total);
                        let more_overdue = d.overdue_total > d.overdue.len() as i64;
                        let more_soon = d.due_soon_total > d.due_soon.len() as i64;
                        view! {
                            <section class="app-deadlines" aria-labelledby="deadlines-heading">
                                <h2 class="govuk-heading-m" id="deadlines-heading">"Deadlines"</h2>
                                {if d.overdue.is_empty() {
                                    view! { <p class="govuk-body">"No actions are overdue."</p> }.into_any()
                                } else {
                                    view! {
                                        {action_table(overdue_caption, d.overdue)}
                                        {more_overdue.then(|| view! {
                                            <p class="govuk-body"><A href="/actions?overdue=on" attr:class="govuk-link">"All overdue actions"</A></p>
                                        })}
                                    }.into_any()
                                }}
                                {if d.due_soon.is_empty() {
                                    view! { <p class="govuk-body">{format!("No actions are due in the next {} days.", d.soon_days)}</p> }.into_any()
                                } else {
                                    view! {
                                        {action_table(soon_caption, d.due_soon)}
                                        {more_soon.then(|| view! {
                                            <p class="govuk-body"><A href="/actions?status=live" attr:class="govuk-link">"All actions by due date"</A></p>
                                        })}
                                    }.into_any()
                                }}
                            </section>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}
