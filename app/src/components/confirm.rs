//! Asking first, before what cannot be undone or takes something off the public pages. The
//! button that would do it is a link to the same page with `?confirm=…`, which shows this
//! question with the form that does it and a way back: the same with JavaScript and
//! without.

use leptos::prelude::*;

#[component]
pub fn ConfirmPanel(
    /// The question, e.g. "Remove “Apologies” from the agenda?".
    question: String,
    /// What will happen.
    detail: &'static str,
    /// Where "No" goes: the page without the question.
    cancel: String,
    /// The form that does it.
    children: Children,
) -> impl IntoView {
    view! {
        <section class="app-confirm" aria-labelledby="confirm-question">
            <h2 class="govuk-heading-m" id="confirm-question">{question}</h2>
            <p class="govuk-body">{detail}</p>
            <div class="govuk-button-group">
                {children()}
                <a class="govuk-link" href=cancel>"No, go back"</a>
            </div>
        </section>
    }
}
