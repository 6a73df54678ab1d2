//! NHN CloudTrail: services and events, one entry per event ID.

use std::collections::{BTreeMap, BTreeSet};

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
    /// The latest observation of each event list (locale and edition), sorted by list.
    /// An import dated before a list's latest observation does not change which IDs it lists.
    #[serde(default)]
    pub lists: Vec<ListObservation>,
}

/// When something was seen upstream: the date and, for a git history, the commit.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct Seen {
    /// `YYYY-MM-DD`: the commit's committer date (`git log --format=%cs`), or the date an
    /// imported folder was given (`import --date`).
    pub date: String,
    /// The upstream commit (full hex), when the observation came from git.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commit: Option<String>,
}

/// One event list: a locale and an edition (`ko` + `standard` is `ko/event-list.md`,
/// `ko` + `gov` is `ko/event-list-gov.md`).
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct ListKey {
    /// The list's locale.
    pub locale: Locale,
    /// `standard` for `event-list.md`, the file's suffix for `event-list-<edition>.md`.
    pub edition: String,
}

impl ListKey {
    /// The edition of `event-list.md` (the reader's [`trail_sources::nhn::STANDARD_EDITION`]).
    pub const STANDARD: &'static str = trail_sources::nhn::STANDARD_EDITION;

    /// The list a document path names: `<locale>/event-list.md` or `<locale>/event-list-<edition>.md`
    /// anywhere below a folder (`nhn/ko/event-list.md`, `ko/event-list-gov.md`, a revision from
    /// git `ko/event-list.md@1a2b3c4`), else `None`.
    pub fn from_path(path: &str) -> Option<ListKey> {
        let edition = trail_sources::nhn::list_edition(path)?;
        let mut parts = path.rsplit(['/', '\\']);
        parts.next()?;
        let locale = Locale::from_code(parts.next()?)?;
        Some(ListKey { locale, edition })
    }
}

impl std::fmt::Display for ListKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = trail_sources::nhn::list_file_name(&self.edition);
        write!(f, "{}/{name}", self.locale)
    }
}

/// The latest observation of one event list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListObservation {
    /// Which list.
    #[serde(flatten)]
    pub list: ListKey,
    /// When it was observed.
    pub seen: Seen,
    /// How many event IDs it listed then.
    pub ids: u32,
}

/// A change of an event's name in one locale's list.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct NameChange {
    /// When the new name was first listed.
    pub seen: Seen,
    /// The locale whose list changed.
    pub locale: Locale,
    /// The name before.
    pub from: String,
    /// The name after.
    pub to: String,
}

/// A service heading of the event list, with its title in each locale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NhnService {
    /// Stable key: the English title, lowercased, non-alphanumerics folded to `-`
    /// (`Log & Crash Search` -> `log-crash-search`).
    pub key: String,
    /// The name of its variant in the generated crate's `nhn::Service`: given once, when the
    /// key first appears (see [`crate::naming::pin_variants`]), then never changed. Empty only
    /// before import pins it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub variant: String,
    /// The heading text per locale, entities decoded.
    pub names: BTreeMap<Locale, String>,
}

/// Whether an event ID is still in the current upstream event list.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Listed in the current upstream event list.
    #[default]
    Listed,
    /// Only in older revisions: kept so that old logs still resolve, never dropped.
    Retired,
}

/// One NHN CloudTrail event ID and everything known about it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NhnEvent {
    /// The event ID, e.g. `event_id.iaas.instance.create`.
    pub id: String,
    /// The name of its variant in the generated crate's `EventId`, e.g. `IaasInstanceCreate`:
    /// given once, when the ID first appears (see [`crate::naming::pin_variants`]), then never
    /// changed, so that a new ID never renames an existing variant. Empty only before import pins it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub variant: String,
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
    /// What the event means (resource type, action, OCSF class and activity), derived at
    /// import by [`crate::classify`]; absent only before an import classifies it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meaning: Option<super::Meaning>,
    /// Every change of its meaning, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reclassified: Vec<super::Reclassification>,
    /// The first observation at which any list of any locale or edition named the ID (absent
    /// for IDs known only from undated older revisions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_listed: Option<Seen>,
    /// For a retired ID, the observation at which it stopped being listed for the last time
    /// (absent when that is not known: an ID read only from undated older revisions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub removed: Option<Seen>,
    /// For a listed ID, the editions whose lists name it (`standard`, `gov`, …), sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub editions: Vec<String>,
    /// Every change of its name, per locale, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub renames: Vec<NameChange>,
    /// Every place the ID was read from, sorted.
    pub sources: Vec<SourceRef>,
}

