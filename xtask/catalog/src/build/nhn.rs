//! NHN: one catalogue entry per event ID from every NHN document.
//! (Owned by the NHN importer work; placeholder so the workspace builds.)

use trail_sources::Diagnostic;
use trail_sources::nhn::NhnDocument;

use crate::model::hand::NhnOverrides;
use crate::model::{NhnCatalog, roles::NhnRoles};

/// Merges NHN documents into the NHN catalogue, applying `overrides`.
pub fn build(_docs: &[&NhnDocument], _overrides: &NhnOverrides, _diags: &mut Vec<Diagnostic>) -> NhnCatalog {
    NhnCatalog::default()
}

/// The organization roles NHN's overview names, and whether the user console has the service.
pub fn roles(_docs: &[&NhnDocument]) -> NhnRoles {
    NhnRoles::default()
}
