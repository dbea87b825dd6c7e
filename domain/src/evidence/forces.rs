//! The police forces of England and Wales as data.police.uk names them (the slug in its file
//! names), with the code of the police force area whose population their rates use.

use serde::{Deserialize, Serialize};

/// A police force. `area_code` is the ONS code of its police force area (E23…, W15…), or
/// empty for a force with no area of its own (British Transport Police).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Force {
    pub slug: &'static str,
    pub name: &'static str,
    pub area_code: &'static str,
}

/// Every force whose files data.police.uk publishes for England and Wales.
pub const FORCES: &[Force] = &[
    Force {
        slug: "avon-and-somerset",
        name: "Avon and Somerset",
        area_code: "E23000036",
    },
    Force {
        slug: "bedfordshire",
        name: "Bedfordshire",
        area_code: "E23000026",
    },
    Force {
        slug: "btp",
        name: "British Transport Police",
        area_code: "",
    },
    Force {
        slug: "cambridgeshire",
        name: "Cambridgeshire",
        area_code: "E23000023",
    },
    Force {
        slug: "cheshire",
        name: "Cheshire",
        area_code: "E23000006",
    },
    Force {
        slug: "city-of-london",
        name: "City of London",
        area_code: "E23000034",
    },
    Force {
        slug: "cleveland",
        name: "Cleveland",
        area_code: "E23000013",
    },
    Force {
        slug: "cumbria",
        name: "Cumbria",
        area_code: "E23000002",
    },
    Force {
        slug: "derbyshire",
        name: "Derbyshire",
        area_code: "E23000018",
    },
    Force {
        slug: "devon-and-cornwall",
        name: "Devon and Cornwall",
        area_code: "E23000035",
    },
    Force {
        slug: "dorset",
        name: "Dorset",
        area_code: "E23000039",
    },
    Force {
        slug: "durham",
        name: "Durham",
        area_code: "E23000008",
    },
    Force {
        slug: "dyfed-powys",
        name: "Dyfed-Powys",
        area_code: "W15000004",
    },
    Force {
        slug: "essex",
        name: "Essex",
        area_code: "E23000028",
    },
    Force {
        slug: "gloucestershire",
        name: "Gloucestershire",
        area_code: "E23000037",
    },
    Force {
        slug: "greater-manchester",
        name: "Greater Manchester",
        area_code: "E23000005",
    },
    Force {
        slug: "gwent",
        name: "Gwent",
        area_code: "W15000002",
    },
    Force {
        slug: "hampshire",
        name: "Hampshire",
        area_code: "E23000030",
    },
    Force {
        slug: "hertfordshire",
        name: "Hertfordshire",
        area_code: "E23000027",
    },
    Force {
        slug: "humberside",
        name: "Humberside",
        area_code: "E23000012",
    },
    Force {
        slug: "kent",
        name: "Kent",
        area_code: "E23000032",
    },
    Force {
        slug: "lancashire",
        name: "Lancashire",
        area_code: "E23000003",
    },
    Force {
        slug: "leicestershire",
        name: "Leicestershire",
        area_code: "E23000021",
    },
    Force {
        slug: "lincolnshire",
        name: "Lincolnshire",
        area_code: "E23000020",
    },
    Force {
        slug: "merseyside",
        name: "Merseyside",
        area_code: "E23000004",
    },
    Force {
        slug: "metropolitan",
        name: "Metropolitan Police Service",
        area_code: "E23000001",
    },
    Force {
        slug: "norfolk",
        name: "Norfolk",
        area_code: "E23000024",
    },
    Force {
        slug: "north-wales",
        name: "North Wales",
        area_code: "W15000001",
    },
    Force {
        slug: "north-yorkshire",
        name: "North Yorkshire",
        area_code: "E23000009",
    },
    Force {
        slug: "northamptonshire",
        name: "Northamptonshire",
        area_code: "E23000022",
    },
    Force {
        slug: "northumbria",
        name: "Northumbria",
        area_code: "E23000007",
    },
    Force {
        slug: "nottinghamshire",
        name: "Nottinghamshire",
        area_code: "E23000019",
    },
    Force {
        slug: "south-wales",
        name: "South Wales",
        area_code: "W15000003",
    },
    Force {
        slug: "south-yorkshire",
        name: "South Yorkshire",
        area_code: "E23000011",
    },
    Force {
        slug: "staffordshire",
        name: "Staffordshire",
        area_code: "E23000015",
    },
    Force {
        slug: "suffolk",
        name: "Suffolk",
        area_code: "E23000025",
    },
    Force {
        slug: "surrey",
        name: "Surrey",
        area_code: "E23000031",
    },
    Force {
        slug: "sussex",
        name: "Sussex",
        area_code: "E23000033",
    },
    Force {
        slug: "thames-valley",
        name: "Thames Valley",
        area_code: "E23000029",
    },
    Force {
        slug: "warwickshire",
        name: "Warwickshire",
        area_code: "E23000017",
    },
    Force {
        slug: "west-mercia",
        name: "West Mercia",
        area_code: "E23000016",
    },
    Force {
        slug: "west-midlands",
        name: "West Midlands",
        area_code: "E23000014",
    },
    Force {
        slug: "west-yorkshire",
        name: "West Yorkshire",
        area_code: "E23000010",
    },
    Force {
        slug: "wiltshire",
        name: "Wiltshire",
        area_code: "E23000038",
    },
];

impl Force {
    pub fn by_slug(slug: &str) -> Option<Force> {
        let slug = slug.trim();
        FORCES.iter().copied().find(|f| f.slug == slug)
    }

    pub fn by_area_code(code: &str) -> Option<Force> {
        let code = code.trim();
        FORCES
            .iter()
            .copied()
            .find(|f| !f.area_code.is_empty() && f.area_code.eq_ignore_ascii_case(code))
    }
}

/// What a data.police.uk file's name says: `2026-09-west-midlands-stop-and-search.csv`
/// (in a folder or not) gives the month and the force.
pub fn stop_search_file_name(name: &str) -> Option<(super::Month, Force)> {
    let base = name.rsplit(['/', '\\']).next()?;
    let stem = base.strip_suffix("-stop-and-search.csv")?;
    let (month, force) = (stem.get(..7)?, stem.get(8..)?);
    if stem.as_bytes().get(7) != Some(&b'-') {
        return None;
    }
    Some((super::Month::parse(month).ok()?, Force::by_slug(force)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_give_month_and_force() {
        let (month, force) =
            stop_search_file_name("2026-09/2026-09-west-midlands-stop-and-search.csv").unwrap();
        assert_eq!(month.to_string(), "2026-09");
        assert_eq!(force.name, "West Midlands");
        assert_eq!(force.area_code, "E23000014");
        assert!(stop_search_file_name("2026-09-west-midlands-street.csv").is_none());
        assert!(stop_search_file_name("2026-13-west-midlands-stop-and-search.csv").is_none());
        assert!(stop_search_file_name("2026-09-atlantis-stop-and-search.csv").is_none());
        assert_eq!(FORCES.len(), 44);
        assert_eq!(
            Force::by_area_code("e23000001").unwrap().slug,
            "metropolitan"
        );
    }
}
