//! Scrutineer's pages, components and server functions.
//!
//! Every page renders on the server and works with JavaScript switched off: forms post to
//! server functions, which redirect back. Only islands (`#[island]`: the session warning, the
//! minutes' live preview) run in the browser, and only signed-in pages load the wasm.
//! Server-only code sits behind the `ssr` feature.

mod accessibility;
pub mod accounts;
pub mod audit;
pub mod components;
#[cfg(feature = "ssr")]
pub mod context;
pub mod equality;
mod error;
pub mod evidence;
mod layout;
pub mod meetings;
pub mod register;
pub mod routes;
pub mod work;

pub use error::AppError;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

use crate::accessibility::AccessibilityPage;
use crate::accounts::{
    Auth, CalendarFeedPage, EditUserPage, Guarded, InvitationPage, NewUserPage, PasswordPage,
    SessionWarning, SessionsPage, SignInCodePage, SignInPage, TwoFactorPage, UsersPage,
};
use crate::audit::AuditPage;
use crate::components::NotFound;
use crate::equality::{
    ContractPage, ContractsPage, CoveragePage, EqualityPage, PublicReportPage, PublicReportsPage,
    ReportPage,
};
use crate::evidence::{
    ComplaintImportPage, ComplaintsPage, EvidencePage, ImportPage, ImportRecordPage, LabelsPage,
    PublicEvidencePage,
};
use crate::layout::{Footer, Header, PhaseBanner};
use crate::meetings::{
    AgendaItemPage, BoardPage, BoardsPage, EditBoardPage, EditMeetingPage, MeetingPage,
    MinutesHistoryPage, MinutesPage, NewBoardPage, NewMeetingPage, PrintAgendaPage,
    PublicMeetingPage, PublicMeetingsPage,
};
use crate::register::{
    ActionPage, ActionsPage, BankHolidaysPage, BriefingPage, EditActionPage, EditQuestionPage,
    MinutesActionsPage, NewActionPage, NewQuestionPage, OwnerTitlesPage, PublicActionPage,
    PublicActionsPage, PublicQuestionPage, PublicQuestionsPage, QuestionPage, QuestionsPage,
    ResponseWordsPage, TopicsPage,
};
use crate::work::{AdminPage, HomePage, NotificationsPage, SearchPage};

/// The nonce the server put on this response's Content-Security-Policy, for Leptos's
/// inline scripts.
#[cfg(feature = "ssr")]
#[derive(Debug, Clone)]
pub struct CspNonce(pub String);

/// The HTML document around the app, rendered only on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(nonce) = use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<CspNonce>().cloned())
    {
        provide_context(leptos::nonce::Nonce::from_value(nonce.0));
    }
    // Only a signed-in person's pages have islands (the session warning is on each of them);
    // the public's pages and the sign-in page load no wasm at all.
    let islands = accounts::signed_in().ok().flatten().is_some();
    view! {
        <!DOCTYPE html>
        <html lang="en-GB" class="govuk-template">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover"/>
                <meta name="theme-color" content="#0b0c0c"/>
                // No favicon yet; an empty one saves every page a request that would 404.
                <link rel="icon" href="data:,"/>
                <HashedStylesheet options=options.clone() id="leptos"/>
                {islands.then(|| view! { <HydrationScripts options islands=true/> })}
                <MetaTags/>
            </head>
            <body class="govuk-template__body">
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Title formatter=|title: String| components::raw_text(&format!("{title} – Scrutineer"))/>
        <Router>
            <Layout/>
        </Router>
    }
}

/// A refused form's error (with the values typed) that this page shows: the note
/// `server::web::form_flash` put back into the request's address.
fn form_note() -> Option<(String, String)> {
    let query = leptos_router::hooks::use_query_map().get_untracked();
    Some((query.get("__path")?, query.get("__err")?))
}

