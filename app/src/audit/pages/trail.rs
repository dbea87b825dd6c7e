//! The audit trail, filtered and paged. The filter form is a plain GET form, so filtered
//! views are links that can be shared and work without JavaScript.

use domain::AuditFilter;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::audit::server::*;
use crate::components::{ChooseField, ErrorSummary, FormError, Pagination, ShowError, TextField};
use crate::AppError;

const FIELDS: [&str; 7] = [
    "actor",
    "area",
    "action",
    "entity",
    "entity_id",
    "from",
    "to",
];

fn page_link(filter: &AuditFilter, page: u32) -> String {
    let mut parts = Vec::new();
    let values = [
        &filter.actor,
        &filter.area,
        &filter.action,
        &filter.entity,
        &filter.entity_id,
        &filter.from,
        &filter.to,
    ];
    for (name, value) in FIELDS.iter().zip(values) {
        if let Some(v) = value.as_deref().filter(|v| !v.is_empty()) {
            parts.push(format!("{name}={}", crate::routes::encode_query_value(v)));
        }
    }
    parts.push(format!("page={page}"));
    format!("/admin/audit?{}", parts.join("&"))
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        query.with(|q| AuditFilter {
            actor: q.get("actor"),
            area: q.get("area"),
            action: q.get("action"),
            entity: q.get("entity"),
            entity_id: q.get("entity_id"),
            from: q.get("from"),
            to: q.get("to"),
            page: q.get("page").and_then(|p| p.parse().ok()),
        })
    });
    let events = Resource::new(move || filter.get(), list_audit);
    let value = move |get: fn(&AuditFilter) -> &Option<String>| {
        Signal::derive(move || filter.with(|f| get(f).clone().unwrap_or_default()))
    };
    // The form is rendered with the result, inside <Suspense>: the resource is read only
    // there (reading it outside made the hydrated page hang now and then).
    let filter_form = move |error: FormError| {
        view! {
            <ErrorSummary error/>
            <h1 class="govuk-heading-l">"Audit trail"</h1>
            <p class="govuk-body">"Every change to a record, every sign-in and every failed sign-in, newest first. Entries cannot be changed or deleted, and each carries the hash of the one before it, so that a change made to the database behind Scrutineer's back shows below."</p>
            <form method="get" action="/admin/audit" class="app-filter">
                <div class="govuk-grid-row">
                    <div class="govuk-grid-column-one-third">
                        <TextField label="Who (email contains)" name="actor" error value=value(|f| &f.actor)/>
                    </div>
                    <div class="govuk-grid-column-one-third">
                        <ChooseField label="What happened" name="area" error options=choices(domain::audit::AREAS) value=value(|f| &f.area) empty="Anything"/>
                    </div>
                    <div class="govuk-grid-column-one-third">
                        <ChooseField label="Record type" name="entity" error options=choices(domain::audit::RECORDS) value=value(|f| &f.entity) empty="Any record"/>
                    </div>
                </div>
                <div class="govuk-grid-row">
                    <div class="govuk-grid-column-one-third">
                        <TextField label="Record id" name="entity_id" error value=value(|f| &f.entity_id)/>
                    </div>
                    <div class="govuk-grid-column-one-third">
                        <TextField label="From date" name="from" error hint="For example 1/12/2026" value=value(|f| &f.from)/>
                    </div>
                    <div class="govuk-grid-column-one-third">
                        <TextField label="To date" name="to" error hint="For example 31/12/2026" value=value(|f| &f.to)/>
                    </div>
                </div>
                // An event key given in the address (a link from elsewhere) is kept.
                {move || filter.with(|f| f.action.clone()).filter(|a| !a.is_empty()).map(|a| view! { <input type="hidden" name="action" value=a/> })}
                <button type="submit" class="govuk-button govuk-button--secondary">"Filter"</button>
                " "
                <A href="/admin/audit" attr:class="govuk-link app-clear-link">"Clear filters"</A>
            </form>
        }
    };
    view! {
        <Title text="Audit trail"/>
        <Suspense fallback=|| view! { <p class="govuk-body">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let result = events.await;
                let invalid = result.clone().err().filter(|e| matches!(e, AppError::Invalid { .. }));
                let form = filter_form(Signal::stored(invalid));
                match result {
                    Err(AppError::Invalid { .. }) => form.into_any(),
                    Err(e) => view! { <ShowError error=e/> }.into_any(),
                    Ok(page) => {
                        let f = filter.get_untracked();
                        let previous = (page.page > 1).then(|| page_link(&f, page.page - 1));
                        let next = (page.page < page.pages).then(|| page_link(&f, page.page + 1));
                        let csv = page_link(&f, 1).replacen("/admin/audit?", "/admin/audit.csv?", 1);
                        view! {
                            {form}
                            <ChainState chain=page.chain/>
                            <p class="govuk-body">
                                <a class="govuk-link" href=csv download="audit-trail.csv">"Download these events (CSV)"</a>
                            </p>
                            <table class="govuk-table app-audit">
                                <caption class="govuk-table__caption govuk-table__caption--m">
                                    {format!("{} events (page {} of {})", page.total, page.page, page.pages)}
                                </caption>
                                <thead class="govuk-table__head">
                                    <tr class="govuk-table__row">
                                        <th scope="col" class="govuk-table__header">"When (London)"</th>
                                        <th scope="col" class="govuk-table__header">"Who"</th>
                                        <th scope="col" class="govuk-table__header">"What happened"</th>
                                        <th scope="col" class="govuk-table__header">"Change"</th>
                                    </tr>
                                </thead>
                                <tbody class="govuk-table__body">
                                    {page.events.into_iter().map(|e| view! {
                                        <tr class="govuk-table__row">
                                            <td data-label="When (London)" class="govuk-table__cell"><time datetime=e.at.clone()>{e.when.clone()}</time></td>
                                            <td data-label="Who" class="govuk-table__cell">{e.actor_label}
                                                {e.address.map(|a| view! { <br/><span class="govuk-hint app-small">{a}</span> })}
                                            </td>
                                            <td data-label="What happened" class="govuk-table__cell">{e.summary.clone()}
                                                <br/><span class="govuk-hint app-small">{format!("Event {}: {}", e.id, e.action)}</span>
                                            </td>
                                            <td data-label="Change" class="govuk-table__cell">
                                                {(!e.changes.is_empty()).then(|| view! {
                                                    <dl class="app-changes">
                                                        {e.changes.iter().map(|c| view! {
                                                            <dt>{c.field.clone()}</dt>
                                                            <dd>
                                                                {(!c.before.is_empty()).then(|| view! { <del>{c.before.clone()}</del>" → " })}
                                                                {if c.after.is_empty() { "(removed)".to_owned() } else { c.after.clone() }}
                                                            </dd>
                                                        }).collect::<Vec<_>>()}
                                                    </dl>
                                                })}
                                                {(e.before.is_some() || e.after.is_some()).then(|| view! {
                                                    <details class="govuk-details app-nomargin">
                                                        <summary class="govuk-details__summary"><span class="govuk-details__summary-text">"Data as recorded"</span></summary>
                                                        <div class="govuk-details__text">
                                                            {e.before.map(|b| view! { <p class="govuk-body-s app-nomargin">"Before:"</p><pre class="app-json">{b}</pre> })}
                                                            {e.after.map(|a| view! { <p class="govuk-body-s app-nomargin">"After:"</p><pre class="app-json">{a}</pre> })}
                                                        </div>
                                                    </details>
                                                })}
                                            </td>
                                        </tr>
                                    }).collect::<Vec<_>>()}
                                </tbody>
                            </table>
                            <Pagination previous next label="Pages of the audit trail"/>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// Whether the trail's hash chain, checked as the page was read, is whole.
#[component]
fn ChainState(chain: domain::AuditChainState) -> impl IntoView {
    let head = chain.head.map(|(seq, hash)| {
        format!(
            "The last is event {seq}, with hash {}…",
            &hash[..hash.len().min(16)]
        )
    });
    match chain.broken {
        None => view! {
            <div class="govuk-inset-text app-chain" data-chain="intact">
                <h2 class="govuk-heading-s app-nomargin">"Hash chain: intact"</h2>
                <p class="govuk-body app-nomargin">
                    {format!("All {} events are in order and unchanged. ", chain.events)}{head}
                </p>
            </div>
        }
        .into_any(),
        Some(broken) => view! {
            <div class="govuk-warning-text app-chain" data-chain="broken">
                <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                <div class="govuk-warning-text__text">
                    <span class="govuk-visually-hidden">"Warning"</span>
                    <h2 class="govuk-heading-s app-nomargin">"Hash chain: broken"</h2>
                    <p class="govuk-body app-nomargin">{format!("The audit trail has been changed outside Scrutineer: {broken}.")}</p>
                </div>
            </div>
        }
        .into_any(),
    }
}

/// Choices for a filter's list: (key, what people call it).
fn choices(list: &[(&'static str, &'static str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(key, label)| ((*key).to_owned(), (*label).to_owned()))
        .collect()
}
