//! Records in, catalogue out: merging what every document said into one entry per event.
//!
//! Each provider has its own module; this one only routes documents to them.
//! Building never reads files: the caller passes the extracted documents and the
//! hand-written files, so the same inputs always give the same catalogue.

pub mod api;
pub mod history;
pub mod kakao;
pub mod nhn;
pub mod roles;

use trail_sources::{Diagnostic, Extracted};

use crate::model::{Catalog, HandWritten, Roles};

/// Builds the catalogue from every extracted document.
///
/// Returns the catalogue (its `findings` left empty: the caller adds the
/// cross-checks' findings) and the diagnostics raised while merging. Reading
/// diagnostics already attached to the documents are not repeated here.
pub fn build(docs: &[Extracted], hand: &HandWritten) -> (Catalog, Vec<Diagnostic>) {
    let nhn_docs: Vec<_> = docs.iter().filter_map(Extracted::nhn).collect();
    let kakao_docs: Vec<_> = docs
        .iter()
        .filter_map(|d| {
            if let Extracted::Kakao(d) = d {
                Some(d)
            } else {
                None
            }
        })
        .collect();
    let api_docs: Vec<_> = docs
        .iter()
        .filter_map(|d| {
            if let Extracted::ApiGuide(d) = d {
                Some(d)
            } else {
                None
            }
        })
        .collect();

    let mut diags = Vec::new();
    let nhn = nhn::build(&nhn_docs, &hand.nhn_overrides, &mut diags);
    let (kakao, kakao_roles) = kakao::build(&kakao_docs, &hand.kakao_overrides, &mut diags);
    let api = api::build(&api_docs, &mut diags);
    let mut nhn_roles = roles::nhn(&nhn_docs);
    nhn_roles.api_permission = api::permission(&api_docs);
    nhn_roles.sources.extend(api::permission_sources(&api_docs));
    nhn_roles.sources.sort();
    nhn_roles.sources.dedup();

    let catalog = Catalog {
        nhn,
        kakao,
        roles: Roles {
            nhn: nhn_roles,
            kakao: kakao_roles,
        },
        api,
        findings: Default::default(),
        hand: hand.clone(),
    };
    (catalog, diags)
}
