use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AccessibilityPage() -> impl IntoView {
    view! {
        <Title text="Accessibility statement"/>
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <h1 class="govuk-heading-l">"Accessibility statement for Scrutineer"</h1>
                <p class="govuk-body">
                    "This statement applies to Scrutineer, the Office of the Police and Crime Commissioner's tracker of "
                    "questions and actions put to the Chief Constable."
                </p>
                <p class="govuk-body">"We want as many people as possible to be able to use this service. You should be able to:"</p>
                <ul class="govuk-list govuk-list--bullet">
                    <li>"change colours, contrast levels and fonts using your browser or device settings"</li>
                    <li>"zoom in up to 400% without the text spilling off the screen"</li>
                    <li>"navigate the whole service using just a keyboard"</li>
                    <li>"use the whole service with JavaScript switched off"</li>
                    <li>"listen to the service using a screen reader"</li>
                </ul>
                <h2 class="govuk-heading-m">"How accessible this service is"</h2>
                <p class="govuk-body">
                    "We aim to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 at level AA. "
                    "Every page is checked automatically with axe-core in a real browser whenever the service changes, "
                    "and the main tasks are tested using only a keyboard."
                </p>
                <h2 class="govuk-heading-m">"Reporting accessibility problems"</h2>
                <p class="govuk-body">
                    "If you find a problem not listed on this page, or think we are not meeting accessibility requirements, "
                    "contact the OPCC governance team. Tell us the web address of the page and what went wrong."
                </p>
                <h2 class="govuk-heading-m">"Enforcement procedure"</h2>
                <p class="govuk-body">
                    "The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies "
                    "(Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018. If you are not happy with how "
                    "we respond to your complaint, contact the Equality Advisory and Support Service (EASS)."
                </p>
                <h2 class="govuk-heading-m">"Preparation of this statement"</h2>
                <p class="govuk-body">"This statement was prepared on 22 November 2026."</p>
            </div>
        </div>
    }
}
