//! Form fields in the GOV.UK Frontend pattern: an error summary at the top linking to each
//! field, and each field's message beside it. Field `name`s match the server function's
//! arguments, so the same form posts with or without JavaScript.

use leptos::prelude::*;

use super::raw_text;
use crate::AppError;

/// The last error of a form's action, if any.
pub type FormError = Signal<Option<AppError>>;

/// The error a form's action last answered with, for its fields and its summary.
pub fn form_error<A>(action: ServerAction<A>) -> FormError
where
    A: leptos::server_fn::ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    A::Output: Clone + Send + Sync + 'static,
{
    Signal::derive(move || action.value().try_get().flatten().and_then(Result::err))
}

// `try_with`: during server rendering a page can be rendered twice (its guard's
// <Suspense> resolves), and a field of the first rendering may be read after the form's
// signals were disposed; that field reads as "no error" instead of panicking the request.
fn field_message(error: FormError, name: &'static str) -> Signal<Option<String>> {
    Signal::derive(move || {
        error
            .try_with(|e| {
                e.as_ref()
                    .and_then(|e| e.field_errors())
                    .and_then(|f| f.get(name))
                    .map(str::to_owned)
            })
            .flatten()
    })
}

/// The value to show: what was submitted with a failed form, else `initial`.
fn shown_value(error: FormError, name: &'static str, initial: Signal<String>) -> Signal<String> {
    Signal::derive(move || {
        error
            .try_with(|e| e.as_ref().and_then(|e| e.value(name)).map(str::to_owned))
            .flatten()
            .unwrap_or_else(|| initial.try_get().unwrap_or_default())
    })
}

/// The form group's class: marked as in error while the field has a message.
fn group_class(message: Signal<Option<String>>) -> impl Fn() -> &'static str + Copy {
    move || {
        if message.try_with(Option::is_some).unwrap_or(false) {
            "govuk-form-group govuk-form-group--error"
        } else {
            "govuk-form-group"
        }
    }
}

/// `aria-describedby`: the hint (if any) and, while there is one, the error message.
fn described_by(
    hint_id: Option<String>,
    error_id: String,
    message: Signal<Option<String>>,
) -> impl Fn() -> Option<String> {
    move || {
        let ids: Vec<&str> = hint_id
            .iter()
            .map(String::as_str)
            .chain(
                message
                    .try_with(Option::is_some)
                    .unwrap_or(false)
                    .then_some(error_id.as_str()),
            )
            .collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

#[component]
pub fn ErrorSummary(error: FormError) -> impl IntoView {
    move || {
        error.try_get().flatten().map(|error| {
            let items = match &error {
                AppError::Invalid { errors, .. } => errors
                    .iter()
                    .map(|e| {
                        let href = format!("#{}", e.field);
                        view! { <li><a href=href>{e.message.clone()}</a></li> }.into_any()
                    })
                    .collect::<Vec<_>>(),
                AppError::SessionEnded | AppError::Unauthenticated => {
                    let here = leptos_router::hooks::use_location();
                    let path = here.pathname.get_untracked();
                    let search = here.search.get_untracked();
                    let here = if search.is_empty() { path } else { format!("{path}?{search}") };
                    vec![view! {
                        <li>{error.to_string()}" "<a href=crate::routes::sign_in_again(&here)>"Sign in again"</a></li>
                    }.into_any()]
                }
                other => vec![view! { <li><a href="#main-content">{other.to_string()}</a></li> }.into_any()],
            };
            view! {
                <div class="govuk-error-summary" data-module="govuk-error-summary" role="alert" tabindex="-1" autofocus>
                    <h2 class="govuk-error-summary__title">"There is a problem"</h2>
                    <div class="govuk-error-summary__body">
                        <ul class="govuk-list govuk-error-summary__list">{items}</ul>
                    </div>
                </div>
            }
        })
    }
}

#[component]
pub fn TextField(
    label: &'static str,
    name: &'static str,
    error: FormError,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional, into)] value: Signal<String>,
    /// Passwords are never put back into a form.
    #[prop(optional)]
    secret: bool,
    #[prop(optional)] width_class: Option<&'static str>,
) -> impl IntoView {
    let message = field_message(error, name);
    let shown = shown_value(error, name, value);
    let hint_id = format!("{name}-hint");
    let error_id = format!("{name}-error");
    let described_by = described_by(hint.map(|_| hint_id.clone()), error_id.clone(), message);
    let group_class = group_class(message);
    let input_class = move || {
        let mut class = String::from("govuk-input");
        if let Some(width) = width_class {
            class.push(' ');
            class.push_str(width);
        }
        if message.try_with(Option::is_some).unwrap_or(false) {
            class.push_str(" govuk-input--error");
        }
        class
    };
    view! {
        <div class=group_class>
            <label class="govuk-label" for=name>{label}</label>
            {hint.map(|h| view! { <div id=hint_id.clone() class="govuk-hint">{h}</div> })}
            {move || message.try_get().flatten().map(|m| view! {
                <p id=error_id.clone() class="govuk-error-message">
                    <span class="govuk-visually-hidden">"Error: "</span>{m}
                </p>
            })}
            <input
                class=input_class
                id=name
                name=name
                type=input_type
                autocomplete=autocomplete
                spellcheck="false"
                aria-describedby=described_by
                value=move || if secret { String::new() } else { shown.try_get().unwrap_or_default() }
            />
        </div>
    }
}

