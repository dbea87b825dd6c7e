//! The versions of a statutory publication (the annual equality report, published minutes):
//! what changed in the one shown, a way back to the latest from an earlier one, and a link
//! to each version's own address.

use domain::PublishedVersion;
use leptos::prelude::*;

/// `latest_href` is the publication's address (the latest version); version `n` is at
/// `{latest_href}/{version_path}/{n}`.
#[component]
pub fn PublishedVersions(
    versions: Vec<PublishedVersion>,
    shown: Option<u32>,
    latest_href: String,
    version_path: &'static str,
) -> impl IntoView {
    let latest = versions.last().map(|v| v.number);
    let change = versions
        .iter()
        .find(|v| Some(v.number) == shown && !v.change.is_empty())
        .map(|v| v.change.clone());
    let older = shown.is_some() && shown != latest;
    (!versions.is_empty()).then(|| view! {
        {older.then(|| view! {
            <div class="govuk-inset-text">
                "This is an earlier version, kept as it was published. "
                <a class="govuk-link" href=latest_href.clone()>{format!("Read the latest version (version {})", latest.unwrap_or_default())}</a>
            </div>
        })}
        {change.map(|c| view! { <p class="govuk-body"><strong>"What changed in this version: "</strong>{c}</p> })}
        <details class="govuk-details">
            <summary class="govuk-details__summary"><span class="govuk-details__summary-text">{format!("All versions ({})", versions.len())}</span></summary>
            <div class="govuk-details__text">
                <ol class="govuk-list">
                    {versions.iter().map(|v| {
                        let label = format!("Version {}, published {}", v.number, v.published);
                        let here = Some(v.number) == shown;
                        view! {
                            <li>
                                {if here {
                                    view! { <strong>{label}" (this page)"</strong> }.into_any()
                                } else {
                                    view! { <a class="govuk-link" href=format!("{latest_href}/{version_path}/{}", v.number)>{label}</a> }.into_any()
                                }}
                                {(!v.change.is_empty()).then(|| view! { <br/><span class="app-secondary">{v.change.clone()}</span> })}
                            </li>
                        }
                    }).collect::<Vec<_>>()}
                </ol>
            </div>
        </details>
    })
}
