//! The model of `docs/changes.md`: what the NHN event lists added, removed and renamed, per date.
//!
//! It only formats what [`trail_catalog::changes::changes`] works out from the catalogue's
//! records, in its order (newest date first).

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
}

/// The changes page: the dates on which the NHN event lists changed, newest first.
pub(crate) fn changes_page(catalog: &Catalog, stamp: &str) -> ChangesPage {
    let mut anchors = Anchors::default();
    let days = trail_catalog::changes::changes(&catalog.nhn, None)
        .into_iter()
        .filter(|d| !d.is_empty())
        .map(|d| Day {
            anchor: anchors.get("d", &d.date),
            date: Md::text(&d.date),
            summary: Md::markup(format!(
                "{} added, {} removed, {} renamed.",
                d.added.len(),
                d.removed.len(),
                d.renamed.len()
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
        })
        .collect();
    ChangesPage {
        stamp: stamp.to_owned(),
        days,
    }
}