#[component]
pub fn SelectField(
    label: &'static str,
    name: &'static str,
    error: FormError,
    /// (value, label) pairs.
    options: Vec<(&'static str, &'static str)>,
    #[prop(optional, into)] value: Signal<String>,
) -> impl IntoView {
    let options = options
        .into_iter()
        .map(|(v, l)| (v.to_owned(), l.to_owned()))
        .collect();
    view! { <ChooseField label name error options value empty="Choose…"/> }
}

/// A select whose options are only known at run time (records from the database);
/// `empty` labels the first, empty choice.
#[component]
pub fn ChooseField(
    label: &'static str,
    name: &'static str,
    error: FormError,
    /// (value, label) pairs.
    options: Vec<(String, String)>,
    #[prop(optional, into)] value: Signal<String>,
    empty: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let message = field_message(error, name);
    let shown = shown_value(error, name, value);
    let error_id = format!("{name}-error");
    let hint_id = hint.map(|_| format!("{name}-hint"));
    let described_by = described_by(hint_id.clone(), error_id.clone(), message);
    view! {
        <div class=group_class(message)>
            <label class="govuk-label" for=name>{label}</label>
            {hint.map(|h| view! { <div id=hint_id.clone() class="govuk-hint">{h}</div> })}
            {move || message.try_get().flatten().map(|m| view! {
                <p id=error_id.clone() class="govuk-error-message">
                    <span class="govuk-visually-hidden">"Error: "</span>{m}
                </p>
            })}
            <select class="govuk-select" id=name name=name aria-describedby=described_by>
                <option value="" selected=move || shown.try_get().unwrap_or_default().is_empty()>{empty}</option>
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let selected = {
                            let value = value.clone();
                            move || shown.try_get().unwrap_or_default() == value
                        };
                        view! { <option value=value selected=selected>{text}</option> }
                    })
                    .collect::<Vec<_>>()}
            </select>
        </div>
    }
}

#[component]
pub fn Checkbox(
    label: &'static str,
    name: &'static str,
    error: FormError,
    #[prop(into)] checked: Signal<bool>,
) -> impl IntoView {
    let message = field_message(error, name);
    let error_id = format!("{name}-error");
    let group_class = group_class(message);
    view! {
        <div class=group_class>
            {move || message.try_get().flatten().map(|m| view! {
                <p id=error_id.clone() class="govuk-error-message">
                    <span class="govuk-visually-hidden">"Error: "</span>{m}
                </p>
            })}
            <div class="govuk-checkboxes govuk-checkboxes--small">
                <div class="govuk-checkboxes__item">
                    <input class="govuk-checkboxes__input" id=name name=name type="checkbox" value="on" checked=checked/>
                    <label class="govuk-label govuk-checkboxes__label" for=name>{label}</label>
                </div>
            </div>
        </div>
    }
}

