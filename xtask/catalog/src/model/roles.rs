//! Who may view which events, for both providers.

use serde::{Deserialize, Serialize};
use trail_sources::SourceRef;

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

/// NHN CloudTrail: organization roles that may use the service, and the API permission.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NhnRoles {
    /// Organization roles that may use CloudTrail (`OWNER`, `ADMIN`, `LOG_VIEWER`), in page order.
    pub roles: Vec<String>,
    /// Whether the service is available from the user console (the overview says it is not).
    pub user_console: bool,
    /// The IAM permission the v2.0 search API needs (`CloudTrail:EventLog.List`), if documented.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_permission: Option<String>,
    /// Where these facts were read, sorted.
    pub sources: Vec<SourceRef>,
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
    /// Organization or project role.
    pub kind: RoleKind,
    /// The event scopes it may view, sorted.
    pub may_view: Vec<Scope>,
    /// Where the rule was read (the revision that wins).
    pub source: SourceRef,
}

/// A role whose rule differs between two revisions of the page.
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
    /// Where the earlier revision says it, if it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub earlier_source: Option<SourceRef>,
    /// Where the later revision says it, if it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub later_source: Option<SourceRef>,
}
