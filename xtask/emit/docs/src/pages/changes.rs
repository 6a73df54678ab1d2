//! The model of `docs/changes.md`: what the NHN event lists added, removed and renamed, per date,
//! and the events of both clouds whose meaning an import of that date reclassified.
//!
//! It only formats what [`trail_catalog::changes::changes`] and
//! [`trail_catalog::changes::add_kakao_reclassified`] work out from the catalogue's records, in
//! their order (newest date first), as `cargo xtask changes` shows them.

use serde::Serialize;
use trail_catalog::Catalog;

use crate::md::{Anchors, Md, Table};

/// The model of `docs/changes.md`.
#[derive(Serialize)]
pub(crate) struct ChangesPage {
    stamp: String,
    days: Vec<Day>,
}

/// One date of [`trail_catalog::changes::changes`].
#[derive(Serialize)]
struct Day {
    anchor: String,
    date: Md,
    summary: Md,
    added: Vec<Md>,
    removed: Vec<Md>,
    renamed: Table,
    reclassified: Table,
}

/// The changes page: the dates on which the NHN event lists changed, newest first.
pub(crate) fn changes_page(catalog: &Catalog, stamp: &str) -> ChangesPage {
    let mut anchors = Anchors::default();
    let mut days = trail_catalog::changes::changes(&catalog.nhn, None);
    trail_catalog::changes::add_kakao_reclassified(&mut days, &catalog.kakao, None);
    let days = days
        .into_iter()
        .filter(|d| !d.is_empty())
        .map(|d| Day {
            anchor: anchors.get("d", &d.date),
            date: Md::text(&d.date),
            summary: Md::markup(format!(
                "{} added, {} removed, {} renamed{}.",
                d.added.len(),
                d.removed.len(),
                d.renamed.len(),
                match d.reclassified.len() {
                    0 => String::new(),
                    n => format!("; {n} reclassified"),
                }
            )),
            added: d.added.iter().map(|id| Md::code(id)).collect(),
            removed: d.removed.iter().map(|id| Md::code(id)).collect(),
            renamed: Table::new(
                ["Event ID", "Locale", "From", "To"],
                d.renamed
                    .iter()
                    .map(|r| {
                        [
                            Md::code(&r.id),
                            Md::markup(r.locale.code()),
                            Md::text(&r.from),
                            Md::text(&r.to),
                        ]
                    })
                    .collect(),
            ),
            reclassified: Table::new(
                ["Event", "Meaning before", "Meaning after"],
                d.reclassified
                    .iter()
                    .map(|r| {
                        [
                            Md::code(&r.id),
                            super::meaning_cell(Some(&r.from)),
                            super::meaning_cell(Some(&r.to)),
                        ]
                    })
                    .collect(),
            ),
        })
        .collect();
    ChangesPage {
        stamp: stamp.to_owned(),
        days,
    }
}
