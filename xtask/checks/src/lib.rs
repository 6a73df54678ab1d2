//! Stage 3 of the pipeline: cross-checks.
//!
//! Each provider's checks look at the extracted records (for file:line) and at
//! the built catalogue, and return findings as [`Diagnostic`]s with stable codes.
//! [`report`] applies the hand-written waivers for `cargo xtask check`.
//!
//! What it may not touch: it reads records and the catalogue and writes nothing; a finding says
//! what is wrong upstream, it never changes an event (corrections are the overrides' job).

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

/// A group of entries that share something (a name, a description), to be said once: the
/// entry read first, its line, and the others as `entry (line N)`, joined; `None` for a group of
/// one. `show` writes an entry as the message names it.
pub(crate) fn said_once<K: Ord + Clone>(
    group: impl IntoIterator<Item = (K, u32)>,
    show: impl Fn(&K) -> String,
) -> Option<(u32, K, String)> {
    let mut rows: Vec<(u32, K)> = group.into_iter().map(|(k, l)| (l, k)).collect();
    rows.sort();
    let [(line, first), others @ ..] = rows.as_slice() else {
        return None;
    };
    if others.is_empty() {
        return None;
    }
    let others: Vec<String> = others
        .iter()
        .map(|(l, k)| format!("{} (line {l})", show(k)))
        .collect();
    Some((*line, first.clone(), others.join(", ")))
}

/// Per-locale coverage of the NHN event names.
pub fn coverage(catalog: &Catalog) -> Vec<Coverage> {
    nhn::coverage(catalog)
}

/// Whether a diagnostic code is one the pipeline can raise (the registry,
/// [`trail_sources::codes::CODES`]).
pub(crate) fn is_known_code(code: &str) -> bool {
    trail_sources::codes::is_known(code)
}

/// Waivers whose code the pipeline never raises (a typo would silently never apply), as
/// `catalog/<file>:<line>: message` lines.
pub fn unknown_waiver_codes(
    catalog_dir: &std::path::Path,
    hand: &trail_catalog::model::HandWritten,
) -> Vec<String> {
    let mut out = Vec::new();
    for (rel, waivers) in [
        ("nhn/waivers.yaml", &hand.nhn_waivers),
        ("kakao/waivers.yaml", &hand.kakao_waivers),
    ] {
        let text = std::fs::read_to_string(catalog_dir.join(rel)).unwrap_or_default();
        for w in waivers.waivers.iter().filter(|w| !is_known_code(&w.code)) {
            let line = text
                .lines()
                .position(|l| l.contains(&format!("code: {}", w.code)))
                .map_or(1, |i| i + 1);
            out.push(format!(
                "catalog/{rel}:{line}: the waiver's code {:?} is no diagnostic code (see the README's table of codes); it would never apply",
                w.code
            ));
        }
    }
    out
}
