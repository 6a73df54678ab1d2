//! Cross-checks for the api part of the catalogue.
//! (Owned by the api work; placeholder so the workspace builds.)

use trail_catalog::Catalog;
use trail_sources::{Diagnostic, Extracted};

/// Appends this module's findings to `out`.
pub fn check(_docs: &[Extracted], _catalog: &Catalog, _out: &mut Vec<Diagnostic>) {}
