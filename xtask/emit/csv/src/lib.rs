//! Stage 4: SIEM lookup tables in generated/csv (RFC 4180, UTF-8, header row).
//! (Placeholder so the workspace builds.)

use trail_catalog::Catalog;
use trail_catalog::hash::Stamp;
use trail_catalog::io::Tree;

/// The files this emitter writes, relative to `generated/`.
pub fn emit(_catalog: &Catalog, _stamp: &Stamp) -> Tree {
    Tree::new()
}
