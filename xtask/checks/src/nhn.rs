//! Cross-checks for the nhn part of the catalogue.
//! (Owned by the nhn work; placeholder so the workspace builds.)

use trail_catalog::Catalog;
use trail_sources::{Diagnostic, Extracted};

/// Appends this module's findings to `out`.
pub fn check(_docs: &[Extracted], _catalog: &Catalog, _out: &mut Vec<Diagnostic>) {}

/// Per-locale coverage of the NHN event names.
pub fn coverage(_catalog: &Catalog) -> Vec<trail_catalog::model::Coverage> {
    Vec::new()
}
