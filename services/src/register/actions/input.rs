//! What an action's form holds, parsed into what can be recorded, and the checks on
//! notes and the records an action links to.

use super::*;

/// An action's form as posted; ids are text, as forms send them. Empty means "none".
#[derive(Debug, Clone, Default)]
pub struct ActionInput<'a> {
    pub board: &'a str,
    pub text: &'a str,
    pub topic: &'a str,
    pub meeting: &'a str,
    pub agenda_item: &'a str,
    pub question: &'a str,
    pub owner: &'a str,
    pub owner_name: &'a str,
    pub owner_user: &'a str,
    pub priority: &'a str,
    pub due: &'a str,
    pub published: bool,
    /// Ask before saving a due date that has passed or is not a working day (a form sets
    /// this until the person ticks "keep it"; `due_dates::doubt`).
    pub check_due: bool,
}

/// An action ready to record; links to the board, meeting, item, question and person are
/// checked against the database when it is recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewAction {
    pub board_id: i64,
    pub text: String,
    pub topic_id: i64,
    pub meeting_id: Option<i64>,
    pub agenda_item_id: Option<i64>,
    pub question_id: Option<i64>,
    pub owner: Owner,
    pub owner_name: String,
    pub owner_user_id: Option<i64>,
    pub priority: Priority,
    pub due_on: NaiveDate,
    pub published: bool,
}

fn optional_id(errors: &mut FieldErrors, field: &str, text: &str, message: &str) -> Option<i64> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    match text.parse::<i64>() {
        Ok(id) if id > 0 => Some(id),
        _ => {
            errors.add(field, message);
            None
        }
    }
}

impl NewAction {
    pub fn parse(
        input: &ActionInput<'_>,
        topics: &[Topic],
        today: NaiveDate,
        calendar: &Calendar,
    ) -> Result<NewAction> {
        let mut errors = FieldErrors::new();
        let board = optional_id(&mut errors, "board", input.board, "Choose a board");
        if board.is_none() && input.board.trim().is_empty() {
            errors.add("board", "Choose a board");
        }
        let text = text_field(
            &mut errors,
            "text",
            input.text,
            Some("Enter what must be done"),
            2000,
            "The action",
        );
        let topic = topics::choose(topics, input.topic, &mut errors);
        let meeting = optional_id(&mut errors, "meeting", input.meeting, "Choose a meeting");
        let agenda_item = optional_id(
            &mut errors,
            "agenda_item",
            input.agenda_item,
            "Choose an agenda item",
        );
        let question = optional_id(&mut errors, "question", input.question, "Choose a question");
        let owner = errors.check("owner", Owner::parse(input.owner));
        let owner_name = text_field(
            &mut errors,
            "owner_name",
            input.owner_name,
            Some("Enter the name of the person or team who owns the action"),
            200,
            "The owner's name",
        );
        let owner_user = optional_id(
            &mut errors,
            "owner_user",
            input.owner_user,
            "Choose a person, or leave it empty",
        );
        let priority = errors.check("priority", Priority::parse(input.priority));
        let due = errors.check("due", due_dates::parse(input.due, today, calendar));
        if let Some(doubt) = due
            .filter(|_| input.check_due)
            .and_then(|day| due_dates::doubt_to_confirm(day, today, calendar))
        {
            errors.add(due_dates::CONFIRM_FIELD, doubt);
        }
        if agenda_item.is_some() && meeting.is_none() && input.meeting.trim().is_empty() {
            errors.add(
                "meeting",
                "Choose the meeting the agenda item belongs to, or no agenda item",
            );
        }
        errors.into_result()?;
        match (board, topic, owner, priority, due) {
            (Some(board_id), Some(topic_id), Some(owner), Some(priority), Some(due_on)) => {
                Ok(NewAction {
                    board_id,
                    text,
                    topic_id,
                    meeting_id: meeting,
                    agenda_item_id: agenda_item,
                    question_id: question,
                    owner,
                    owner_name,
                    owner_user_id: owner_user,
                    priority,
                    due_on,
                    published: input.published,
                })
            }
            _ => Err(Error::invalid("text", "Check the action's details")),
        }
    }

    pub(super) fn origin(&self) -> Origin {
        if self.meeting_id.is_some() {
            Origin::Meeting
        } else if self.question_id.is_some() {
            Origin::Question
        } else {
            Origin::Standalone
        }
    }
}

/// The one column (named `parent`) that `sql` selects for row `id`, such as a meeting's
/// board; `None` if there is no such row.
pub(crate) async fn parent(conn: &mut AnyConnection, sql: &str, id: i64) -> Result<Option<i64>> {
    Ok(sqlx::query_scalar(sql)
        .bind(id)
        .fetch_optional(conn)
        .await?)
}

pub(crate) const MEETING_BOARD: &str = "SELECT board_id AS parent FROM meetings WHERE id = $1";
