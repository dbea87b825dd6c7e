//! Previous and next page links.

use leptos::prelude::*;

/// Previous and next links in the GOV.UK pagination pattern.
#[component]
pub fn Pagination(
    previous: Option<String>,
    next: Option<String>,
    label: &'static str,
) -> impl IntoView {
    (previous.is_some() || next.is_some()).then(|| view! {
        <nav class="govuk-pagination" aria-label=label>
            {previous.map(|href| view! {
                <div class="govuk-pagination__prev">
                    <a class="govuk-link govuk-pagination__link" href=href rel="prev">
                        <span class="govuk-pagination__link-title">"Previous"<span class="govuk-visually-hidden">" page"</span></span>
                    </a>
                </div>
            })}
            {next.map(|href| view! {
                <div class="govuk-pagination__next">
                    <a class="govuk-link govuk-pagination__link" href=href rel="next">
                        <span class="govuk-pagination__link-title">"Next"<span class="govuk-visually-hidden">" page"</span></span>
                    </a>
                </div>
            })}
        </nav>
    })
}
