//! Stands in front of every page: shows it to those its `Access` allows, sends the signed
//! out to sign in, and shows "no access" to everyone else. The page's own server functions
//! check again on the server; this guard decides only what is rendered.

use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;

use super::use_auth;
use crate::components::{Forbidden, ServiceProblem};
use crate::routes::{self, Access};

#[component]
pub fn Guarded(access: Access, children: ChildrenFn) -> impl IntoView {
    let auth = use_auth();
    let location = use_location();
    let children = StoredValue::new(children);
    view! {
        <Suspense fallback=|| view! { <p class="govuk-body">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match auth.user.await {
                    Err(_) => view! { <ServiceProblem/> }.into_any(),
                    Ok(me) => {
                        let role = me.as_ref().map(|m| m.role);
                        if access.allows(role) {
                            children.with_value(|c| c()).into_any()
                        } else if role.is_none() {
                            let path = location.pathname.get_untracked();
                            let search = location.search.get_untracked();
                            let here = if search.is_empty() { path } else { format!("{path}?{search}") };
                            let target = format!("{}?next={}", routes::SIGN_IN.path, encode(&here));
                            view! { <Redirect path=target/> }.into_any()
                        } else {
                            view! { <Forbidden/> }.into_any()
                        }
                    }
                }
            })}
        </Suspense>
    }
}

/// Percent-encodes a path for use as a query value.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}