impl NhnCatalog {
    /// The event with this ID, if any (binary search: events are sorted).
    pub fn event(&self, id: &str) -> Option<&NhnEvent> {
        self.events
            .binary_search_by(|e| e.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.events[i])
    }

    /// The service with this key, if any.
    pub fn service(&self, key: &str) -> Option<&NhnService> {
        self.services.iter().find(|s| s.key == key)
    }
}

/// Whether `id` is well formed: `event_id(.segment)+`, segments non-empty and made of
/// `[A-Za-z0-9_-]`, at most [`crate::validate::MAX_ID`] bytes, its namespace (which names its
/// catalogue file) at most [`crate::validate::MAX_FILE_KEY`].
pub fn well_formed(id: &str) -> Result<(), String> {
    use crate::validate::{MAX_FILE_KEY, MAX_ID};
    if id.len() > MAX_ID {
        return Err(format!("it is {} bytes long, more than {MAX_ID}", id.len()));
    }
    if id
        .split('.')
        .nth(1)
        .is_some_and(|ns| ns.len() > MAX_FILE_KEY)
    {
        return Err(format!(
            "its namespace (the segment after `event_id.`) is longer than {MAX_FILE_KEY} bytes"
        ));
    }
    let Some(rest) = id.strip_prefix("event_id.") else {
        let prefix = id.split('.').next().unwrap_or(id);
        return Err(format!(
            "it does not start with `event_id.` (prefix `{prefix}`)"
        ));
    };
    if rest.ends_with('.') {
        return Err("it ends with a dot".into());
    }
    if rest.contains("event_id.") {
        return Err("`event_id.` stands in it twice (the ID pasted twice?)".into());
    }
    if rest.split('.').any(str::is_empty) {
        return Err("it has an empty segment".into());
    }
    let bad: BTreeSet<char> = rest
        .chars()
        .filter(|c| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
        .collect();
    if !bad.is_empty() {
        let list: Vec<String> = bad.iter().map(|c| format!("{c:?}")).collect();
        return Err(format!(
            "it contains {} (outside [A-Za-z0-9_-])",
            list.join(", ")
        ));
    }
    Ok(())
}

/// Whether `edition` can name an event list (`event-list-<edition>.md`): ASCII letters, digits,
/// `_` and `-`, at most 32 bytes.
pub(crate) fn edition_name(edition: &str) -> Result<(), String> {
    let ok = !edition.is_empty()
        && edition.len() <= 32
        && edition
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "edition {:?} is no edition name (ASCII letters, digits, `_`, `-`; at most 32)",
            crate::validate::short(edition)
        ))
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
        assert_eq!(
            super::slug("System Monitoring(CloudTrail)"),
            "system-monitoring-cloudtrail"
        );
        assert_eq!(super::slug("  RDS for MySQL "), "rds-for-mysql");
    }

    #[test]
    fn list_keys_from_paths() {
        use super::{ListKey, Locale};
        let key = |p: &str| ListKey::from_path(p).map(|k| (k.locale, k.edition));
        assert_eq!(
            key("nhn/ko/event-list.md"),
            Some((Locale::Ko, "standard".into()))
        );
        assert_eq!(
            key("ko/event-list-gov.md@1a2b3c4"),
            Some((Locale::Ko, "gov".into()))
        );
        assert_eq!(key("ko/api-guide.md"), None);
        assert_eq!(key("event-list.md"), None);
    }
}
