//! Contracts and grants: the register, with a form to add one, and each one's page with
//! its equality requirements, its monitoring returns and the forms that record them.

use domain::equality::{ContractKind, ContractView, MonitoringState, Rating};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use super::framework::rating_tag;
use crate::components::{
    ChooseField, ErrorSummary, FormError, Radios, SuccessBanner, TextArea, TextField,
};
use crate::equality::server::{
    get_contract, list_contracts, AddContract, AddMonitoringDate, RecordReturn,
};
use crate::meetings::{flag_message, page_id};

pub(crate) fn state_tag(state: MonitoringState) -> impl IntoView {
    let class = match state {
        MonitoringState::Overdue => "govuk-tag govuk-tag--red",
        MonitoringState::DueSoon => "govuk-tag govuk-tag--yellow",
        MonitoringState::Received => "govuk-tag govuk-tag--green",
        MonitoringState::Later => "govuk-tag govuk-tag--grey",
    };
    view! { <strong class=class>{state.label()}</strong> }
}

#[component]
pub fn ContractsPage() -> impl IntoView {
    let contracts = Resource::new(|| (), |_| list_contracts());
    let add = ServerAction::<AddContract>::new();
    let error: FormError = crate::components::form_error(add);
    view! {
        <Title text="Contracts and grants"/>
        <a href="/equality" class="govuk-back-link">"Back to the equality objectives"</a>
        <h1 class="govuk-heading-l">"Contracts and grants"</h1>
        <p class="govuk-body">"Anyone who enters into a contract with the Commissioner, or receives funding, must comply with the Equality Act and the Commissioner's equality terms. Each contract and grant has its equality requirements and the dates its monitoring returns are due; due and overdue returns are in the reminders and the briefing pack."</p>
        {crate::components::loaded(contracts, |list| view! { <ContractTable list/> }.into_any())}
        <h2 class="govuk-heading-m" id="add-contract">"Add a contract or grant"</h2>
        <ErrorSummary error/>
        <ActionForm action=add attr:novalidate=true>
            <Radios legend="Contract or grant" name="kind" error options=ContractKind::options()/>
            <TextField label="What it is for" name="title" error/>
            <TextField label="Supplier or recipient" name="party" error/>
            <TextField label="Value" name="value" error hint="In pounds, such as £12,500" width_class="govuk-input--width-10"/>
            <TextField label="Starts on" name="starts_on" error hint="For example 2026-04-01" width_class="govuk-input--width-10"/>
            <TextField label="Ends on" name="ends_on" error hint="For example 2027-03-31" width_class="govuk-input--width-10"/>
            <TextArea label="Equality requirements" name="requirements" error rows=4 hint="What the contract or grant binds them to (Markdown), such as equality monitoring of who uses the service, accessible premises, staff training."/>
            <TextField label="Managed in the OPCC by" name="manager_name" error/>
            <TextArea label="Monitoring returns due on" name="monitoring" error rows=3 hint="One date per line, such as 2026-10-31"/>
            <button type="submit" class="govuk-button">"Add"</button>
        </ActionForm>
    }
}

#[component]
pub fn ContractTable(list: Vec<ContractView>, #[prop(optional)] public: bool) -> impl IntoView {
    if list.is_empty() {
        return view! { <p class="govuk-body">"No contracts or grants recorded yet."</p> }
            .into_any();
    }
    view! {
        <table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--m">"Contracts and grants"</caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Contract or grant"</th>
                    <th scope="col" class="govuk-table__header">"Value"</th>
                    <th scope="col" class="govuk-table__header">"Period"</th>
                    <th scope="col" class="govuk-table__header">"Next return"</th>
                    <th scope="col" class="govuk-table__header">"Latest rating"</th>
                </tr>
            </thead>
            <tbody class="govuk-table__body">
                {list.into_iter().map(|c| {
                    let next = c.next_due().cloned();
                    let name = format!("{}: {} ({})", c.kind.label(), c.title, c.party);
                    view! {
                        <tr class="govuk-table__row">
                            <td data-label="Contract or grant" class="govuk-table__cell">
                                {if public { name.into_any() } else { view! { <a class="govuk-link" href=format!("/equality/contracts/{}", c.id)>{name}</a> }.into_any() }}
                            </td>
                            <td data-label="Value" class="govuk-table__cell">{c.value.clone()}</td>
                            <td data-label="Period" class="govuk-table__cell">{format!("{} to {}", c.starts_on, c.ends_on)}</td>
                            <td data-label="Next return" class="govuk-table__cell">
                                {match next {
                                    Some(m) => view! { {m.due_on.clone()}" "{state_tag(m.state)} }.into_any(),
                                    None => view! { "None due" }.into_any(),
                                }}
                            </td>
                            <td data-label="Latest rating" class="govuk-table__cell">{rating_tag(c.rating)}</td>
                        </tr>
                    }
                }).collect::<Vec<_>>()}
            </tbody>
        </table>
    }
    .into_any()
}

