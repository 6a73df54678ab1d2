//! KakaoCloud: events and role rules from every page revision.
//! (Owned by the KakaoCloud importer work; placeholder so the workspace builds.)

use trail_sources::Diagnostic;
use trail_sources::kakao::KakaoDocument;

use crate::model::hand::KakaoOverrides;
use crate::model::{KakaoCatalog, roles::KakaoRoles};

/// Merges KakaoCloud pages into events and role rules, applying `overrides`.
pub fn build(
    _docs: &[&KakaoDocument],
    _overrides: &KakaoOverrides,
    _diags: &mut Vec<Diagnostic>,
) -> (KakaoCatalog, KakaoRoles) {
    (KakaoCatalog::default(), KakaoRoles::default())
}
