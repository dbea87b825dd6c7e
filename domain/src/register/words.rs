//! The register's closed sets — statuses, owners, priorities, origins, timeline steps,
//! emails, decisions — and how a deadline stands today.

use serde::{Deserialize, Serialize};

closed_set!(
    /// Where an action stands. The force works on it while it is open or further
    /// information is requested; the OPCC judges a submitted response.
    ActionStatus, "Unknown action status", {
        Open => ("open", "Open"),
        ResponseSubmitted => ("response_submitted", "Response submitted"),
        FurtherInformationRequested => ("further_information_requested", "Further information requested"),
        Closed => ("closed", "Closed"),
        Withdrawn => ("withdrawn", "Withdrawn"),
    }
);

impl ActionStatus {
    /// The status in words a resident would use, for the public pages.
    pub fn public_label(self) -> &'static str {
        match self {
            ActionStatus::Open => "Waiting for a response",
            ActionStatus::ResponseSubmitted => {
                "Response received: the Commissioner is considering it"
            }
            ActionStatus::FurtherInformationRequested => "The Commissioner has asked for more",
            ActionStatus::Closed => "Done: the Commissioner accepted the response",
            ActionStatus::Withdrawn => "Withdrawn",
        }
    }

    /// Where the action stands and how assured the Commissioner was, told together for a
    /// resident: "Closed. The Commissioner was not assured." — never "Done" beside "Not
    /// assured". A follow-up action, if one was set, is named after it by the page.
    pub fn story(self, assurance: Option<crate::equality::Assurance>) -> String {
        use crate::equality::Assurance;
        match (self, assurance) {
            (ActionStatus::Closed, Some(Assurance::Assured)) => {
                "Closed. The Commissioner was assured by the response.".to_owned()
            }
            (ActionStatus::Closed, Some(Assurance::PartlyAssured)) => {
                "Closed. The Commissioner was partly assured by the response.".to_owned()
            }
            (ActionStatus::Closed, Some(Assurance::NotAssured)) => {
                "Closed. The Commissioner was not assured by the response.".to_owned()
            }
            (status, _) => status.public_label().to_owned(),
        }
    }

    /// Not yet closed or withdrawn.
    pub fn is_live(self) -> bool {
        !matches!(self, ActionStatus::Closed | ActionStatus::Withdrawn)
    }

    /// The owner owes a response: only these states can be overdue.
    pub fn awaits_owner(self) -> bool {
        matches!(
            self,
            ActionStatus::Open | ActionStatus::FurtherInformationRequested
        )
    }
}

closed_set!(
    /// The register's orders, by the key its address carries (`sort=`); due date first is
    /// the default.
    RegisterSort, "Choose how to sort the register", {
        Due => ("due", "Due date, earliest first"),
        DueDesc => ("due_desc", "Due date, latest first"),
        Reference => ("reference", "Reference"),
        Priority => ("priority", "Priority, highest first"),
        Updated => ("updated", "Last changed, newest first"),
    }
);

closed_set!(
    /// Who must carry an action out.
    Owner, "Choose who owns the action: the force, the OPCC or a partner", {
        Force => ("force", "Force"),
        Opcc => ("opcc", "OPCC"),
        Partner => ("partner", "Partner"),
    }
);

impl Owner {
    /// Whose words an owner's response is, as the public reads them: "The force (Head of
    /// PSD)", "The OPCC", "Community Scrutiny Panel" — a partner by its name.
    pub fn speaker(self, name: &str) -> String {
        let name = name.trim();
        let plain = name.is_empty()
            || name.eq_ignore_ascii_case(self.label())
            || name.eq_ignore_ascii_case("the force")
            || name.eq_ignore_ascii_case("the OPCC");
        match (self, plain) {
            (Owner::Force, true) => "The force".to_owned(),
            (Owner::Force, false) => format!("The force ({name})"),
            (Owner::Opcc, true) => "The OPCC".to_owned(),
            (Owner::Opcc, false) => format!("The OPCC ({name})"),
            (Owner::Partner, true) => "A partner".to_owned(),
            (Owner::Partner, false) => name.to_owned(),
        }
    }