const SAVED: &[(&str, &str)] = &[
    ("added", "The contract or grant was added"),
    ("date", "The monitoring date was added"),
    ("received", "The return was recorded"),
];

#[component]
pub fn ContractPage() -> impl IntoView {
    let id = page_id();
    let contract = Resource::new(id, get_contract);
    let saved = flag_message("saved", SAVED);
    view! {
        <Title text="Contract or grant"/>
        <a href="/equality/contracts" class="govuk-back-link">"Back to contracts and grants"</a>
        <SuccessBanner message=saved/>
        {crate::components::loaded(contract, |c| view! { <Contract c/> }.into_any())}
    }
}

#[component]
fn Contract(c: ContractView) -> impl IntoView {
    let received = ServerAction::<RecordReturn>::new();
    let date = ServerAction::<AddMonitoringDate>::new();
    let received_error: FormError = crate::components::form_error(received);
    let date_error: FormError = crate::components::form_error(date);
    let id = c.id.to_string();
    let date_id = id.clone();
    let pending: Vec<(String, String)> = c
        .monitoring
        .iter()
        .filter(|m| m.received_on.is_none())
        .map(|m| {
            (
                m.due_on.clone(),
                format!("Due {} ({})", m.due_long, m.state.label().to_lowercase()),
            )
        })
        .collect();
    let first_pending = pending.first().map(|p| p.0.clone()).unwrap_or_default();
    view! {
        <span class="govuk-caption-l">{c.kind.label()}</span>
        <h1 class="govuk-heading-l">{c.title.clone()}</h1>
        <dl class="govuk-summary-list">
            <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">"Supplier or recipient"</dt><dd class="govuk-summary-list__value">{c.party.clone()}</dd></div>
            <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">"Value"</dt><dd class="govuk-summary-list__value">{c.value.clone()}</dd></div>
            <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">"Period"</dt><dd class="govuk-summary-list__value">{format!("{} to {}", c.starts_on, c.ends_on)}</dd></div>
            <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">"Managed by"</dt><dd class="govuk-summary-list__value">{c.manager.clone()}</dd></div>
            <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">"Latest rating"</dt><dd class="govuk-summary-list__value">{rating_tag(c.rating)}</dd></div>
        </dl>
        <h2 class="govuk-heading-m">"Equality requirements"</h2>
        <div class="app-minutes" inner_html=c.requirements_html.clone()></div>
        <table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--m">"Monitoring returns"</caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Due"</th>
                    <th scope="col" class="govuk-table__header">"Where it stands"</th>
                    <th scope="col" class="govuk-table__header">"Evidence received"</th>
                    <th scope="col" class="govuk-table__header">"Rating"</th>
                </tr>
            </thead>
            <tbody class="govuk-table__body">
                {c.monitoring.iter().map(|m| view! {
                    <tr class="govuk-table__row">
                        <td data-label="Due" class="govuk-table__cell">{m.due_long.clone()}</td>
                        <td data-label="Where it stands" class="govuk-table__cell">{state_tag(m.state)}{m.received_on.clone().map(|r| format!(" on {r}"))}</td>
                        <td data-label="Evidence received" class="govuk-table__cell"><div class="app-minutes" inner_html=m.evidence_html.clone()></div></td>
                        <td data-label="Rating" class="govuk-table__cell">{m.rating.map(|r| r.label()).unwrap_or("")}</td>
                    </tr>
                }).collect::<Vec<_>>()}
            </tbody>
        </table>
        {(!pending.is_empty()).then(|| view! {
            <h2 class="govuk-heading-m" id="record-return">"Record a return received"</h2>
            <ErrorSummary error=received_error/>
            <ActionForm action=received attr:novalidate=true>
                <input type="hidden" name="id" value=id.clone()/>
                <ChooseField label="Return" name="return_due" error=received_error options=pending.clone() value=first_pending.clone() empty="Choose the return"/>
                <TextField label="Received on" name="received_on" error=received_error hint="For example 2026-11-02" width_class="govuk-input--width-10"/>
                <TextArea label="Evidence received" name="evidence" error=received_error rows=4 hint="What they sent and what it shows (Markdown). Link to documents."/>
                <Radios legend="Rating" name="return_rating" error=received_error options=Rating::options()/>
                <button type="submit" class="govuk-button">"Record return"</button>
            </ActionForm>
        })}
        <h2 class="govuk-heading-m" id="add-date">"Add a monitoring date"</h2>
        <ErrorSummary error=date_error/>
        <ActionForm action=date attr:novalidate=true>
            <input type="hidden" name="id" value=date_id/>
            <TextField label="Return due on" name="due_on" error=date_error hint="For example 2027-04-30" width_class="govuk-input--width-10"/>
            <button type="submit" class="govuk-button govuk-button--secondary">"Add date"</button>
        </ActionForm>
    }
}
