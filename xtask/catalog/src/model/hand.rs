//! Hand-written catalogue files: overrides, waivers and hints. Import reads them, never writes them.

use serde::{Deserialize, Serialize};

/// All hand-written files together.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct HandWritten {
    /// `catalog/nhn/overrides.yaml`.
    pub nhn_overrides: NhnOverrides,
    /// `catalog/nhn/waivers.yaml`.
    pub nhn_waivers: Waivers,
    /// `catalog/kakao/overrides.yaml`.
    pub kakao_overrides: KakaoOverrides,
    /// `catalog/kakao/waivers.yaml`.
    pub kakao_waivers: Waivers,
    /// `catalog/kakao/hints.yaml`: known services and resource types for splitting glued cells.
    pub kakao_hints: trail_sources::kakao::Hints,
    /// `catalog/classification.yaml`: corrections of the classification rules, both clouds.
    #[serde(default)]
    pub classification: ClassificationOverrides,
}

/// A waivers file: acknowledged findings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Waivers {
    /// The waivers, in any order (kept as written).
    #[serde(default)]
    pub waivers: Vec<Waiver>,
}

/// An acknowledged finding: it stays in the report, marked waived, and no longer fails `check`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    /// The diagnostic code waived, e.g. `nhn/malformed-id`.
    pub code: String,
    /// The subject waived (an event ID or key); absent waives the code for every subject.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// Why this is acceptable. Required: a waiver without a reason is refused.
    pub reason: String,
}

impl Waiver {
    /// Whether this waiver covers `diag`.
    pub fn covers(&self, diag: &trail_sources::Diagnostic) -> bool {
        self.code == diag.code
            && self
                .subject
                .as_deref()
                .is_none_or(|s| diag.subject.as_deref() == Some(s))
    }
}

/// `catalog/nhn/overrides.yaml`: corrections applied on import.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NhnOverrides {
    /// Event IDs to correct: an ID read as `from` (after cleaning) is catalogued as `to`.
    #[serde(default)]
    pub ids: Vec<IdOverride>,
    /// Service titles to correct: an older revision's title `from` (a misspelling, `null`) is
    /// catalogued as the service `to`, or as no service when `to` is absent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<ServiceOverride>,
    /// Event IDs that are no event (a truncated ID, a test row): the catalogue keeps them, the
    /// generated outputs leave them out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<Exclusion>,
}

impl NhnOverrides {
    /// The service key a title names, as its override decides: `Some(Some(key))` corrected,
    /// `Some(None)` no service, `None` when no override names the title.
    pub fn service(&self, title: &str) -> Option<Option<&str>> {
        self.services
            .iter()
            .find(|o| o.from == title)
            .map(|o| o.to.as_deref())
    }

    /// The exclusion of `id`, if it is excluded.
    pub fn excluded(&self, id: &str) -> Option<&Exclusion> {
        self.exclude.iter().find(|x| x.id == id)
    }
}

/// One service title correction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceOverride {
    /// The title as a list wrote it, e.g. `Secure Key Manger`.
    pub from: String,
    /// The key of the service it means, e.g. `secure-key-manager`; absent: it names none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// Why.
    pub reason: String,
}

/// An event ID kept out of the generated outputs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Exclusion {
    /// The event ID as catalogued.
    pub id: String,
    /// Why it is no event.
    pub reason: String,
}

/// One event ID correction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IdOverride {
    /// The ID as read (after cleaning), e.g. `email_id.email.file_download`.
    pub from: String,
    /// The ID to catalogue instead.
    pub to: String,
    /// Why.
    pub reason: String,
}

/// `catalog/kakao/overrides.yaml`: corrections applied on import.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KakaoOverrides {
    /// Event names to correct, by event key as read.
    #[serde(default)]
    pub names: Vec<NameOverride>,
}

/// One KakaoCloud event name correction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NameOverride {
    /// The event key as read from the page.
    pub key: String,
    /// The corrected English name.
    pub en: String,
    /// Why.
    pub reason: String,
}

/// `catalog/classification.yaml`: hand corrections of what the classification rules say an
/// event means (see [`crate::classify`]), each with its reason.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClassificationOverrides {
    /// The overrides, in any order (kept as written); one per event at most.
    #[serde(default)]
    pub overrides: Vec<ClassificationOverride>,
}

/// One event's corrected meaning: the fields given replace what the rules say, the others stay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClassificationOverride {
    /// The NHN event ID (`event_id.iam.login`) or KakaoCloud event key (`iam/domain/console-login`).
    pub event: String,
    /// The resource type, snake_case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_type: Option<String>,
    /// The action, one of the vocabulary's verbs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    /// The OCSF class (3001, 3002 or 6003); needs `activity_id` too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class_uid: Option<u32>,
    /// The OCSF activity of the class.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity_id: Option<u32>,
    /// Why the rules' answer is wrong for this event. Required.
    pub reason: String,
}