    /// Who owns an action, as a page says it: "OPCC: Policy Officer", or just "OPCC" when the
    /// name says no more than the organisation ("OPCC", "The force", or nothing).
    pub fn with_name(self, name: &str) -> String {
        let name = name.trim();
        let says_nothing = name.is_empty()
            || name.eq_ignore_ascii_case(self.label())
            || name.eq_ignore_ascii_case("the force")
            || name.eq_ignore_ascii_case("the OPCC");
        if says_nothing {
            self.label().to_owned()
        } else {
            format!("{}: {name}", self.label())
        }
    }
}

closed_set!(
    Priority, "Choose a priority: high, medium or low", {
        High => ("high", "High"),
        Medium => ("medium", "Medium"),
        Low => ("low", "Low"),
    }
);

closed_set!(
    /// Where the action came from.
    Origin, "Choose where the action came from", {
        Meeting => ("meeting", "A board meeting"),
        Question => ("question", "A question"),
        Standalone => ("standalone", "Standalone"),
    }
);

closed_set!(
    /// A question's life: drafted by the OPCC, put to the force, answered, judged.
    /// The labels are the one set used wherever a question's status is shown to staff
    /// (tags, filters, refusals, emails); the public reads [`QuestionStatus::public_label`].
    QuestionStatus, "Unknown question status", {
        Draft => ("draft", "Draft (not yet put)"),
        AwaitingAnswer => ("awaiting_answer", "Awaiting answer"),
        Answered => ("answered", "Answered (to be assessed)"),
        Satisfactory => ("satisfactory", "Answer satisfactory"),
        FurtherInformationRequested => ("further_information_requested", "Further information requested"),
        Withdrawn => ("withdrawn", "Withdrawn"),
    }
);

impl QuestionStatus {
    /// The status in words a resident would use, for the public pages.
    pub fn public_label(self) -> &'static str {
        match self {
            QuestionStatus::Draft | QuestionStatus::AwaitingAnswer => {
                "Waiting for the force's answer"
            }
            QuestionStatus::Answered => "Answered: the Commissioner is considering it",
            QuestionStatus::Satisfactory => "Answered: the Commissioner is satisfied",
            QuestionStatus::FurtherInformationRequested => "The Commissioner has asked for more",
            QuestionStatus::Withdrawn => "Withdrawn by the Commissioner",
        }
    }

    /// Where the question stands and how assured the Commissioner was, told together.
    pub fn story(self, assurance: Option<crate::equality::Assurance>) -> String {
        use crate::equality::Assurance;
        let level = match assurance {
            Some(Assurance::Assured) => "assured",
            Some(Assurance::PartlyAssured) => "partly assured",
            Some(Assurance::NotAssured) => "not assured",
            None => return self.public_label().to_owned(),
        };
        match self {
            QuestionStatus::Satisfactory | QuestionStatus::FurtherInformationRequested => {
                format!(
                    "{} The Commissioner is {level} by the answer.",
                    match self {
                        QuestionStatus::Satisfactory => "Answered.",
                        _ => "The Commissioner has asked for more.",
                    }
                )
            }
            _ => self.public_label().to_owned(),
        }
    }

    /// What the "owed an answer" filter and queues group together.
    pub const OWED_LABEL: &'static str = "Awaiting answer or further information";

    /// Put to the force and not yet finished with: it can still be corrected (with a
    /// reason) or withdrawn.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            QuestionStatus::AwaitingAnswer
                | QuestionStatus::Answered
                | QuestionStatus::FurtherInformationRequested
        )
    }

    /// The force owes an answer.
    pub fn awaits_answer(self) -> bool {
        matches!(
            self,
            QuestionStatus::AwaitingAnswer | QuestionStatus::FurtherInformationRequested
        )
    }
}

