//! The words of stop-and-search evidence: the broad ethnic groups rates are given for, the
//! outcomes a search can have, which ethnicity a figure counts by, and the kinds of search.

closed_set!(
    /// The broad ethnic groups of the Census, which population tables give and rates compare.
    BroadGroup, "Choose an ethnic group: Asian, Black, Mixed, White or Other", {
        Asian => ("asian", "Asian"),
        Black => ("black", "Black"),
        Mixed => ("mixed", "Mixed"),
        White => ("white", "White"),
        Other => ("other", "Other"),
    }
);

impl BroadGroup {
    /// The groups compared with White, in the order tables show them.
    pub const COMPARED: &'static [BroadGroup] = &[
        BroadGroup::Asian,
        BroadGroup::Black,
        BroadGroup::Mixed,
        BroadGroup::Other,
    ];

    /// The group's people as a resident says it: "Black people", "people of mixed
    /// ethnicity".
    pub fn people(self) -> &'static str {
        match self {
            BroadGroup::Asian => "Asian people",
            BroadGroup::Black => "Black people",
            BroadGroup::Mixed => "People of mixed ethnicity",
            BroadGroup::White => "White people",
            BroadGroup::Other => "People of other ethnic groups",
        }
    }

    /// The group named as the Census and data.police.uk's officer-defined column name it
    /// ("Asian", "Black", …), in any case.
    pub fn from_label(text: &str) -> Option<BroadGroup> {
        let text = text.trim();
        BroadGroup::ALL
            .iter()
            .copied()
            .find(|g| g.label().eq_ignore_ascii_case(text))
    }
}

closed_set!(
    /// What a search led to, in today's words; older files' labels map onto these
    /// (the outcome labels table, shown on the evidence pages).
    Outcome, "Unknown outcome", {
        NoFurtherAction => ("no_further_action", "A no further action disposal"),
        Arrest => ("arrest", "Arrest"),
        CommunityResolution => ("community_resolution", "Community resolution"),
        DrugsWarning => ("drugs_warning", "Khat or Cannabis warning"),
        PenaltyNotice => ("penalty_notice", "Penalty Notice for Disorder"),
        Summons => ("summons", "Summons / charged by post"),
        Caution => ("caution", "Caution (simple or conditional)"),
        FoundNoDetail => ("found_no_detail", "Article found – detailed outcome unavailable"),
    }
);

closed_set!(
    /// The columns whose labels the office maps: self-defined ethnicity to a broad group
    /// (or not stated), and outcomes to today's.
    LabelKind, "Unknown kind of label", {
        Ethnicity => ("ethnicity", "Self-defined ethnicity"),
        Outcome => ("outcome", "Outcome"),
    }
);

closed_set!(
    /// Whose account of a person's ethnicity a figure counts by.
    EthnicityBasis, "Choose self-defined or officer-defined ethnicity", {
        SelfDefined => ("self", "Self-defined ethnicity"),
        OfficerDefined => ("officer", "Officer-defined ethnicity"),
    }
);

closed_set!(
    /// What was searched. Only searches of persons count towards rates per 1,000 people.
    SearchType, "Unknown type of search", {
        Person => ("person", "Person search"),
        PersonAndVehicle => ("person_and_vehicle", "Person and Vehicle search"),
        Vehicle => ("vehicle", "Vehicle search"),
    }
);

impl SearchType {
    /// The type as data.police.uk writes it.
    pub fn from_label(text: &str) -> Option<SearchType> {
        let text = text.trim();
        SearchType::ALL
            .iter()
            .copied()
            .find(|t| t.label().eq_ignore_ascii_case(text))
    }

    pub fn of_a_person(self) -> bool {
        self != SearchType::Vehicle
    }
}

closed_set!(
    /// The person searched, as data.police.uk records it.
    Gender, "Unknown gender", {
        Male => ("male", "Male"),
        Female => ("female", "Female"),
        Other => ("other", "Other"),
    }
);

impl Gender {
    pub fn from_label(text: &str) -> Option<Gender> {
        let text = text.trim();
        Gender::ALL
            .iter()
            .copied()
            .find(|g| g.label().eq_ignore_ascii_case(text))
    }
}

closed_set!(
    /// The age bands data.police.uk gives.
    AgeRange, "Unknown age range", {
        Under10 => ("under_10", "under 10"),
        From10To17 => ("10_17", "10-17"),
        From18To24 => ("18_24", "18-24"),
        From25To34 => ("25_34", "25-34"),
        Over34 => ("over_34", "over 34"),
    }
);

impl AgeRange {
    pub fn from_label(text: &str) -> Option<AgeRange> {
        let text = text.trim();
        AgeRange::ALL
            .iter()
            .copied()
            .find(|a| a.label().eq_ignore_ascii_case(text))
    }
}

closed_set!(
    /// Why an upload was refused before any row was read. The code travels back to the form
    /// page in its address; the message is fixed here, never text from the address.
    UploadProblem, "Unknown problem", {
        NoFile => ("no-file", "Choose a file to import"),
        NoForce => ("force", "The file name does not say which force: choose the force"),
        NoMonth => ("month", "The file name does not say which month: enter it, like 2026-09"),
        BadForce => ("bad-force", "Choose a police force from the list"),
        BadMonth => ("bad-month", "Enter the month like 2026-09"),
        NotZip => ("not-zip", "The file could not be opened as a zip: choose the zip data.police.uk gave you, or its CSV files"),
        EmptyZip => ("empty-zip", "The zip holds no stop and search files (named like 2026-09-west-midlands-stop-and-search.csv)"),
        TooLarge => ("too-large", "The upload is larger than Scrutineer takes at once (1 GB): import the months in parts"),
        ZipTooLarge => ("zip-too-large", "The zip unpacks to more than Scrutineer takes at once (1 GB a file, 2 GB in all, or far more than such files compress to): import the months in parts"),
    }
);

impl UploadProblem {
    /// The form field the message is shown beside.
    pub fn field(self) -> &'static str {
        match self {
            UploadProblem::NoForce | UploadProblem::BadForce => "force",
            UploadProblem::NoMonth | UploadProblem::BadMonth => "month",
            _ => "file",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_police_uk_labels_are_read_in_any_case() {
        assert_eq!(BroadGroup::from_label(" black "), Some(BroadGroup::Black));
        assert_eq!(BroadGroup::from_label("Purple"), None);
        assert_eq!(
            SearchType::from_label("Person and Vehicle search"),
            Some(SearchType::PersonAndVehicle)
        );
        assert!(!SearchType::Vehicle.of_a_person());
        assert_eq!(AgeRange::from_label("over 34"), Some(AgeRange::Over34));
        assert_eq!(Gender::from_label("female"), Some(Gender::Female));
    }
}
