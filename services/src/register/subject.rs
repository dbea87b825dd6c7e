//! What a timeline entry, a claim or an email about a step is about: an action or a question.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Action,
    Question,
}

impl std::str::FromStr for Subject {
    type Err = String;
    fn from_str(text: &str) -> Result<Subject, String> {
        Subject::parse(text)
    }
}

impl Subject {
    pub fn table(self) -> &'static str {
        match self {
            Subject::Action => "actions",
            Subject::Question => "questions",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Subject::Action => "action",
            Subject::Question => "question",
        }
    }

    pub fn parse(text: &str) -> Result<Subject, String> {
        match text {
            "action" => Ok(Subject::Action),
            "question" => Ok(Subject::Question),
            other => Err(format!("Unknown kind of record: {other}")),
        }
    }
}
