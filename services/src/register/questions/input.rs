//! What a question's form holds, parsed into a question that can be recorded.

use super::*;

/// A question's form as posted.
#[derive(Debug, Clone, Default)]
pub struct QuestionInput<'a> {
    pub board: &'a str,
    pub topic: &'a str,
    pub text: &'a str,
    pub context: &'a str,
    pub meeting: &'a str,
    pub asked_on: &'a str,
    pub due: &'a str,
    /// Ask before saving a due date that has passed or is not a working day
    /// (`due_dates::doubt`); a form sets this until the person ticks "keep it".
    pub check_due: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewQuestion {
    pub board_id: i64,
    pub topic_id: i64,
    pub text: String,
    pub context: String,
    pub meeting_id: Option<i64>,
    pub asked_on: NaiveDate,
    pub due_on: NaiveDate,
}

impl NewQuestion {
    /// "N working days" in the due date counts from the day asked.
    pub fn parse(
        input: &QuestionInput<'_>,
        topics: &[Topic],
        today: NaiveDate,
        calendar: &Calendar,
    ) -> Result<NewQuestion> {
        let mut errors = FieldErrors::new();
        let board = input.board.trim().parse::<i64>().ok();
        if board.is_none() {
            errors.add("board", "Choose a board");
        }
        let topic = topics::choose(topics, input.topic, &mut errors);
        let text = text_field(
            &mut errors,
            "text",
            input.text,
            Some("Enter the question"),
            2000,
            "The question",
        );
        let context = check_note(&mut errors, "context", input.context, None);
        let meeting = match input.meeting.trim() {
            "" => None,
            text => match text.parse::<i64>() {
                Ok(id) => Some(id),
                Err(_) => {
                    errors.add("meeting", "Choose a meeting, or \"In writing\"");
                    None
                }
            },
        };
        let asked_on = if input.asked_on.trim().is_empty() {
            Some(today)
        } else {
            errors.check("asked_on", due_dates::parse_day(input.asked_on))
        };
        let due = errors.check(
            "due",
            due_dates::parse(input.due, asked_on.unwrap_or(today), calendar),
        );
        if let (Some(asked), Some(due)) = (asked_on, due) {
            if due < asked {
                errors.add(
                    "due",
                    "The answer cannot be due before the question is asked",
                );
            } else if let Some(doubt) = input
                .check_due
                .then(|| due_dates::doubt_to_confirm(due, today, calendar))
                .flatten()
            {
                errors.add(due_dates::CONFIRM_FIELD, doubt);
            }
        }
        errors.into_result()?;
        match (board, topic, asked_on, due) {
            (Some(board_id), Some(topic_id), Some(asked_on), Some(due_on)) => Ok(NewQuestion {
                board_id,
                topic_id,
                text,
                context,
                meeting_id: meeting,
                asked_on,
                due_on,
            }),
            _ => Err(Error::invalid("text", "Check the question's details")),
        }
    }
}
