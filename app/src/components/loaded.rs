//! The scaffolding every page repeats around its data: "Loading…" until the resource has
//! loaded, then the page for its error (`ShowError`) or the content made from its value.
//! The resource is read inside `<Suspense>`, as the build notes in docs/CONTRIBUTING.md require.

use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::ShowError;
use crate::AppError;

/// `content` made from what `resource` loads, or the page for its error.
pub fn loaded<T, V>(
    resource: Resource<Result<T, AppError>>,
    content: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=|| view! { <p class="govuk-body">"Loading…"</p> }>
            {move || {
                let content = content.clone();
                Suspend::new(async move {
                    match resource.await {
                        Err(e) => view! { <ShowError error=e/> }.into_any(),
                        Ok(value) => content(value).into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
