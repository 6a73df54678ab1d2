//! Stage 4: OpenAPI 3.1 fragments and the complete search API document in generated/openapi.
//! (Placeholder so the workspace builds.)

use trail_catalog::Catalog;
use trail_catalog::hash::Stamp;
use trail_catalog::io::Tree;

/// The files this emitter writes, relative to `generated/`.
pub fn emit(_catalog: &Catalog, _stamp: &Stamp) -> Tree {
    Tree::new()
}
