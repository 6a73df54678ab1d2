//! Who may view which events, for both providers.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use trail_sources::{Locale, SourceRef};

use super::kakao::Scope;

/// The role rules of both providers (`catalog/roles.yaml`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Roles {
    /// NHN CloudTrail.
    pub nhn: NhnRoles,
    /// KakaoCloud Cloud Trail.
    pub kakao: KakaoRoles,
}

/// NHN CloudTrail: who may use the service (now, and under earlier overview revisions), and the API permission.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NhnRoles {
    /// Who may use CloudTrail, as the newest overview revision that says so states it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access: Option<NhnAccess>,
    /// What older overview revisions said instead, newest first (the 2019 overview: `OWNER`,
    /// `ADMIN` and `LOG_VIEWER` only). History: no longer in force.
    #[serde(default)]
    pub history: Vec<NhnAccess>,
    /// Whether the service is available from the user console (the newest overview that says;
    /// the 2019 one says it is not, the current one does not say).
    pub user_console: bool,
    /// The IAM permission the v2.0 search API needs (`CloudTrail:EventLog.List`), if documented.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_permission: Option<String>,
    /// Where the user console and API permission facts were read, sorted.
    pub sources: Vec<SourceRef>,
}

/// One statement of who may use NHN CloudTrail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NhnAccess {
    /// The rule, as data.
    pub rule: NhnAccessRule,
    /// The sentence stating it, per locale (empty where only role names were read).
    #[serde(default)]
    pub statements: BTreeMap<Locale, String>,
    /// Every place it is stated, sorted.
    pub sources: Vec<SourceRef>,
}

/// Who may use NHN CloudTrail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum NhnAccessRule {
    /// Organization members with CloudTrail permissions (the current overview); the API guide
    /// names the permission the v2.0 search API needs.
    Permission,
    /// Only these organization roles, in page order (the 2019 overview: `OWNER`, `ADMIN`, `LOG_VIEWER`).
    Roles {
        /// The role names as the page writes them.
        roles: Vec<String>,
    },
}

/// Whether a KakaoCloud role is an organization or a project role: the reader's vocabulary.
pub use trail_sources::kakao::RoleKind;

/// KakaoCloud Cloud Trail: which roles may view which scope, and how that changed between revisions.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KakaoRoles {
    /// The rules in force (the latest revision wins), sorted by kind, then role.
    pub rules: Vec<RoleRule>,
    /// Differences between page revisions, sorted by kind, then role.
    #[serde(default)]
    pub changes: Vec<RoleChange>,
}

/// One role and the event scopes it may view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleRule {
    /// The role's name as the page gives it, e.g. `Trail Viewer`.
    pub role: String,
    /// The name of its variant in the generated crate's `kakao::Role`: given once, when the
    /// role first appears (see [`crate::naming::pin_variants`]), then never changed. Empty only
    /// before import pins it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub variant: String,
    /// Organization or project role.
    pub kind: RoleKind,
    /// The event scopes it may view, sorted.
    pub may_view: Vec<Scope>,
    /// The event scopes it may view when the user also holds a project role, sorted, where the
    /// page says more for that case ("users with a project role who also hold the following
    /// organization roles can view both project and organization events"); empty otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub with_project_role: Vec<Scope>,
    /// Where the rule was read (the revision that wins).
    pub source: SourceRef,
}

/// A role whose rule differs between two revisions of the page: the scopes it may view, or the
/// scopes it may view when the user also holds a project role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleChange {
    /// The role's name.
    pub role: String,
    /// Organization or project role.
    pub kind: RoleKind,
    /// Scopes in the earlier revision (`None`: the role was not named there).
    pub earlier: Option<Vec<Scope>>,
    /// Scopes in the later revision (`None`: the role was dropped).
    pub later: Option<Vec<Scope>>,
    /// What the earlier revision says the role may view held with a project role, where it says
    /// more than `earlier` (see [`RoleRule::with_project_role`]); empty otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub earlier_with_project_role: Vec<Scope>,
    /// The same for the later revision.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub later_with_project_role: Vec<Scope>,
    /// Where the earlier revision says it, if it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub earlier_source: Option<SourceRef>,
    /// Where the later revision says it, if it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub later_source: Option<SourceRef>,
}
