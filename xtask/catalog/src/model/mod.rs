//! The catalogue model: what `catalog/` holds, provider by provider.
//!
//! Every collection is kept sorted by its key so that serialisation is stable.

pub mod api;
pub mod api_shape;
pub mod hand;
pub mod kakao;
pub mod localized;
pub mod meaning;
pub mod nhn;
pub mod roles;

use serde::{Deserialize, Serialize};
use trail_sources::Diagnostic;

pub use api::ApiSpec;
pub use hand::{HandWritten, Waiver};
pub use kakao::{KakaoCatalog, KakaoEvent, Scope};
pub use meaning::{DecidedBy, Meaning, Reclassification};
pub use nhn::{
    ListKey, ListObservation, NameChange, NhnCatalog, NhnEvent, NhnService, Seen, Status,
};
pub use roles::Roles;

/// The whole catalogue, as loaded from or written to `catalog/`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Catalog {
    /// NHN CloudTrail services and events (`catalog/nhn/`).
    pub nhn: NhnCatalog,
    /// KakaoCloud Cloud Trail events (`catalog/kakao/`).
    pub kakao: KakaoCatalog,
    /// Who may view what, for both providers (`catalog/roles.yaml`).
    pub roles: Roles,
    /// The NHN CloudTrail search API, from the API guide (`catalog/nhn/api.yaml`).
    pub api: ApiSpec,
    /// Everything the importer and the cross-checks found (`catalog/findings.yaml`), sorted.
    pub findings: Findings,
    /// Hand-written files: overrides, waivers, hints. Import reads them and never writes them.
    pub hand: HandWritten,
}

/// The findings file: every diagnostic from the last import, sorted, plus coverage figures.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Findings {
    /// Per-locale coverage of the NHN event names.
    #[serde(default)]
    pub coverage: Vec<Coverage>,
    /// Every finding, sorted by place, then code.
    #[serde(default)]
    pub diagnostics: Vec<Diagnostic>,
}

/// How many NHN events have a name in one locale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Coverage {
    /// The locale.
    pub locale: trail_sources::Locale,
    /// Listed (not retired) events in the catalogue.
    pub events: u32,
    /// Of those, how many have a name in this locale.
    pub named: u32,
    /// Of the named, how many are marked untranslated.
    pub untranslated: u32,
}