/// A green banner saying what was just done.
#[component]
pub fn SuccessBanner(#[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    move || {
        message.try_get().flatten().map(|m| {
            view! {
                <div class="govuk-notification-banner govuk-notification-banner--success" role="alert"
                    aria-labelledby="success-title">
                    <div class="govuk-notification-banner__header">
                        <h2 class="govuk-notification-banner__title" id="success-title">"Success"</h2>
                    </div>
                    <div class="govuk-notification-banner__content">
                        <p class="govuk-notification-banner__heading">{m}</p>
                    </div>
                </div>
            }
        })
    }
}

/// A multi-line text field, for Markdown and notes.
#[component]
pub fn TextArea(
    label: &'static str,
    name: &'static str,
    error: FormError,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional, into)] value: Signal<String>,
    #[prop(default = 5)] rows: u32,
    #[prop(optional)] class: Option<&'static str>,
) -> impl IntoView {
    let message = field_message(error, name);
    let shown = shown_value(error, name, value);
    let hint_id = format!("{name}-hint");
    let error_id = format!("{name}-error");
    let described_by = described_by(hint.map(|_| hint_id.clone()), error_id.clone(), message);
    let group_class = group_class(message);
    let area_class = move || {
        let mut c = String::from("govuk-textarea");
        if let Some(extra) = class {
            c.push(' ');
            c.push_str(extra);
        }
        if message.try_with(Option::is_some).unwrap_or(false) {
            c.push_str(" govuk-textarea--error");
        }
        c
    };
    view! {
        <div class=group_class>
            <label class="govuk-label" for=name>{label}</label>
            {hint.map(|h| view! { <div id=hint_id.clone() class="govuk-hint">{h}</div> })}
            {move || message.try_get().flatten().map(|m| view! {
                <p id=error_id.clone() class="govuk-error-message">
                    <span class="govuk-visually-hidden">"Error: "</span>{m}
                </p>
            })}
            <textarea class=area_class id=name name=name rows=rows aria-describedby=described_by
                prop:value=move || shown.try_get().unwrap_or_default()>{raw_text(&shown.try_get_untracked().unwrap_or_default())}</textarea>
        </div>
    }
}

/// A set of radios in a fieldset, in the GOV.UK pattern; `options` are (value, label).
#[component]
pub fn Radios(
    legend: &'static str,
    name: &'static str,
    error: FormError,
    options: Vec<(&'static str, &'static str)>,
    #[prop(optional, into)] value: Signal<String>,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let message = field_message(error, name);
    let shown = shown_value(error, name, value);
    let error_id = format!("{name}-error");
    let hint_id = hint.map(|_| format!("{name}-hint"));
    let described_by = described_by(hint_id.clone(), error_id.clone(), message);
    view! {
        <div class=group_class(message)>
            <fieldset class="govuk-fieldset" aria-describedby=described_by>
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
                {hint.map(|h| view! { <div id=hint_id.clone() class="govuk-hint">{h}</div> })}
                {move || message.try_get().flatten().map(|m| view! {
                    <p id=error_id.clone() class="govuk-error-message">
                        <span class="govuk-visually-hidden">"Error: "</span>{m}
                    </p>
                })}
                <div class="govuk-radios govuk-radios--small" data-module="govuk-radios">
                    {options.into_iter().enumerate().map(|(n, (option, label))| {
                        // The first radio takes the field's id, so the error summary's link
                        // lands on it.
                        let id = if n == 0 { name.to_owned() } else { format!("{name}-{option}") };
                        view! {
                            <div class="govuk-radios__item">
                                <input class="govuk-radios__input" id=id.clone() name=name type="radio" value=option
                                    checked=move || shown.try_get().unwrap_or_default() == option/>
                                <label class="govuk-label govuk-radios__label" for=id>{label}</label>
                            </div>
                        }
                    }).collect::<Vec<_>>()}
                </div>
            </fieldset>
        </div>
    }
}
