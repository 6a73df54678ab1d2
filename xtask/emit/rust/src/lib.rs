//! Stage 4: the Rust crate in generated/src (event enums, metadata, search-API types), built with quote and formatted with prettyplease.
//! (Placeholder so the workspace builds.)

use trail_catalog::Catalog;
use trail_catalog::hash::Stamp;
use trail_catalog::io::Tree;

/// The files this emitter writes, relative to `generated/`.
pub fn emit(_catalog: &Catalog, _stamp: &Stamp) -> Tree {
    Tree::new()
}
