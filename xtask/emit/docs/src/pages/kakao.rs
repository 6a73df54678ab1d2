//! The model of `docs/kakao/events.md`: the KakaoCloud organization and project events by service
//! and resource type, the retired events, and the versions of each resource type.
//!
//! It only formats what the catalogue says; the orders of its own are the page's reading order
//! (events by resource type and name, retired events by scope and service, versions as versions
//! sort), each named where it is applied.

use std::collections::BTreeMap;

use serde::Serialize;
use trail_catalog::Catalog;
use trail_catalog::model::kakao::Scope;

use super::{Section, meaning_cell, plural};
use crate::md::{Anchors, Md, Table};

/// The events of one scope (organization or project), a section per service.
#[derive(Serialize)]
struct ScopeSection {
    title: Md,
    summary: Md,
    services: Vec<Section>,
}

/// The model of `docs/kakao/events.md`.
#[derive(Serialize)]
pub(crate) struct KakaoPage {
    stamp: String,
    scopes: Vec<ScopeSection>,
    /// Events the pages no longer list, kept so that old logs resolve; `None` when there are none.
    retired: Option<Table>,
    versions: Table,
}

/// The KakaoCloud page: listed events by scope and service, retired events, versions.
pub(crate) fn kakao_page(catalog: &Catalog, stamp: &str) -> KakaoPage {
    let mut anchors = Anchors::default();
    let scopes = [
        (Scope::Organization, "Organization events", "org"),
        (Scope::Project, "Project events", "project"),
    ]
    .into_iter()
    .map(|(scope, title, prefix)| {
        let mut by_service: BTreeMap<&str, Vec<_>> = BTreeMap::new();
        for e in catalog
            .kakao
            .events
            .iter()
            .filter(|e| e.scope == scope && !e.is_retired())
        {
            by_service.entry(e.service.as_str()).or_default().push(e);
        }
        let total: usize = by_service.values().map(Vec::len).sum();
        let services = by_service
            .into_iter()
            .map(|(service, mut events)| {
                // The page's order, not the catalogue's (by key): by resource type, then name.
                events.sort_by(|a, b| {
                    (&a.resource_type, &a.name.en, &a.key).cmp(&(
                        &b.resource_type,
                        &b.name.en,
                        &b.key,
                    ))
                });
                let rows = events
                    .iter()
                    .map(|e| {
                        [
                            Md::text(&e.resource_type),
                            Md::text(&e.name.en),
                            e.name.ko.as_deref().map(Md::text).unwrap_or_default(),
                            e.description.as_deref().map(Md::text).unwrap_or_default(),
                            meaning_cell(e.meaning.as_ref()),
                            Md::code(&e.key),
                        ]
                    })
                    .collect();
                Section {
                    anchor: anchors.get(prefix, service),
                    title: Md::text(service),
                    title_note: Md::default(),
                    count: events.len(),
                    table: Table::new(
                        [
                            "Resource type",
                            "Event",
                            "Korean name",
                            "Description",
                            "Meaning",
                            "Key",
                        ],
                        rows,
                    ),
                }
            })
            .collect::<Vec<_>>();
        ScopeSection {
            title: Md::markup(title),
            summary: Md::markup(format!(
                "{} in {}.",
                plural(total, "event"),
                plural(services.len(), "service")
            )),
            services,
        }
    })
    .collect();
    // By resource type, as the catalogue keeps them (`Catalog::sort`).
    let versions = Table::new(
        ["Resource type", "Versions"],
        catalog
            .kakao
            .versions
            .iter()
            .map(|v| {
                // The catalogue keeps the page's order; the page shows them as versions sort.
                let mut sorted: Vec<&str> = v.versions.iter().map(String::as_str).collect();
                sorted.sort_by(|a, b| version_key(a).cmp(&version_key(b)).then_with(|| a.cmp(b)));
                [Md::text(&v.resource_type), Md::text(&sorted.join(", "))]
            })
            .collect(),
    );
    let mut retired: Vec<_> = catalog
        .kakao
        .events
        .iter()
        .filter(|e| e.is_retired())
        .collect();
    // The page's order, not the catalogue's (by key): by scope, service, resource type, name.
    retired.sort_by(|a, b| {
        (a.scope, &a.service, &a.resource_type, &a.name.en).cmp(&(
            b.scope,
            &b.service,
            &b.resource_type,
            &b.name.en,
        ))
    });
    let retired = (!retired.is_empty()).then(|| {
        Table::new(
            [
                "Scope",
                "Service",
                "Resource type",
                "Event",
                "Removed",
                "Key",
            ],
            retired
                .iter()
                .map(|e| {
                    [
                        Md::markup(e.scope.as_str()),
                        Md::text(&e.service),
                        Md::text(&e.resource_type),
                        Md::text(&e.name.en),
                        e.removed
                            .as_ref()
                            .map(|r| Md::text(&r.date))
                            .unwrap_or_default(),
                        Md::code(&e.key),
                    ]
                })
                .collect(),
        )
    });
    KakaoPage {
        stamp: stamp.to_owned(),
        scopes,
        retired,
        versions,
    }
}

/// A version's sort key: its dot- or dash-separated parts, numbers compared as numbers and before
/// words (`1.0.1 < 1.10 < 2.0.0`, `3.1 < 3.1.0 < 3.1-beta`).
fn version_key(v: &str) -> Vec<(u8, u64, &str)> {
    v.trim_start_matches(['v', 'V'])
        .split(['.', '-', '_', ' '])
        .map(|part| match part.parse::<u64>() {
            Ok(n) => (0, n, ""),
            Err(_) => (1, 0, part),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_sort_as_versions() {
        let mut v = vec!["2.0.0", "1.0.1", "1.10", "1.9", "v1.2", "3.1-beta", "3.1"];
        v.sort_by(|a, b| version_key(a).cmp(&version_key(b)).then_with(|| a.cmp(b)));
        assert_eq!(
            v,
            ["1.0.1", "v1.2", "1.9", "1.10", "2.0.0", "3.1", "3.1-beta"]
        );
    }
}
