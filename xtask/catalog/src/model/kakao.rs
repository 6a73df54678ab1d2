//! KakaoCloud Cloud Trail: organization and project events.

use serde::{Deserialize, Serialize};
use trail_sources::SourceRef;

/// The KakaoCloud part of the catalogue.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KakaoCatalog {
    /// Events, sorted by key.
    pub events: Vec<KakaoEvent>,
    /// The page's resource type -> versions table (not an event table), sorted by resource type.
    #[serde(default)]
    pub versions: Vec<ResourceVersions>,
}

/// Which event list an event belongs to: the reader's vocabulary, shared by the whole pipeline.
pub use trail_sources::kakao::Scope;

/// An event name: English as published (typos kept), room for Korean.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KakaoName {
    /// The name on the English page, verbatim unless an override corrects it.
    pub en: String,
    /// The Korean name, when a Korean page is imported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ko: Option<String>,
}

/// One KakaoCloud Cloud Trail event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KakaoEvent {
    /// Stable key: `slug(service)/slug(resource type without its version)/slug(name)`, e.g.
    /// `kubeflow/essential-hpt-servingapi/kubeflow-create` for resource type
    /// `Essential HPT ServingAPI 1.0.0`: a version bump upstream keeps the key.
    pub key: String,
    /// Earlier keys of this event that still resolve to it (keys that embedded a version, keys
    /// from before an override), sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The name of its variant in the generated crate's `kakao::Event`: given once, when the key
    /// first appears (see [`crate::naming::pin_variants`]), then never changed. Empty only before
    /// import pins it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub variant: String,
    /// Organization or project event.
    pub scope: Scope,
    /// The service, e.g. `Virtual Machine`.
    pub service: String,
    /// The resource type, e.g. `Block Storage`.
    pub resource_type: String,
    /// The event name.
    pub name: KakaoName,
    /// Names the pages gave the event that an override corrects, as the page spells them
    /// (`Heath Check Create`), sorted: a log record may carry them, so they still resolve.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub former_names: Vec<String>,
    /// The page's description, where its table has a Description column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// What the event means (resource type, action, OCSF class and activity), derived at
    /// import by [`crate::classify`]; absent only before an import classifies it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meaning: Option<super::Meaning>,
    /// Every change of its meaning, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reclassified: Vec<super::Reclassification>,
    /// Every place the event was read from, sorted.
    pub sources: Vec<SourceRef>,
    /// When the pages stopped listing the event (the date of the first import whose pages of
    /// its scope did not list it); `None` while it is listed. A retired event stays in the
    /// catalogue, and its key and aliases still resolve.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub removed: Option<super::Seen>,
}

impl KakaoEvent {
    /// Whether the pages no longer list the event.
    pub fn is_retired(&self) -> bool {
        self.removed.is_some()
    }
}

/// A row of the page's `Resource type / Versions` table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResourceVersions {
    /// The resource type, e.g. `Hadoop HDE`.
    pub resource_type: String,
    /// Its versions as listed, in page order.
    pub versions: Vec<String>,
    /// Where the row was read.
    pub source: SourceRef,
}
