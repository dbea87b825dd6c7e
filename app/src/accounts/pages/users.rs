//! Managing user accounts: list, add, edit (including deactivation) and password resets.

use domain::Role;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::accounts::server::*;
use crate::components::{
    Checkbox, ChooseField, ErrorSummary, FormError, SelectField, ShowError, SuccessBanner,
    TextField,
};
use crate::AppError;

fn role_options() -> Vec<(&'static str, &'static str)> {
    Role::ALL.iter().map(|r| (r.as_str(), r.label())).collect()
}

#[component]
pub fn UsersPage() -> impl IntoView {
    let query = use_query_map();
    let users = Resource::new(
        move || {
            query.with(|q| {
                (
                    q.get("q").unwrap_or_default(),
                    q.get("role").unwrap_or_default(),
                )
            })
        },
        |(words, role)| list_users(words, role),
    );
    let created = Signal::derive(move || {
        query.with(|q| {
            if q.get("invited").is_some() {
                Some(
                    "The user was added and emailed an invitation to choose their password"
                        .to_owned(),
                )
            } else {
                q.get("created").map(|_| "The user was added".to_owned())
            }
        })
    });
    view! {
        <Title text="Users"/>
        <SuccessBanner message=created/>
        <h1 class="govuk-heading-l">"Users"</h1>
        <p class="govuk-body">
            <A href="/admin/users/new" attr:class="govuk-button" attr:role="button">"Add a user"</A>
        </p>
        <Suspense fallback=|| view! { <p class="govuk-body">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let (words, role) = query.with_untracked(|q| (q.get("q").unwrap_or_default(), q.get("role").unwrap_or_default()));
                let searching = !words.trim().is_empty() || !role.is_empty();
                let no_error: FormError = Signal::stored(None);
                let roles = Role::ALL.iter().map(|r| (r.as_str().to_owned(), r.label().to_owned())).collect::<Vec<_>>();
                match users.await {
                    Err(e) => view! { <ShowError error=e/> }.into_any(),
                    Ok(list) => view! {
                        <form method="get" action="/admin/users" class="app-filter" role="search" aria-label="Find people">
                            <div class="govuk-grid-row">
                                <div class="govuk-grid-column-one-half">
                                    <TextField label="Name or email" name="q" error=no_error value=words.clone()/>
                                </div>
                                <div class="govuk-grid-column-one-half">
                                    <ChooseField label="Role" name="role" error=no_error options=roles value=role.clone() empty="Any role"/>
                                </div>
                            </div>
                            <div class="govuk-button-group">
                                <button type="submit" class="govuk-button govuk-button--secondary">"Find people"</button>
                                {searching.then(|| view! { <a href="/admin/users" class="govuk-link">"Show everyone"</a> })}
                            </div>
                        </form>
                        {(searching && list.is_empty()).then(|| view! { <p class="govuk-body">"No one matches."</p> })}
                        <table class="govuk-table">
                            <caption class="govuk-table__caption govuk-table__caption--m">
                                {if searching { format!("{} accounts match", list.len()) } else { format!("{} accounts", list.len()) }}
                            </caption>
                            <thead class="govuk-table__head">
                                <tr class="govuk-table__row">
                                    <th scope="col" class="govuk-table__header">"Name"</th>
                                    <th scope="col" class="govuk-table__header">"Email"</th>
                                    <th scope="col" class="govuk-table__header">"Role"</th>
                                    <th scope="col" class="govuk-table__header">"Status"</th>
                                    <th scope="col" class="govuk-table__header">"Last signed in"</th>
                                </tr>
                            </thead>
                            <tbody class="govuk-table__body">
                                {list.into_iter().map(|u| view! {
                                    <tr class="govuk-table__row">
                                        <td data-label="Name" class="govuk-table__cell">
                                            <A href=format!("/admin/users/{}", u.id) attr:class="govuk-link">{u.display_name.clone()}</A>
                                        </td>
                                        <td data-label="Email" class="govuk-table__cell">{u.email.clone()}</td>
                                        <td data-label="Role" class="govuk-table__cell">{u.role.label()}</td>
                                        <td data-label="Status" class="govuk-table__cell">
                                            {if u.active {
                                                view! { <strong class="govuk-tag govuk-tag--green">"Active"</strong> }
                                            } else {
                                                view! { <strong class="govuk-tag govuk-tag--grey">"Deactivated"</strong> }
                                            }}
                                        </td>
                                        <td data-label="Last signed in" class="govuk-table__cell">{u.last_sign_in_at.clone().map(|t| t.replace('T', " ")).unwrap_or_else(|| "Never".into())}</td>
                                    </tr>
                                }).collect::<Vec<_>>()}
                            </tbody>
                        </table>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn NewUserPage() -> impl IntoView {
    let create = ServerAction::<CreateUser>::new();
    let error: FormError = crate::components::form_error(create);
    view! {
        <Title text=move || if error.try_with(Option::is_some).unwrap_or(false) { "Error: Add a user" } else { "Add a user" }/>
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <A href="/admin/users" attr:class="govuk-back-link">"Back to users"</A>
                <ErrorSummary error/>
                <h1 class="govuk-heading-l">"Add a user"</h1>
                <ActionForm action=create attr:novalidate=true>
                    <TextField label="Email address" name="email" error input_type="email" autocomplete="off"/>
                    <TextField label="Full name" name="display_name" error autocomplete="off"/>
                    <SelectField label="Role" name="role" error options=role_options()/>
                    <TextField label="Password" name="password" error input_type="password" autocomplete="new-password" secret=true
                        hint="Leave both password fields empty to email them an invitation to choose their own (the link works once, for 7 days). Or set one: at least 12 characters, given to them safely."/>
                    <TextField label="Confirm password" name="confirm_password" error input_type="password" autocomplete="new-password" secret=true/>
                    <TextField label="Your own password" name="your_password" error input_type="password" autocomplete="current-password" secret=true
                        hint="Needed to add an administrator. A password you set here must be changed by its person when they first sign in."/>
                    <button type="submit" class="govuk-button">"Add user"</button>
                </ActionForm>
            </div>
        </div>
    }
}

#[component]
pub fn EditUserPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let update = ServerAction::<UpdateUser>::new();
    let reset = ServerAction::<ResetPassword>::new();
    let reset_factor = ServerAction::<ResetTwoFactor>::new();
    let invite = ServerAction::<InviteUser>::new();
    let id = move || params.with(|p| p.get("id")).unwrap_or_default();
    let user = Resource::new(
        move || {
            (
                id(),
                update.version().get(),
                reset.version().get(),
                reset_factor.version().get(),
            )
        },
        |(id, _, _, _)| get_user(id),
    );
    let details_error: FormError = crate::components::form_error(update);
    let password_error: FormError = crate::components::form_error(reset);
    let invite_error: FormError = crate::components::form_error(invite);
    let factor_error: FormError = Signal::derive(move || {
        reset_factor
            .value()
            .try_get()
            .flatten()
            .and_then(Result::err)
    });
    let saved = Signal::derive(move || {
        query.with(|q| match q.get("saved").as_deref() {
            Some("details") => Some("The user's details were saved".to_owned()),
            Some("password") => {
                Some("The password was reset and the user's sessions were ended".to_owned())
            }
            Some("invited") => Some("A new invitation was emailed".to_owned()),
            Some("two-factor") => Some(
                "Two-factor sign-in was reset and the user's sessions were ended: they set it up again when they next sign in".to_owned(),
            ),
            _ => None,
        })
    });
    view! {
        {crate::components::loaded(user, move |u| {
            let id = u.id.to_string();
            let reset_id = id.clone();
            let invite_id = id.clone();
            let factor_id = id.clone();
            let two_factor_on = u.two_factor_on;
            let title = format!("Edit user: {}", u.display_name);
            let email = u.email.clone();
            let name = u.display_name.clone();
            let role = u.role.as_str().to_owned();
            let active = u.active;
            let active_shown = Signal::derive(move || {
                details_error.with(|e| match e {
                    Some(e @ AppError::Invalid { .. }) => e.value("active") == Some("on"),
                    _ => active,
                })
            });
            view! {
                <Title text=title.clone()/>
                <A href="/admin/users" attr:class="govuk-back-link">"Back to users"</A>
                <SuccessBanner message=saved/>
                <ErrorSummary error=details_error/>
                <ErrorSummary error=password_error/>
                <ErrorSummary error=invite_error/>
                <ErrorSummary error=factor_error/>
                <h1 class="govuk-heading-l">{title}</h1>
                <div class="govuk-grid-row">
                    <div class="govuk-grid-column-two-thirds">
                        <h2 class="govuk-heading-m">"Details"</h2>
                        <ActionForm action=update attr:novalidate=true>
                            <input type="hidden" name="id" value=id/>
                            <TextField label="Email address" name="email" error=details_error input_type="email" autocomplete="off" value=email/>
                            <TextField label="Full name" name="display_name" error=details_error autocomplete="off" value=name/>
                            <SelectField label="Role" name="role" error=details_error options=role_options() value=role/>
                            <Checkbox label="Active (can sign in)" name="active" error=details_error checked=active_shown/>
                            <TextField label="Your own password" name="your_password" error=details_error input_type="password" autocomplete="current-password" secret=true
                                hint="Needed to change the email address or the role, or to reactivate the account."/>
                            <button type="submit" class="govuk-button">"Save details"</button>
                        </ActionForm>
                        <h2 class="govuk-heading-m">"Reset password"</h2>
                        <p class="govuk-body">"Setting a new password signs the user out everywhere; they must choose their own when they next sign in."</p>
                        <ActionForm action=reset attr:novalidate=true>
                            <input type="hidden" name="id" value=reset_id/>
                            <TextField label="New password" name="password" error=password_error input_type="password" autocomplete="new-password" secret=true
                                hint="At least 12 characters."/>
                            <TextField label="Confirm new password" name="confirm_password" error=password_error input_type="password" autocomplete="new-password" secret=true/>
                            <TextField label="Your password, to confirm the reset" name="your_password_for_reset" error=password_error input_type="password" autocomplete="current-password" secret=true/>
                            <button type="submit" class="govuk-button govuk-button--secondary">"Reset password"</button>
                        </ActionForm>
                        <h2 class="govuk-heading-m">"Two-factor sign-in"</h2>
                        <p class="govuk-body" data-two-factor=if two_factor_on { "on" } else { "off" }>
                            {if two_factor_on { "On: they sign in with a code from their authenticator app." } else { "Not set up yet." }}
                        </p>
                        {two_factor_on.then(|| view! {
                            <p class="govuk-body">"If they have lost their phone and their recovery codes, reset it: they are signed out everywhere and set it up again with a new phone when they next sign in."</p>
                            <ActionForm action=reset_factor attr:novalidate=true>
                                <input type="hidden" name="id" value=factor_id/>
                                <TextField label="Your password, to confirm resetting their two-factor sign-in" name="your_password_for_two_factor" error=factor_error input_type="password" autocomplete="current-password" secret=true/>
                                <button type="submit" class="govuk-button govuk-button--warning">"Reset two-factor sign-in"</button>
                            </ActionForm>
                        })}
                        <h2 class="govuk-heading-m">"Invitation"</h2>
                        <p class="govuk-body">"Or email them a link to choose their own password: it works once, for 7 days, and signs them out everywhere when used."</p>
                        <ActionForm action=invite attr:novalidate=true>
                            <input type="hidden" name="id" value=invite_id/>
                            <TextField label="Your password, to confirm sending the invitation" name="your_password_for_invite" error=invite_error input_type="password" autocomplete="current-password" secret=true/>
                            <button type="submit" class="govuk-button govuk-button--secondary">"Send a new invitation"</button>
                        </ActionForm>
                    </div>
                </div>
            }.into_any()
        })}
    }
}