/// Every route is rendered whole before the response starts (`SsrMode::Async`), so that a
/// page can answer 403, 404 or a redirect, and so that pages without JavaScript are complete.
#[component]
fn Layout() -> impl IntoView {
    use routes::*;
    // Leptos hands a form's error (posted without JavaScript and sent back in the URL) only
    // to actions created inside <Routes>; sign-in and sign-out are created here, above it.
    if let Some((path, err)) = form_note() {
        provide_context(leptos::server::ServerActionError::new(&path, &err));
    }
    Auth::provide();
    view! {
        // target="_self" keeps the router from taking the click, so the browser moves focus
        // to the main content, as a skip link must.
        <a href="#main-content" target="_self" class="govuk-skip-link" data-module="govuk-skip-link">"Skip to main content"</a>
        <Header/>
        <div class="govuk-width-container">
            <PhaseBanner/>
            <main class="govuk-main-wrapper" id="main-content" tabindex="-1">
                {accounts::signed_in().ok().flatten().map(|me| view! {
                    <SessionWarning idle_secs=me.session_idle_secs/>
                })}
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") ssr=SsrMode::Async view=|| view! { <Guarded access=HOME.access><HomePage/></Guarded> }/>
                    <Route path=path!("/actions") ssr=SsrMode::Async view=|| view! { <Guarded access=ACTIONS.access><ActionsPage/></Guarded> }/>
                    <Route path=path!("/actions/new") ssr=SsrMode::Async view=|| view! { <Guarded access=NEW_ACTION.access><NewActionPage/></Guarded> }/>
                    <Route path=path!("/actions/:id") ssr=SsrMode::Async view=|| view! { <Guarded access=ACTION.access><ActionPage/></Guarded> }/>
                    <Route path=path!("/actions/:id/edit") ssr=SsrMode::Async view=|| view! { <Guarded access=EDIT_ACTION.access><EditActionPage/></Guarded> }/>
                    <Route path=path!("/questions") ssr=SsrMode::Async view=|| view! { <Guarded access=QUESTIONS.access><QuestionsPage/></Guarded> }/>
                    <Route path=path!("/questions/new") ssr=SsrMode::Async view=|| view! { <Guarded access=NEW_QUESTION.access><NewQuestionPage/></Guarded> }/>
                    <Route path=path!("/questions/:id") ssr=SsrMode::Async view=|| view! { <Guarded access=QUESTION.access><QuestionPage/></Guarded> }/>
                    <Route path=path!("/questions/:id/edit") ssr=SsrMode::Async view=|| view! { <Guarded access=EDIT_QUESTION.access><EditQuestionPage/></Guarded> }/>
                    <Route path=path!("/public/questions") ssr=SsrMode::Async view=|| view! { <Guarded access=PUBLIC_QUESTIONS.access><PublicQuestionsPage/></Guarded> }/>
                    <Route path=path!("/public/questions/:id") ssr=SsrMode::Async view=|| view! { <Guarded access=PUBLIC_QUESTION.access><PublicQuestionPage/></Guarded> }/>
                    <Route path=path!("/public/actions") ssr=SsrMode::Async view=|| view! { <Guarded access=PUBLIC_ACTIONS.access><PublicActionsPage/></Guarded> }/>
                    <Route path=path!("/public/actions/:id") ssr=SsrMode::Async view=|| view! { <Guarded access=PUBLIC_ACTION.access><PublicActionPage/></Guarded> }/>
                    <Route path=path!("/sign-in") ssr=SsrMode::Async view=|| view! { <Guarded access=SIGN_IN.access><SignInPage/></Guarded> }/>
                    <Route path=path!("/accessibility") ssr=SsrMode::Async view=|| view! { <Guarded access=ACCESSIBILITY.access><AccessibilityPage/></Guarded> }/>
                    <Route path=path!("/public/evidence") ssr=SsrMode::Async view=|| view! { <Guarded access=PUBLIC_EVIDENCE.access><PublicEvidencePage/></Guarded> }/>
                    <Route path=path!("/evidence") ssr=SsrMode::Async view=|| view! { <Guarded access=EVIDENCE.access><EvidencePage/></Guarded> }/>
                    <Route path=path!("/evidence/import") ssr=SsrMode::Async view=|| view! { <Guarded access=EVIDENCE_IMPORT.access><ImportPage/></Guarded> }/>
                    <Route path=path!("/evidence/imports/:id") ssr=SsrMode::Async view=|| view! { <Guarded access=EVIDENCE_IMPORT_RECORD.access><ImportRecordPage/></Guarded> }/>
                    <Route path=path!("/equality") ssr=SsrMode::Async view=|| view! { <Guarded access=EQUALITY.access><EqualityPage/></Guarded> }/>
                    <Route path=path!("/equality/coverage") ssr=SsrMode::Async view=|| view! { <Guarded access=EQUALITY_COVERAGE.access><CoveragePage/></Guarded> }/>
                    <Route path=path!("/equality/report") ssr=SsrMode::Async view=|| view! { <Guarded access=EQUALITY_REPORT.access><ReportPage/></Guarded> }/>
                    <Route path=path!("/equality/contracts") ssr=SsrMode::Async view=|| view! { <Guarded access=CONTRACTS.access><ContractsPage/></Guarded> }/>
                    <Route path=path!("/equality/contracts/:id") ssr=SsrMode::Async view=|| view! { <Guarded access=CONTRACT.access><ContractPage/></Guarded> }/>
                    <Route path=path!("/public/equality") ssr=SsrMode::Async view=|| view! { <Guarded access=PUBLIC_EQUALITY.access><PublicReportsPage/></Guarded> }/>
                    <Route path=path!("/public/equality/:id") ssr=SsrMode::Async view=|| view! { <Guarded access=PUBLIC_EQUALITY_REPORT.access><PublicReportPage/></Guarded> }/>
                    <Route path=path!("/public/equality/:id/versions/:version") ssr=SsrMode::Async view=|| view! { <Guarded access=PUBLIC_EQUALITY_REPORT_VERSION.access><PublicReportPage/></Guarded> }/>
                    <Route path=path!("/evidence/complaints") ssr=SsrMode::Async view=|| view! { <Guarded access=COMPLAINTS.access><ComplaintsPage/></Guarded> }/>
                    <Route path=path!("/evidence/complaints/imports/:id") ssr=SsrMode::Async view=|| view! { <Guarded access=COMPLAINTS_IMPORT.access><ComplaintImportPage/></Guarded> }/>
                    <Route path=path!("/evidence/labels") ssr=SsrMode::Async view=|| view! { <Guarded access=EVIDENCE_LABELS.access><LabelsPage/></Guarded> }/>
                    <Route path=path!("/admin") ssr=SsrMode::Async view=|| view! { <Guarded access=ADMIN_HOME.access><AdminPage/></Guarded> }/>
                    <Route path=path!("/admin/users") ssr=SsrMode::Async view=|| view! { <Guarded access=USERS.access><UsersPage/></Guarded> }/>
                    <Route path=path!("/admin/users/new") ssr=SsrMode::Async view=|| view! { <Guarded access=NEW_USER.access><NewUserPage/></Guarded> }/>
                    <Route path=path!("/admin/users/:id") ssr=SsrMode::Async view=|| view! { <Guarded access=USER.access><EditUserPage/></Guarded> }/>
                    <Route path=path!("/admin/audit") ssr=SsrMode::Async view=|| view! { <Guarded access=AUDIT.access><AuditPage/></Guarded> }/>
                    <Route path=path!("/admin/bank-holidays") ssr=SsrMode::Async view=|| view! { <Guarded access=BANK_HOLIDAYS.access><BankHolidaysPage/></Guarded> }/>
                    <Route path=path!("/admin/topics") ssr=SsrMode::Async view=|| view! { <Guarded access=TOPICS.access><TopicsPage/></Guarded> }/>
                    <Route path=path!("/boards") ssr=SsrMode::Async view=|| view! { <Guarded access=BOARDS.access><BoardsPage/></Guarded> }/>
                    <Route path=path!("/boards/new") ssr=SsrMode::Async view=|| view! { <Guarded access=NEW_BOARD.access><NewBoardPage/></Guarded> }/>
                    <Route path=path!("/boards/:id") ssr=SsrMode::Async view=|| view! { <Guarded access=BOARD.access><BoardPage/></Guarded> }/>
                    <Route path=path!("/boards/:id/edit") ssr=SsrMode::Async view=|| view! { <Guarded access=EDIT_BOARD.access><EditBoardPage/></Guarded> }/>
                    <Route path=path!("/boards/:id/meetings/new") ssr=SsrMode::Async view=|| view! { <Guarded access=NEW_MEETING.access><NewMeetingPage/></Guarded> }/>
                    <Route path=path!("/meetings/:id") ssr=SsrMode::Async view=|| view! { <Guarded access=MEETING.access><MeetingPage/></Guarded> }/>
                    <Route path=path!("/meetings/:id/edit") ssr=SsrMode::Async view=|| view! { <Guarded access=EDIT_MEETING.access><EditMeetingPage/></Guarded> }/>
                    <Route path=path!("/meetings/:id/agenda") ssr=SsrMode::Async view=|| view! { <Guarded access=PRINT_AGENDA.access><PrintAgendaPage/></Guarded> }/>
                    <Route path=path!("/agenda-items/:id") ssr=SsrMode::Async view=|| view! { <Guarded access=AGENDA_ITEM.access><AgendaItemPage/></Guarded> }/>
                    <Route path=path!("/meetings/:id/minutes") ssr=SsrMode::Async view=|| view! { <Guarded access=MINUTES.access><MinutesPage/></Guarded> }/>
                    <Route path=path!("/meetings/:id/minutes/history") ssr=SsrMode::Async view=|| view! { <Guarded access=MINUTES_HISTORY.access><MinutesHistoryPage/></Guarded> }/>
                    <Route path=path!("/invitation/:token") ssr=SsrMode::Async view=|| view! { <Guarded access=INVITATION.access><InvitationPage/></Guarded> }/>
                    <Route path=path!("/search") ssr=SsrMode::Async view=|| view! { <Guarded access=SEARCH.access><SearchPage/></Guarded> }/>
                    <Route path=path!("/account/sessions") ssr=SsrMode::Async view=|| view! { <Guarded access=SESSIONS.access><SessionsPage/></Guarded> }/>
                    <Route path=path!("/account/password") ssr=SsrMode::Async view=|| view! { <Guarded access=PASSWORD.access><PasswordPage/></Guarded> }/>
                    <Route path=path!("/account/two-factor") ssr=SsrMode::Async view=|| view! { <Guarded access=TWO_FACTOR.access><TwoFactorPage/></Guarded> }/>
                    <Route path=path!("/sign-in/code") ssr=SsrMode::Async view=|| view! { <Guarded access=SIGN_IN_CODE.access><SignInCodePage/></Guarded> }/>
                    <Route path=path!("/account/notifications") ssr=SsrMode::Async view=|| view! { <Guarded access=NOTIFICATIONS.access><NotificationsPage/></Guarded> }/>
                    <Route path=path!("/account/calendar") ssr=SsrMode::Async view=|| view! { <Guarded access=CALENDAR_FEED.access><CalendarFeedPage/></Guarded> }/>
                    <Route path=path!("/meetings/:id/briefing") ssr=SsrMode::Async view=|| view! { <Guarded access=BRIEFING.access><BriefingPage/></Guarded> }/>
                    <Route path=path!("/minutes/owner-titles") ssr=SsrMode::Async view=|| view! { <Guarded access=OWNER_TITLES.access><OwnerTitlesPage/></Guarded> }/>
                    <Route path=path!("/words/:id") ssr=SsrMode::Async view=|| view! { <Guarded access=RESPONSE_WORDS.access><ResponseWordsPage/></Guarded> }/>
                    <Route path=path!("/meetings/:id/minutes/actions") ssr=SsrMode::Async view=|| view! { <Guarded access=MINUTES_ACTIONS.access><MinutesActionsPage/></Guarded> }/>
                    <Route path=path!("/public/meetings") ssr=SsrMode::Async view=|| view! { <Guarded access=PUBLIC_MEETINGS.access><PublicMeetingsPage/></Guarded> }/>
                    <Route path=path!("/public/meetings/:id") ssr=SsrMode::Async view=|| view! { <Guarded access=PUBLIC_MEETING.access><PublicMeetingPage/></Guarded> }/>
                    <Route path=path!("/public/meetings/:id/minutes/:version") ssr=SsrMode::Async view=|| view! { <Guarded access=PUBLIC_MINUTES_VERSION.access><PublicMeetingPage/></Guarded> }/>
                </Routes>
            </main>
        </div>
        <Footer/>
    }
}
