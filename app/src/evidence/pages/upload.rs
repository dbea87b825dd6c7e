//! An island around the import form: with JavaScript, the files go up by
//! `XMLHttpRequest` so that the page can say how much has been sent, then the browser goes
//! where the server's answer led (the import's record, or the latest imports). Without
//! JavaScript, or if anything here fails, the form posts as a plain form.

use leptos::prelude::*;

/// Bytes sent and bytes to send.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Sent {
    done: f64,
    total: f64,
}

#[island]
pub fn UploadProgress(children: Children) -> impl IntoView {
    let (sent, set_sent) = signal(None::<Sent>);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        if send(&ev, set_sent).is_some() {
            ev.prevent_default();
        }
    };
    view! {
        <div on:submit=on_submit>{children()}</div>
        <div role="status" aria-live="polite" class="app-upload-progress">
            {move || sent.get().map(|Sent { done, total }| {
                let percent = if total > 0.0 { (done * 100.0 / total).round() } else { 0.0 };
                let words = if percent >= 100.0 {
                    "Uploaded: reading the files…".to_owned()
                } else {
                    format!("Uploading: {percent}%")
                };
                view! {
                    <p class="govuk-body">
                        <label for="upload-progress">{words}</label>
                        <progress id="upload-progress" max="100" value=percent.to_string()>{format!("{percent}%")}</progress>
                    </p>
                }
            })}
        </div>
    }
}

/// Sends the form's data by `XMLHttpRequest`, reporting progress; `None` if it could not
/// start (the form then posts as usual).
fn send(ev: &leptos::ev::SubmitEvent, set_sent: WriteSignal<Option<Sent>>) -> Option<()> {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use web_sys::{FormData, HtmlFormElement, ProgressEvent, XmlHttpRequest};

    let form: HtmlFormElement = ev.target()?.dyn_into().ok()?;
    let data = FormData::new_with_form(&form).ok()?;
    let request = XmlHttpRequest::new().ok()?;
    request.open("POST", &form.action()).ok()?;
    let progress = Closure::<dyn FnMut(ProgressEvent)>::new(move |e: ProgressEvent| {
        set_sent.set(Some(Sent {
            done: e.loaded(),
            total: e.total(),
        }));
    });
    request
        .upload()
        .ok()?
        .set_onprogress(Some(progress.as_ref().unchecked_ref()));
    progress.forget();
    let answered = request.clone();
    let fallback = form.clone();
    let action = form.action();
    let done = Closure::<dyn FnMut()>::new(move || {
        // Followed redirects end on the page to show; anything else (a refusal) is shown
        // by posting the form as a plain form.
        let url = answered.response_url();
        if answered.status().unwrap_or(0) == 200 && !url.is_empty() && url != action {
            let _ = window().location().set_href(&url);
        } else {
            let _ = fallback.submit();
        }
    });
    request.set_onloadend(Some(done.as_ref().unchecked_ref()));
    done.forget();
    request.send_with_opt_form_data(Some(&data)).ok()?;
    set_sent.set(Some(Sent {
        done: 0.0,
        total: 1.0,
    }));
    Some(())
}
