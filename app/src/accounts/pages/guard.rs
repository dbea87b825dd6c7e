//! Stands in front of every page: shows it to those its `Access` allows, sends the signed
//! out to sign in, and shows "no access" to everyone else. The page's own server functions
//! check again on the server; this guard decides only what is rendered.

use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;

use crate::accounts::signed_in;
use crate::components::{Forbidden, ServiceProblem};
use crate::routes::{self, Access};

/// Decides at once, from the request, with no `<Suspense>`: pages render only on the server
/// (islands aside), and a suspended guard rendered its page — and so ran the page's queries —
/// once for each pass the server made over the suspense (three per request).
#[component]
pub fn Guarded(access: Access, children: ChildrenFn) -> impl IntoView {
    let location = use_location();
    match signed_in() {
        Err(_) => view! { <ServiceProblem/> }.into_any(),
        Ok(me) => {
            let role = me.as_ref().map(|m| m.role);
            if access.allows(role) {
                children().into_any()
            } else if role.is_none() {
                let path = location.pathname.get_untracked();
                let search = location.search.get_untracked();
                let here = if search.is_empty() {
                    path
                } else {
                    format!("{path}?{search}")
                };
                let target = format!(
                    "{}?next={}",
                    routes::SIGN_IN.path,
                    routes::encode_query_value(&here)
                );
                view! { <Redirect path=target/> }.into_any()
            } else {
                view! { <Forbidden/> }.into_any()
            }
        }
    }
}