closed_set!(
    /// A step in an action's or a question's timeline: stored as its key
    /// (`timeline_entries.kind`, and the audit event `action.<key>` / `question.<key>`), read
    /// as its label.
    Step, "Unknown timeline step", {
        Created => ("created", "Recorded"),
        CreatedFromMinutes => ("created_from_minutes", "Recorded from the minutes"),
        PutToForce => ("put_to_force", "Put to the force"),
        Response => ("response", "Response submitted"),
        Answer => ("answer", "Answer given"),
        Accepted => ("accepted", "Response accepted: action closed"),
        Satisfactory => ("satisfactory", "Answer judged satisfactory"),
        FurtherInformationRequested => ("further_information_requested", "Further information requested"),
        Withdrawn => ("withdrawn", "Withdrawn"),
        ExtensionRequested => ("extension_requested", "Extension requested"),
        ExtensionApproved => ("extension_approved", "Extension approved"),
        ExtensionRefused => ("extension_refused", "Extension refused"),
        Edited => ("edited", "Details edited"),
        Corrected => ("corrected", "Corrected after it was put to the force"),
        Published => ("published", "Published"),
        Unpublished => ("unpublished", "Made private"),
    }
);

impl Step {
    /// Who took the step, in a resident's words, for the public pages; `None` for steps the
    /// public is not shown (edits, requests, publishing).
    pub fn public_by(self) -> Option<&'static str> {
        match self {
            Step::Created | Step::CreatedFromMinutes => Some("The board"),
            Step::PutToForce
            | Step::Accepted
            | Step::Satisfactory
            | Step::FurtherInformationRequested
            | Step::Withdrawn
            | Step::ExtensionApproved => Some("The Commissioner"),
            Step::Response | Step::Answer => Some("The force"),
            Step::ExtensionRequested
            | Step::ExtensionRefused
            | Step::Edited
            | Step::Corrected
            | Step::Published
            | Step::Unpublished => None,
        }
    }
}

closed_set!(
    /// How a response reached the office: submitted in Scrutineer by its author, or
    /// received otherwise and recorded by the OPCC.
    Channel, "Choose how the response was received", {
        Scrutineer => ("scrutineer", "In Scrutineer"),
        Letter => ("letter", "By letter"),
        Email => ("email", "By email"),
        Meeting => ("meeting", "At a meeting"),
    }
);

closed_set!(
    /// What the public reads of a response or an answer, as the office chose: its author's
    /// words (less any redacted phrases), or the office's summary instead.
    Publication, "Choose what the public reads", {
        Written => ("written", "Its words as written, less any phrases redacted below"),
        Summary => ("summary", "A summary written by the office instead"),
    }
);

closed_set!(
    /// Why a phrase of a response or an answer is kept from the public; the public reads
    /// "[redacted: personal information]" in its place.
    RedactionReason, "Choose why the phrase is redacted", {
        PersonalInformation => ("personal_information", "personal information"),
        OperationallySensitive => ("operationally_sensitive", "operationally sensitive"),
        LegalAdvice => ("legal_advice", "legal advice"),
        ThirdParty => ("third_party", "another organisation's information"),
        CommerciallySensitive => ("commercially_sensitive", "commercially sensitive"),
    }
);

closed_set!(
    /// The events someone can be emailed about, each a job for them.
    Notice, "Unknown kind of email", {
        QuestionPut => ("question_put", "A question is put to the force, corrected or withdrawn"),
        FurtherInformation => ("further_information", "The Commissioner asks for further information"),
        ResponseSubmitted => ("response_submitted", "The force submits a response or answers a question"),
        ExtensionRequested => ("extension_requested", "Someone asks for more time on an action"),
        ExtensionDecided => ("extension_decided", "A request for more time is decided"),
    }
);

