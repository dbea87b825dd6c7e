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
                            let target = format!("{}?next={}", routes::SIGN_IN.path, routes::encode_query_value(&here));
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
