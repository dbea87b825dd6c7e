//! The evidence page's address: which force, period, legislation, basis and population
//! table its figures are for. One reading serves the page, its CSV and the frozen figures.

use serde::{Deserialize, Serialize};

use super::{EthnicityBasis, Force, Month, Period};
use crate::FieldErrors;

/// What the evidence page shows, as read from its address. `None` parts take defaults:
/// the force with the latest data, the 12 months to its latest month, every legislation,
/// self-defined ethnicity, the default population table.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EvidenceFilter {
    pub force: Option<String>,
    pub period: Option<Period>,
    /// `Some("")`: searches with no legislation recorded.
    pub legislation: Option<String>,
    pub basis: Option<EthnicityBasis>,
    pub table: Option<i64>,
}

impl EvidenceFilter {
    /// Reads `force`, `period` (kind), `month`, `from`, `legislation`, `basis`, `table`;
    /// every problem by field.
    pub fn from_query(query: &str) -> Result<EvidenceFilter, FieldErrors> {
        let mut errors = FieldErrors::default();
        let mut filter = EvidenceFilter::default();
        let mut kind = String::new();
        let mut month = String::new();
        let mut from = String::new();
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            let value = value.trim().to_owned();
            match key.as_ref() {
                "force" if !value.is_empty() => match Force::by_slug(&value) {
                    Some(f) => filter.force = Some(f.slug.to_owned()),
                    None => errors.add("force", "Choose a police force from the list"),
                },
                "period" => kind = value,
                "month" => month = value,
                "from" => from = value,
                "legislation" if value != "all" => {
                    filter.legislation = Some(if value == "none" {
                        String::new()
                    } else {
                        value
                    })
                }
                "basis" if !value.is_empty() => match EthnicityBasis::parse(&value) {
                    Ok(b) => filter.basis = Some(b),
                    Err(e) => errors.add("basis", e),
                },
                "table" if !value.is_empty() => match value.parse::<i64>() {
                    Ok(id) => filter.table = Some(id),
                    Err(_) => errors.add("table", "Choose a population table from the list"),
                },
                _ => {}
            }
        }
        if !month.is_empty() {
            match Period::from_form(&kind, &month, &from) {
                Ok(p) => filter.period = Some(p),
                Err(e) if Month::parse(&month).is_err() => errors.add("month", e),
                Err(e) => errors.add(if kind == "range" { "from" } else { "period" }, e),
            }
        }
        if errors.is_empty() {
            Ok(filter)
        } else {
            Err(errors)
        }
    }

    /// The address's query for this filter (what [`EvidenceFilter::from_query`] reads).
    pub fn to_query(&self) -> String {
        let mut q = form_urlencoded::Serializer::new(String::new());
        if let Some(force) = &self.force {
            q.append_pair("force", force);
        }
        if let Some(period) = self.period {
            let (kind, month, from) = period.to_form();
            q.append_pair("period", kind);
            q.append_pair("month", &month);
            if !from.is_empty() {
                q.append_pair("from", &from);
            }
        }
        match self.legislation.as_deref() {
            None => {}
            Some("") => {
                q.append_pair("legislation", "none");
            }
            Some(l) => {
                q.append_pair("legislation", l);
            }
        }
        if let Some(basis) = self.basis {
            q.append_pair("basis", basis.as_str());
        }
        if let Some(table) = self.table {
            q.append_pair("table", &table.to_string());
        }
        q.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_round_trips_and_refuses_by_field() {
        let filter = EvidenceFilter::from_query(
            "force=west-midlands&period=quarter&month=2026-08&legislation=Misuse+of+Drugs+Act+1971+%28section+23%29&basis=officer&table=2",
        )
        .unwrap();
        assert_eq!(filter.force.as_deref(), Some("west-midlands"));
        assert_eq!(filter.period.unwrap().label(), "2026/27 Q2");
        assert_eq!(filter.basis, Some(EthnicityBasis::OfficerDefined));
        assert_eq!(
            EvidenceFilter::from_query(&filter.to_query()).unwrap(),
            filter
        );
        let none = EvidenceFilter::from_query("legislation=none").unwrap();
        assert_eq!(none.legislation.as_deref(), Some(""));
        assert_eq!(EvidenceFilter::from_query(&none.to_query()).unwrap(), none);
        assert_eq!(
            EvidenceFilter::from_query("").unwrap(),
            EvidenceFilter::default()
        );
        let errors =
            EvidenceFilter::from_query("force=atlantis&month=2026-13&basis=x").unwrap_err();
        for field in ["force", "month", "basis"] {
            assert!(errors.get(field).is_some(), "{field}");
        }
        let errors =
            EvidenceFilter::from_query("period=range&month=2026-01&from=2026-05").unwrap_err();
        assert!(errors.get("from").is_some());
    }
}