closed_set!(
    /// The Commissioner's answer to a request for more time.
    ExtensionDecision, "Choose approve or refuse", {
        Approve => ("approve", "Approve the new due date"),
        Refuse => ("refuse", "Refuse: keep the current due date"),
    }
);

closed_set!(
    /// An extension request's outcome.
    ExtensionStatus, "Unknown extension status", {
        Pending => ("pending", "Awaiting a decision"),
        Approved => ("approved", "Approved"),
        Refused => ("refused", "Refused"),
        Lapsed => ("lapsed", "Lapsed: the action ended first"),
    }
);

/// How a deadline stands today. Derived, never stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DueState {
    /// Nothing owed by the owner now (closed, withdrawn, or a response awaits judging).
    Settled,
    OnTrack,
    /// Due within the configured number of days (today included).
    DueSoon,
    Overdue,
}

impl DueState {
    /// From the status, the due date and today (all `YYYY-MM-DD`), and the last day that
    /// still counts as "soon".
    pub fn derive(awaiting: bool, due_on: &str, today: &str, soon_until: &str) -> DueState {
        if !awaiting {
            DueState::Settled
        } else if due_on < today {
            DueState::Overdue
        } else if due_on <= soon_until {
            DueState::DueSoon
        } else {
            DueState::OnTrack
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            DueState::Settled => "",
            DueState::OnTrack => "On track",
            DueState::DueSoon => "Due soon",
            DueState::Overdue => "Overdue",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeline_steps_read_back_and_keep_internal_ones_from_the_public() {
        for step in Step::ALL {
            assert_eq!(Step::parse(step.as_str()), Ok(*step));
        }
        assert!(Step::parse("updated").is_err());
        assert_eq!(Step::Response.public_by(), Some("The force"));
        use crate::equality::Assurance;
        assert_eq!(
            ActionStatus::Closed.story(Some(Assurance::NotAssured)),
            "Closed. The Commissioner was not assured by the response."
        );
        assert_eq!(
            ActionStatus::Closed.story(None),
            "Done: the Commissioner accepted the response"
        );
        assert_eq!(
            QuestionStatus::Satisfactory.story(Some(Assurance::PartlyAssured)),
            "Answered. The Commissioner is partly assured by the answer."
        );
        for status in ActionStatus::ALL {
            for level in Assurance::ALL {
                let story = status.story(Some(*level));
                assert!(
                    !(story.contains("Done") && *level != Assurance::Assured),
                    "{story}"
                );
            }
        }
        assert_eq!(Step::Withdrawn.public_by(), Some("The Commissioner"));
        for internal in [Step::Edited, Step::Corrected, Step::ExtensionRequested] {
            assert_eq!(internal.public_by(), None, "{internal:?}");
        }
        assert_eq!(
            ExtensionDecision::parse("refuse"),
            Ok(ExtensionDecision::Refuse)
        );
    }

    #[test]
    fn due_state_is_derived_from_today() {
        let derive = |awaiting, due| DueState::derive(awaiting, due, "2026-11-23", "2026-12-07");
        assert_eq!(derive(true, "2026-11-22"), DueState::Overdue);
        assert_eq!(derive(true, "2026-11-23"), DueState::DueSoon);
        assert_eq!(derive(true, "2026-12-07"), DueState::DueSoon);
        assert_eq!(derive(true, "2026-12-08"), DueState::OnTrack);
        assert_eq!(derive(false, "2020-01-01"), DueState::Settled);
    }

    #[test]
    fn only_states_awaiting_the_owner_can_be_overdue() {
        let awaiting: Vec<_> = ActionStatus::ALL
            .iter()
            .filter(|s| s.awaits_owner())
            .collect();
        assert_eq!(
            awaiting,
            [
                &ActionStatus::Open,
                &ActionStatus::FurtherInformationRequested
            ]
        );
        assert!(!ActionStatus::Withdrawn.is_live());
        assert!(ActionStatus::ResponseSubmitted.is_live());
    }
}
