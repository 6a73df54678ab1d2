//! What an event means: the kind of resource it acts on, the verb, and its OCSF class and
//! activity. Derived at import by [`crate::classify`], stored on every event of both clouds.

use serde::{Deserialize, Serialize};

use super::Seen;

/// The meaning of one event.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct Meaning {
    /// The kind of resource acted on, English snake_case: `instance`, `security_group_rule`.
    pub resource_type: String,
    /// The verb, snake_case, from a fixed vocabulary (`create`, `modify`, `delete`, `login`, …;
    /// see [`crate::classify::ACTIONS`]).
    pub action: String,
    /// The OCSF 1.x class: 3001 Account Change, 3002 Authentication, 6003 API Activity.
    pub class_uid: u32,
    /// The OCSF activity of that class (`0` Unknown only for an event no rule places).
    pub activity_id: u32,
    /// What decided it: a rule (by the ID, the English or Korean name, the page's name), a
    /// hand override in `catalog/classification.yaml`, or nothing (`unplaced`, a finding).
    pub by: DecidedBy,
}

/// What decided an event's [`Meaning`].
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum DecidedBy {
    /// The rules, reading the NHN event ID's segments.
    Id,
    /// The rules, reading the English name (the ID holds no known verb).
    NameEn,
    /// The rules, reading the Korean name (neither the ID nor the English name holds a known verb).
    NameKo,
    /// The rules, reading a KakaoCloud event's name and the page's resource type.
    Page,
    /// A hand override in `catalog/classification.yaml` (with its reason).
    Override,
    /// No rule places the event (finding `classify/unplaced`): activity 0, Unknown.
    Unplaced,
}

/// A change of an event's meaning, recorded by the import that made it.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct Reclassification {
    /// The import's date (its latest observation).
    pub seen: Seen,
    /// The meaning before.
    pub from: Meaning,
    /// The meaning after.
    pub to: Meaning,
}
