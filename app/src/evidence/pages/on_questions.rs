//! The figures a question rests on, as frozen when attached, beside what they are today.

use domain::evidence::QuestionFigure;
use leptos::prelude::*;

use crate::evidence::server::{public_question_figures, question_figures};

/// A question's figures; `public` reads them as the public may (published questions only).
#[component]
pub fn QuestionFigures(id: i64, #[prop(optional)] public: bool) -> impl IntoView {
    let figures = Resource::new(
        move || id,
        move |id| async move {
            if public {
                public_question_figures(id.to_string()).await
            } else {
                question_figures(id.to_string()).await
            }
        },
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match figures.await {
                    Ok(list) if !list.is_empty() => view! { <FigureList list public/> }.into_any(),
                    _ => ().into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn FigureList(list: Vec<QuestionFigure>, public: bool) -> impl IntoView {
    view! {
        <h2 class="govuk-heading-m">"The evidence behind this question"</h2>
        <ul class="govuk-list app-figures">
            {list.into_iter().map(|f| {
                let today = match (&f.today, f.changed()) {
                    (_, false) => "Unchanged since: the data has not changed.".to_owned(),
                    (Some(today), true) => format!("Today, with the data as it now stands: {}.", today.statement()),
                    (None, true) => "It cannot be computed today: its data or population table is no longer held.".to_owned(),
                };
                let when = f.at.get(..10).unwrap_or_default().to_owned();
                let attached = if public || f.by.is_empty() {
                    format!("Attached on {when}, and frozen as it then stood.")
                } else {
                    format!("Attached by {} on {when}, and frozen as it then stood.", f.by)
                };
                view! {
                    <li class="app-figure">
                        <p class="govuk-body govuk-!-font-weight-bold">{f.frozen.statement()}</p>
                        <p class="govuk-body-s">{f.frozen.inputs()}". "{attached}</p>
                        <p class=if f.changed() { "govuk-body app-figure__changed" } else { "govuk-body-s" }>{today}</p>
                        {(!public).then(|| view! {
                            <p class="govuk-body-s"><a class="govuk-link" href=format!("/evidence?{}", f.address)>"See these figures on the evidence page"</a></p>
                        })}
                    </li>
                }
            }).collect::<Vec<_>>()}
        </ul>
    }
}
