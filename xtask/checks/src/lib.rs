//! Stage 3 of the pipeline: cross-checks.
//!
//! Each provider's checks look at the extracted records (for file:line) and at
//! the built catalogue, and return findings as [`Diagnostic`]s with stable codes.
//! [`report`] applies the hand-written waivers for `cargo xtask check`.

pub mod api;
pub mod kakao;
pub mod nhn;
pub mod report;

use trail_catalog::Catalog;
use trail_catalog::model::Coverage;
use trail_sources::{Diagnostic, Extracted};

/// Runs every cross-check. The result is sorted and free of exact duplicates.
pub fn run(docs: &[Extracted], catalog: &Catalog) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    nhn::check(docs, catalog, &mut out);
    kakao::check(docs, catalog, &mut out);
    api::check(docs, catalog, &mut out);
    out.sort();
    out.dedup();
    out
}

/// Per-locale coverage of the NHN event names.
pub fn coverage(catalog: &Catalog) -> Vec<Coverage> {
    nhn::coverage(catalog)
}
