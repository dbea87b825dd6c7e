//! Hydrates the islands (`#[island]` components) of a server-rendered page; the rest of the
//! page is plain HTML and needs nothing. Pages work without it; it adds what needs a browser.

// Links the islands `app` defines into this wasm, where `hydrate_islands` finds them.
#[allow(unused_imports)]
use app::*;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    // A marker the browser tests wait for before they test behaviour that needs the wasm.
    if let Some(root) = leptos::prelude::document().document_element() {
        let _ = root.set_attribute("data-hydrated", "true");
    }
}
