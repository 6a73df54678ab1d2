//! The models of `docs/SUMMARY.md` (mdBook's table of contents, from the page list
//! [`crate::parts`]) and `docs/index.md` (every page linked, with the counts a reader looks for
//! first).
//!
//! It only formats what the catalogue and the cross-check report say: the counts are counted here,
//! nothing is decided or reordered.

use std::collections::BTreeSet;

use serde::Serialize;
use trail_catalog::Catalog;
use trail_catalog::Locale;
use trail_catalog::model::kakao::Scope;

use super::{locale_name, plural};
use crate::md::{Md, Table};

/// A link in the table of contents.
#[derive(Serialize)]
struct PageLink {
    title: Md,
    path: String,
}

/// A part of the table of contents: a title over its pages.
#[derive(Serialize)]
struct Part {
    title: Md,
    pages: Vec<PageLink>,
}

/// The model of `docs/SUMMARY.md`.
#[derive(Serialize)]
pub(crate) struct SummaryPage {
    stamp: String,
    parts: Vec<Part>,
}

/// The table of contents: every page but the index, in the parts of the page list.
pub(crate) fn summary_page(stamp: &str) -> SummaryPage {
    SummaryPage {
        stamp: stamp.to_owned(),
        parts: crate::parts()
            .into_iter()
            .map(|(title, pages)| Part {
                title: Md::text(title),
                pages: pages
                    .into_iter()
                    .map(|(t, path)| PageLink {
                        title: Md::text(&t),
                        path,
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// The model of `docs/index.md`.
#[derive(Serialize)]
pub(crate) struct IndexPage {
    stamp: String,
    nhn: Table,
    nhn_changes: Md,
    kakao: Md,
    both: Vec<Md>,
}

/// The index: a link to every page, with its counts.
pub(crate) fn index_page(
    catalog: &Catalog,
    report: &trail_checks::report::Report<'_>,
    stamp: &str,
) -> IndexPage {
    let nhn = Table::new(
        [
            "Locale",
            "Event IDs",
            "Named in this locale",
            "Untranslated",
            "Not in this locale's list",
        ],
        Locale::ALL
            .iter()
            .map(|&l| {
                let events = &catalog.nhn.events;
                let named = events.iter().filter(|e| e.names.contains_key(&l)).count();
                let untranslated = events
                    .iter()
                    .filter(|e| e.untranslated.contains(&l))
                    .count();
                let missing = events.iter().filter(|e| e.missing.contains(&l)).count();
                [
                    Md::link(locale_name(l), &format!("nhn/{}.md", l.code())),
                    Md::markup(events.len().to_string()),
                    Md::markup(named.to_string()),
                    Md::markup(untranslated.to_string()),
                    Md::markup(missing.to_string()),
                ]
            })
            .collect(),
    );
    let listed = || catalog.kakao.events.iter().filter(|e| !e.is_retired());
    let count = |scope: Scope| listed().filter(|e| e.scope == scope).count();
    let services: BTreeSet<&str> = listed().map(|e| e.service.as_str()).collect();
    let kakao_retired = catalog.kakao.events.len() - listed().count();
    let kakao =
        Md::link("Organization and project events", "kakao/events.md").push(Md::markup(format!(
            ": {} and {} in {}{}.",
            plural(count(Scope::Organization), "organization event"),
            plural(count(Scope::Project), "project event"),
            plural(services.len(), "service"),
            if kakao_retired == 0 {
                String::new()
            } else {
                format!(
                    ", and {} no longer listed",
                    plural(kakao_retired, "retired event")
                )
            }
        )));
    let s = report.summary;
    let both = vec![
        Md::link("Who may view the events", "roles.md").push(Md::markup(
            ": the role matrix of both providers and the search API's permission.",
        )),
        Md::link("Events by OCSF class and activity", "ocsf.md").push(Md::markup(
            ": how many events of each provider each class and activity has, and every sign-in and account event.",
        )),
        Md::link("Cross-check report", "report.md").push(Md::markup(format!(
            ": {}, {}, {} not waived; {} waived.",
            plural(s.errors, "error"),
            plural(s.warnings, "warning"),
            plural(s.infos, "note"),
            s.waived
        ))),
    ];
    let days = trail_catalog::changes::changes(&catalog.nhn, None)
        .into_iter()
        .filter(|d| !d.is_empty())
        .count();
    let nhn_changes =
        Md::link("Changes to the event lists", "changes.md").push(Md::markup(if days == 0 {
            ": none recorded yet.".to_string()
        } else {
            format!(": {}, newest first.", plural(days, "date"))
        }));
    IndexPage {
        stamp: stamp.to_owned(),
        nhn,
        nhn_changes,
        kakao,
        both,
    }
}
