//! NHN CloudTrail: services and events, one entry per event ID.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use trail_sources::{Locale, SourceRef};

/// The NHN part of the catalogue.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NhnCatalog {
    /// Services (the `### service` sections of the event list), sorted by key.
    pub services: Vec<NhnService>,
    /// Events, sorted by ID.
    pub events: Vec<NhnEvent>,
}

/// A service heading of the event list, with its title in each locale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NhnService {
    /// Stable key: the English title, lowercased, non-alphanumerics folded to `-`
    /// (`Log & Crash Search` -> `log-crash-search`).
    pub key: String,
    /// The heading text per locale, entities decoded.
    pub names: BTreeMap<Locale, String>,
}

/// Whether an event ID is still in the current upstream event list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Listed in the current upstream event list.
    Listed,
    /// Only in older revisions: kept so that old logs still resolve, never dropped.
    Retired,
}

/// One NHN CloudTrail event ID and everything known about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NhnEvent {
    /// The event ID, e.g. `event_id.iaas.instance.create`.
    pub id: String,
    /// Keys of the services it is listed under (one or more), sorted.
    pub services: Vec<String>,
    /// The event's name in each locale that gives one.
    pub names: BTreeMap<Locale, String>,
    /// Locales whose name is not a translation (a zh name equal to the en name, an en name in Hangul).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub untranslated: Vec<Locale>,
    /// Locales whose event list does not give this ID at all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<Locale>,
    /// Listed upstream now, or retired.
    pub status: Status,
    /// Every place the ID was read from, sorted.
    pub sources: Vec<SourceRef>,
}

impl NhnCatalog {
    /// The event with this ID, if any (binary search: events are sorted).
    pub fn event(&self, id: &str) -> Option<&NhnEvent> {
        self.events.binary_search_by(|e| e.id.as_str().cmp(id)).ok().map(|i| &self.events[i])
    }

    /// The service with this key, if any.
    pub fn service(&self, key: &str) -> Option<&NhnService> {
        self.services.iter().find(|s| s.key == key)
    }
}

/// Folds a title into a service or file key: ASCII alphanumerics lowercased, runs of anything else
/// to one `-`, no leading or trailing `-`.
pub fn slug(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    for c in title.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn slug_folds_punctuation() {
        assert_eq!(super::slug("Log & Crash Search"), "log-crash-search");
        assert_eq!(super::slug("System Monitoring(CloudTrail)"), "system-monitoring-cloudtrail");
        assert_eq!(super::slug("  RDS for MySQL "), "rds-for-mysql");
    }
}
