//! The fixed words of the public sector equality duty (Equality Act 2010, s.149): its three
//! aims with what "due regard" to them includes, the nine protected characteristics, the
//! groups an OPCC's objectives are set under, progress ratings and assurance levels.

closed_set!(
    /// The three aims of the general equality duty.
    Aim, "Choose an aim of the equality duty", {
        EliminateDiscrimination => ("eliminate_discrimination", "Eliminate discrimination, harassment and victimisation"),
        AdvanceEquality => ("advance_equality", "Advance equality of opportunity"),
        FosterGoodRelations => ("foster_good_relations", "Foster good relations"),
    }
);

impl Aim {
    /// The aim in the Act's words.
    pub fn wording(self) -> &'static str {
        match self {
            Aim::EliminateDiscrimination => "Eliminate discrimination, harassment, victimisation and any other conduct that is prohibited by or under the Equality Act",
            Aim::AdvanceEquality => "Advance equality of opportunity between persons who share a relevant protected characteristic and persons who do not share it",
            Aim::FosterGoodRelations => "Foster good relations between persons who share a relevant protected characteristic and persons who do not share it",
        }
    }

    /// What having due regard to the aim includes (s.149(3) and (5)).
    pub fn due_regard(self) -> &'static [&'static str] {
        match self {
            Aim::EliminateDiscrimination => &[],
            Aim::AdvanceEquality => &[
                "Removing or minimising disadvantages suffered by persons who share a relevant protected characteristic that are connected to that characteristic",
                "Taking steps to meet the needs of persons who share a relevant protected characteristic that are different from the needs of persons who do not share it",
                "Encouraging persons who share a relevant protected characteristic to participate in public life or in any other activity in which participation by such persons is disproportionately low",
            ],
            Aim::FosterGoodRelations => &["Tackling prejudice", "Promoting understanding"],
        }
    }
}

closed_set!(
    /// The nine protected characteristics (Equality Act 2010, s.4).
    Characteristic, "Choose a protected characteristic", {
        Age => ("age", "Age"),
        Disability => ("disability", "Disability"),
        GenderReassignment => ("gender_reassignment", "Gender reassignment"),
        MarriageCivilPartnership => ("marriage_civil_partnership", "Marriage and civil partnership"),
        PregnancyMaternity => ("pregnancy_maternity", "Pregnancy and maternity"),
        Race => ("race", "Race"),
        ReligionBelief => ("religion_belief", "Religion or belief"),
        Sex => ("sex", "Sex"),
        SexualOrientation => ("sexual_orientation", "Sexual orientation"),
    }
);

closed_set!(
    /// The groups equality objectives are set under.
    ObjectiveGroup, "Choose Our Communities, Our Organisation or Our Partners", {
        Communities => ("communities", "Our Communities"),
        Organisation => ("organisation", "Our Organisation"),
        Partners => ("partners", "Our Partners"),
    }
);

closed_set!(
    /// How an objective is progressing, as its owner reports it.
    Rating, "Choose on track, at risk or off track", {
        OnTrack => ("on_track", "On track"),
        AtRisk => ("at_risk", "At risk"),
        OffTrack => ("off_track", "Off track"),
    }
);

closed_set!(
    /// How assured the Commissioner is by a response or an answer: a fact apart from
    /// whether the force says the work is done.
    Assurance, "Choose assured, partly assured or not assured", {
        Assured => ("assured", "Assured"),
        PartlyAssured => ("partly_assured", "Partly assured"),
        NotAssured => ("not_assured", "Not assured"),
    }
);

/// What a question or action concerns: an equality objective (by id), an aim of the duty
/// or a protected characteristic. Stored and submitted as `objective:<id>`, `aim:<aim>`,
/// `characteristic:<characteristic>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    Objective(i64),
    Aim(Aim),
    Characteristic(Characteristic),
}

impl Tag {
    pub fn key(self) -> String {
        match self {
            Tag::Objective(id) => format!("objective:{id}"),
            Tag::Aim(aim) => format!("aim:{}", aim.as_str()),
            Tag::Characteristic(c) => format!("characteristic:{}", c.as_str()),
        }
    }

    /// Reads a tag's key (`objective:7`, `aim:…`, `characteristic:…`).
    pub fn parse(text: &str) -> Result<Tag, String> {
        let refused = || {
            format!(
                "\"{}\" is not an equality objective, aim or protected characteristic",
                text.trim()
            )
        };
        let (kind, value) = text.trim().split_once(':').ok_or_else(refused)?;
        match kind {
            "objective" => value
                .parse::<i64>()
                .ok()
                .filter(|id| *id > 0)
                .map(Tag::Objective)
                .ok_or_else(refused),
            "aim" => Aim::parse(value).map(Tag::Aim).map_err(|_| refused()),
            "characteristic" => Characteristic::parse(value)
                .map(Tag::Characteristic)
                .map_err(|_| refused()),
            _ => Err(refused()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip_and_refuse_strangers() {
        for tag in [
            Tag::Objective(12),
            Tag::Aim(Aim::FosterGoodRelations),
            Tag::Characteristic(Characteristic::ReligionBelief),
        ] {
            assert_eq!(Tag::parse(&tag.key()), Ok(tag));
        }
        for bad in [
            "objective:0",
            "objective:x",
            "aim:be_nice",
            "colour:blue",
            "race",
            "",
        ] {
            assert!(Tag::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn nine_characteristics_three_aims() {
        assert_eq!(Characteristic::ALL.len(), 9);
        assert_eq!(Aim::ALL.len(), 3);
        assert_eq!(Aim::AdvanceEquality.due_regard().len(), 3);
    }
}

closed_set!(
    /// What binds a provider to the duty: a contract for services, or a grant of funding.
    ContractKind, "Choose contract or grant", {
        Contract => ("contract", "Contract"),
        Grant => ("grant", "Grant"),
    }
);

impl std::str::FromStr for Tag {
    type Err = String;
    fn from_str(text: &str) -> Result<Tag, String> {
        Tag::parse(text)
    }
}
