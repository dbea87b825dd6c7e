//! The page where the office chooses what the public reads of a response or an answer:
//! nothing, its words less redacted phrases, or a summary (`services::register::words`).

use domain::{Publication, RedactionReason, ResponseWords};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::components::{
    ErrorSummary, FormError, Radios, SelectField, SuccessBanner, TextArea, TextField,
};
use crate::meetings::{flag_message, page_id};
use crate::register::server::*;

const SAVED: &[(&str, &str)] = &[
    (
        "chosen",
        "Your choice was saved: the public pages read it now",
    ),
    ("redacted", "The phrase was redacted wherever it appears"),
    ("lifted", "The redaction was lifted"),
];

#[component]
pub fn ResponseWordsPage() -> impl IntoView {
    let id = page_id();
    let choose = ServerAction::<ChooseWords>::new();
    let redact = ServerAction::<RedactWords>::new();
    let lift = ServerAction::<LiftRedaction>::new();
    let words = Resource::new(
        move || {
            (
                id(),
                choose.version().get() + redact.version().get() + lift.version().get(),
            )
        },
        |(id, _)| get_response_words(id),
    );
    let choose_error = crate::components::form_error(choose);
    let redact_error = crate::components::form_error(redact);
    let lift_error = crate::components::form_error(lift);
    let saved = flag_message("saved", SAVED);
    view! {
        <Title text="What the public reads"/>
        <SuccessBanner message=saved/>
        <ErrorSummary error=choose_error/>
        <ErrorSummary error=redact_error/>
        <ErrorSummary error=lift_error/>
        {crate::components::loaded(words, move |w| words_page(w, choose, redact, lift, choose_error, redact_error))}
    }
}

fn words_page(
    w: ResponseWords,
    choose: ServerAction<ChooseWords>,
    redact: ServerAction<RedactWords>,
    lift: ServerAction<LiftRedaction>,
    choose_error: FormError,
    redact_error: FormError,
) -> impl IntoView {
    let entry_id = w.entry_id.to_string();
    let hidden = {
        let entry_id = entry_id.clone();
        move || view! { <input type="hidden" name="id" value=entry_id.clone()/> }
    };
    let hidden_again = move || view! { <input type="hidden" name="id" value=entry_id.clone()/> };
    let redactions = w.redactions.clone();
    let e = w.entry.clone();
    let chosen = w
        .published_as
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "none".to_owned());
    let mut options = vec![(
        "none",
        "Nothing yet: the public reads that it was received, not what it says",
    )];
    options.extend(Publication::options());
    view! {
        <A href=w.back.clone() attr:class="govuk-back-link">"Back"</A>
        <span class="govuk-caption-l">{w.title.clone()}</span>
        <h1 class="govuk-heading-l">"What the public reads"</h1>
        <p class="govuk-body">{format!("{}: {} — {}", e.what, e.who, e.at.long)}</p>
        {e.received.clone().map(|r| view! { <p class="govuk-body">{r}</p> })}
        {(!w.record_published).then(|| view! {
            <div class="govuk-inset-text">"This record is not on the public pages. What you choose here is what the public reads once it is published."</div>
        })}
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-one-half">
                <h2 class="govuk-heading-m">"As written"</h2>
                <div class="app-minutes app-words" inner_html=e.body_html.clone()></div>
            </div>
            <div class="govuk-grid-column-one-half">
                <h2 class="govuk-heading-m">
                    {if w.published_as.is_some() { "What the public reads" } else { "What the public would read" }}
                </h2>
                <p class="govuk-body-s app-secondary">{e.public.clone().unwrap_or_default()}{w.published.clone().map(|p| format!(". {p}."))}</p>
                <div class="app-minutes app-words" inner_html=w.public_html.clone()></div>
            </div>
        </div>
        {(!w.unreachable_links.is_empty()).then(|| view! {
            <div class="govuk-warning-text">
                <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                <div class="govuk-warning-text__text">
                    <span class="govuk-visually-hidden">"Warning"</span>
                    "The public cannot open these links (an intranet, a private address or a file share). Redact them, or publish a summary that says where to find the information:"
                    <ul class="govuk-list govuk-list--bullet">
                        {w.unreachable_links.iter().map(|l| view! { <li><code>{l.clone()}</code></li> }).collect::<Vec<_>>()}
                    </ul>
                </div>
            </div>
        })}
        <h2 class="govuk-heading-m">"Choose what is published"</h2>
        <ActionForm action=choose attr:novalidate=true>
            {hidden()}
            <Radios legend="The public reads" name="publish" error=choose_error options value=chosen/>
            <TextArea label="Summary (when publishing a summary)" name="summary" error=choose_error rows=4 value=w.summary.clone()
                hint="In plain words, for residents. Markdown: **bold**, lists, [links](https://…)."/>
            <button type="submit" class="govuk-button">"Save what is published"</button>
        </ActionForm>
        <h2 class="govuk-heading-m">"Redact a phrase"</h2>
        <p class="govuk-body">"The public reads \"[redacted: …]\" with the reason wherever the phrase appears, in the words and the summary. Who redacted it, when and why is kept; a redaction can be lifted."</p>
        <ActionForm action=redact attr:novalidate=true>
            {hidden_again()}
            <TextField label="Words to redact" name="phrase" error=redact_error hint="Copy them exactly as they appear, for example a name or an address"/>
            <SelectField label="Why" name="reason" error=redact_error options=RedactionReason::options()/>
            <button type="submit" class="govuk-button govuk-button--secondary">"Redact"</button>
        </ActionForm>
        {(!redactions.is_empty()).then(move || view! {
            <table class="govuk-table">
                <caption class="govuk-table__caption govuk-table__caption--m">"Redactions"</caption>
                <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Words"</th>
                        <th scope="col" class="govuk-table__header">"Why"</th>
                        <th scope="col" class="govuk-table__header">"Decided"</th>
                        <th scope="col" class="govuk-table__header">"Now"</th>
                    </tr>
                </thead>
                <tbody class="govuk-table__body">
                    {redactions.into_iter().map(|r| {
                        let id = r.id.to_string();
                        view! {
                            <tr class="govuk-table__row">
                                <td data-label="Words" class="govuk-table__cell">{r.phrase.clone()}</td>
                                <td data-label="Why" class="govuk-table__cell">{r.reason.label()}</td>
                                <td data-label="Decided" class="govuk-table__cell">{r.made.clone()}</td>
                                <td data-label="Now" class="govuk-table__cell">
                                    {match r.lifted.clone() {
                                        Some(lifted) => view! { {lifted} }.into_any(),
                                        None => view! {
                                            <ActionForm action=lift attr:class="app-inline-form">
                                                <input type="hidden" name="id" value=id/>
                                                <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
                                                    "Lift"<span class="govuk-visually-hidden">{format!(" the redaction of “{}”", r.phrase)}</span>
                                                </button>
                                            </ActionForm>
                                        }.into_any(),
                                    }}
                                </td>
                            </tr>
                        }
                    }).collect::<Vec<_>>()}
                </tbody>
            </table>
        })}
    }
}
