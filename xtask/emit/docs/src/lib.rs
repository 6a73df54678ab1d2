//! Stage 4: human-facing markdown tables in `generated/docs`, rendered with tera 2 templates from
//! `templates/docs/`, and the mdBook configuration that builds them as a book in `generated/book`.
//!
//! ```text
//! docs/index.md          index: links every page, with counts (mdBook renders it as index.html)
//! docs/SUMMARY.md        mdBook table of contents
//! docs/nhn/<locale>.md   NHN events of one locale (ko, en, ja, zh), written in that locale
//!                        (labels in [`Labels`]), a section per service in the order of its titles
//! docs/changes.md        what the NHN event lists added, removed and renamed, per date
//! docs/kakao/events.md   KakaoCloud organization and project events by service and resource type
//! docs/roles.md          who may view what, both providers, and NHN's API permission
//! docs/report.md         the cross-check report: coverage, findings by severity and code (collapsed)
//! book/book.toml         mdBook configuration (`mdbook build generated/book`)
//! book/catalogue.css     tables that wrap long IDs inside their column
//! book/search.js         the Pagefind search box: the page's language first, then the others
//! ```
//!
//! [`site::finish_page`] finishes each page mdBook builds from these (`cargo xtask book`): the
//! page's own `<html lang>`, break points in IDs, and table text Pagefind indexes as words.
//!
//! # Escaping
//!
//! Every piece of catalogue text is escaped in Rust by `md::md_cell` before it reaches a template,
//! and templates only ever see `md::Md` values, which can only be built by escaping (or from this
//! crate's own fixed markup). Tera's autoescape is turned **off** (`autoescape_on(vec![])`): its
//! HTML escaping is wrong for markdown (it does not touch `|`, `*` or `_`, and would double-escape
//! the entities `md_cell` writes). Tera never re-reads values as template syntax, so `{{ x }}` in a
//! name is just text; `md_cell` still writes braces as entities because mdBook's preprocessor
//! would act on `{{#include ...}}` in the page text.
//!
//! Templates are compiled in with `include_str!`, so `cargo xtask gen` does not depend on the
//! working directory. Each page starts with the [`Stamp`] as an HTML comment
//! (`md::stamp_comment`). Links between pages are relative `.md` links, as mdBook wants; section
//! anchors are explicit `<a id>` elements with stable ASCII slugs (`md::anchor_slug`) so they are
//! the same in every locale.

#![warn(missing_docs)]

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use trail_catalog::Catalog;
use trail_catalog::Locale;
use trail_catalog::hash::Stamp;
use trail_catalog::io::Tree;
use trail_catalog::model::kakao::Scope;
use trail_catalog::model::localized;
use trail_catalog::model::roles::{NhnAccess, NhnAccessRule, RoleKind};
use trail_catalog::model::{NhnEvent, Status};

mod labels;
mod md;
pub use labels::Labels;
pub mod site;

use md::{Anchors, Md, Table, md_cell, stamp_comment, stamp_lines};

/// The templates, compiled in: `(name, text)`.
const TEMPLATES: &[(&str, &str)] = &[
    (
        "components.md.tera",
        include_str!("../../../../templates/docs/components.md.tera"),
    ),
    (
        "index.md.tera",
        include_str!("../../../../templates/docs/index.md.tera"),
    ),
    (
        "summary.md.tera",
        include_str!("../../../../templates/docs/summary.md.tera"),
    ),
    (
        "nhn_locale.md.tera",
        include_str!("../../../../templates/docs/nhn_locale.md.tera"),
    ),
    (
        "kakao.md.tera",
        include_str!("../../../../templates/docs/kakao.md.tera"),
    ),
    (
        "roles.md.tera",
        include_str!("../../../../templates/docs/roles.md.tera"),
    ),
    (
        "report.md.tera",
        include_str!("../../../../templates/docs/report.md.tera"),
    ),
    (
        "changes.md.tera",
        include_str!("../../../../templates/docs/changes.md.tera"),
    ),
    (
        "ocsf.md.tera",
        include_str!("../../../../templates/docs/ocsf.md.tera"),
    ),
    (
        "book.toml.tera",
        include_str!("../../../../templates/book/book.toml.tera"),
    ),
];

/// The files this emitter writes, relative to `generated/`: the pages below `docs/`, and the
/// book's configuration and assets below `book/`.
pub fn emit(catalog: &Catalog, stamp: &Stamp) -> Tree {
    let tera = engine();
    let stamp_source = stamp;
    let stamp = stamp_comment(stamp);
    let render = |template: &str, ctx: tera::Context| -> String {
        let mut text = tera.render(template, &ctx).unwrap_or_else(|e| {
            panic!(
                "built-in template {template} failed to render: {}",
                chain(&e)
            )
        });
        // One trailing newline, whatever the template's last line does.
        while text.ends_with("\n\n") {
            text.pop();
        }
        if !text.ends_with('\n') {
            text.push('\n');
        }
        text
    };
    let mut tree = Tree::new();
    for locale in Locale::ALL {
        let page = nhn_page(catalog, locale, &stamp);
        tree.insert(
            format!("docs/nhn/{}.md", locale.code()),
            render("nhn_locale.md.tera", context(&page)),
        );
    }
    tree.insert(
        "docs/changes.md".into(),
        render("changes.md.tera", context(&changes_page(catalog, &stamp))),
    );
    tree.insert(
        "docs/kakao/events.md".into(),
        render("kakao.md.tera", context(&kakao_page(catalog, &stamp))),
    );
    tree.insert(
        "docs/roles.md".into(),
        render("roles.md.tera", context(&roles_page(catalog, &stamp))),
    );
    let report = trail_checks::report::report(catalog);
    tree.insert(
        "docs/ocsf.md".into(),
        render("ocsf.md.tera", context(&ocsf_page(catalog, &stamp))),
    );
    tree.insert(
        "docs/report.md".into(),
        render("report.md.tera", context(&report_page(&report, &stamp))),
    );
    tree.insert(
        "docs/index.md".into(),
        render(
            "index.md.tera",
            context(&index_page(catalog, &report, &stamp)),
        ),
    );
    tree.insert(
        "docs/SUMMARY.md".into(),
        render("summary.md.tera", context(&summary_page(&stamp))),
    );
    // book.toml is TOML, but no TOML serialiser is in the xtask tree and adding one for a file of
    // fixed values is not worth it: the template holds only literals, the stamp is the one value.
    let mut book_ctx = tera::Context::new();
    book_ctx.insert("stamp", &stamp_lines(stamp_source, "# ", ""));
    tree.insert("book/book.toml".into(), render("book.toml.tera", book_ctx));
    tree.insert(
        "book/catalogue.css".into(),
        stamp_lines(stamp_source, "/* ", " */") + "\n" + CATALOGUE_CSS,
    );
    tree.insert(
        "book/search.js".into(),
        stamp_lines(stamp_source, "// ", "") + "\n" + SEARCH_JS,
    );
    tree
}

/// The book's style sheet: tables that wrap long IDs inside their columns.
const CATALOGUE_CSS: &str = include_str!("../../../../templates/book/catalogue.css");
/// The book's script: the Pagefind search box, and the page language from the content.
const SEARCH_JS: &str = include_str!("../../../../templates/book/search.js");

/// The tera engine with the built-in templates and autoescape off (we escape in Rust).
fn engine() -> tera::Tera {
    let mut tera = tera::Tera::default();
    tera.autoescape_on(Vec::<&str>::new());
    tera.add_raw_templates(TEMPLATES.iter().copied())
        .unwrap_or_else(|e| panic!("built-in templates do not parse: {}", chain(&e)));
    tera
}

/// A tera error with its causes, for the (never expected) template bug message.
fn chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}

/// A page model as a tera context.
fn context<T: serde::Serialize>(page: &T) -> tera::Context {
    tera::Context::from_serialize(page).expect("page models are structs of strings")
}

/// `1 service`, `2 services`.
fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

// ---------------------------------------------------------------------------------------------
// Page list (index and SUMMARY.md)

/// A language's own name, with its code.
fn locale_name(locale: Locale) -> &'static str {
    match locale {
        Locale::Ko => "한국어 (ko)",
        Locale::En => "English (en)",
        Locale::Ja => "日本語 (ja)",
        Locale::Zh => "中文 (zh)",
    }
}

#[derive(Serialize)]
struct PageLink {
    title: Md,
    path: String,
}

#[derive(Serialize)]
struct Part {
    title: Md,
    pages: Vec<PageLink>,
}

/// Every page but the index, grouped as in SUMMARY.md: `(part, [(title, path)])`.
fn parts() -> Vec<(&'static str, Vec<(String, String)>)> {
    vec![
        (
            "NHN Cloud CloudTrail",
            Locale::ALL
                .iter()
                .map(|l| {
                    (
                        format!("{}: {}", Labels::of(*l).title, locale_name(*l)),
                        format!("nhn/{}.md", l.code()),
                    )
                })
                .chain([(
                    "Changes to the event lists".to_string(),
                    "changes.md".to_string(),
                )])
                .collect(),
        ),
        (
            "KakaoCloud Cloud Trail",
            vec![(
                "Organization and project events".into(),
                "kakao/events.md".into(),
            )],
        ),
        (
            "Both providers",
            vec![
                ("Who may view the events".into(), "roles.md".into()),
                ("Events by OCSF class and activity".into(), "ocsf.md".into()),
                ("Cross-check report".into(), "report.md".into()),
            ],
        ),
    ]
}

#[derive(Serialize)]
struct SummaryPage {
    stamp: String,
    parts: Vec<Part>,
}

fn summary_page(stamp: &str) -> SummaryPage {
    SummaryPage {
        stamp: stamp.to_owned(),
        parts: parts()
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

#[derive(Serialize)]
struct IndexPage {
    stamp: String,
    nhn: Table,
    nhn_changes: Md,
    kakao: Md,
    both: Vec<Md>,
}

fn index_page(
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

// ---------------------------------------------------------------------------------------------
// The OCSF page

#[derive(Serialize)]
struct OcsfPage {
    stamp: String,
    activities: Table,
    accounts: Option<Table>,
}

/// The OCSF summary: events per class and activity and provider, and every Authentication and
/// Account Change event.
fn ocsf_page(catalog: &Catalog, stamp: &str) -> OcsfPage {
    use trail_catalog::classify::{activity_name, class};
    use trail_catalog::model::Meaning;
    let all: Vec<(&str, &str, &Meaning)> = catalog
        .nhn
        .events
        .iter()
        .filter_map(|e| Some(("NHN", e.id.as_str(), e.meaning.as_ref()?)))
        .chain(
            catalog
                .kakao
                .events
                .iter()
                .filter_map(|e| Some(("KakaoCloud", e.key.as_str(), e.meaning.as_ref()?))),
        )
        .collect();
    // (class, activity) -> (NHN count, KakaoCloud count, actions)
    let mut by: BTreeMap<(u32, u32), (usize, usize, BTreeSet<&str>)> = BTreeMap::new();
    for (provider, _, m) in &all {
        let slot = by.entry((m.class_uid, m.activity_id)).or_default();
        if *provider == "NHN" {
            slot.0 += 1;
        } else {
            slot.1 += 1;
        }
        slot.2.insert(m.action.as_str());
    }
    let class_cell = |uid: u32| {
        Md::text(&format!(
            "{uid} {}",
            class(uid).map(|c| c.name).unwrap_or("(unknown class)")
        ))
    };
    let activity_cell = |c: u32, a: u32| {
        Md::text(&format!(
            "{a} {}",
            activity_name(c, a).unwrap_or("(unknown activity)")
        ))
    };
    let activities = Table::new(
        [
            "Class",
            "Activity",
            "NHN event IDs",
            "KakaoCloud events",
            "Actions",
        ],
        by.iter()
            .map(|((c, a), (nhn, kakao, actions))| {
                [
                    class_cell(*c),
                    activity_cell(*c, *a),
                    Md::markup(nhn.to_string()),
                    Md::markup(kakao.to_string()),
                    Md::text(&actions.iter().copied().collect::<Vec<_>>().join(", ")),
                ]
            })
            .collect(),
    );
    let mut accounts: Vec<&(&str, &str, &Meaning)> = all
        .iter()
        .filter(|(_, _, m)| m.class_uid != trail_catalog::classify::API_ACTIVITY)
        .collect();
    // By class and activity, then provider and ID: the table's order, not the catalogue's.
    accounts.sort_by_key(|(p, id, m)| (m.class_uid, m.activity_id, *p, *id));
    let accounts = (!accounts.is_empty()).then(|| {
        Table::new(
            [
                "Class",
                "Activity",
                "Provider",
                "Event",
                "Resource type",
                "Action",
            ],
            accounts
                .iter()
                .map(|(p, id, m)| {
                    [
                        class_cell(m.class_uid),
                        activity_cell(m.class_uid, m.activity_id),
                        Md::markup(*p),
                        Md::code(id),
                        Md::code(&m.resource_type),
                        Md::text(&m.action),
                    ]
                })
                .collect(),
        )
    });
    OcsfPage {
        stamp: stamp.to_owned(),
        activities,
        accounts,
    }
}

// ---------------------------------------------------------------------------------------------
// NHN pages

#[derive(Serialize)]
struct Section {
    anchor: String,
    title: Md,
    title_note: Md,
    count: usize,
    table: Table,
}

#[derive(Serialize)]
struct NhnPage {
    stamp: String,
    /// The page's language tag.
    lang: &'static str,
    title: Md,
    other_locales: Md,
    summary: Md,
    markers: Md,
    services_heading: Md,
    services: Vec<Section>,
}

/// The name cell of an event on the `locale` page, with its markers in that locale.
fn nhn_name_cell(e: &NhnEvent, locale: Locale) -> Md {
    let labels = Labels::of(locale);
    let missing = e.missing.contains(&locale);
    match e.display_name(locale) {
        Some((from, name)) if from == locale => {
            let cell = Md::text(name);
            if e.untranslated.contains(&locale) {
                cell.push(Md::markup(format!(" *({})*", labels.untranslated)))
            } else {
                cell
            }
        }
        Some((from, name)) => Md::text(name).push(Md::markup(format!(
            " *({})*",
            labels.fallback_note(locale, missing, from)
        ))),
        None => Md::markup(format!("*({})*", labels.no_name_note(locale, missing))),
    }
}

/// The meaning of an event in a table cell: the resource type, the action and the OCSF class and
/// activity numbers (`instance` create, 6003/1); the names of the numbers are on `ocsf.md`. The
/// space before the line break keeps the action and the numbers two words for a reader's copy and
/// for the site's search (the break alone would glue them: `create6003/1`).
fn meaning_cell(m: Option<&trail_catalog::model::Meaning>) -> Md {
    match m {
        Some(m) => Md::code(&m.resource_type)
            .push(Md::markup(" "))
            .push(Md::text(&m.action))
            .push(Md::markup(" <br>"))
            .push(Md::text(&format!("{}/{}", m.class_uid, m.activity_id))),
        None => Md::default(),
    }
}

/// The notes cell of an event: retired (with the date it was removed, when known) and the
/// editions other than `standard` whose lists name it. Empty for a plain listed event.
fn nhn_notes_cell(e: &NhnEvent, labels: &Labels) -> Md {
    let mut parts = Vec::new();
    if e.status == Status::Retired {
        let mut retired = format!("**{}**", labels.retired);
        if let Some(seen) = &e.removed {
            retired.push(' ');
            retired.push_str(&md_cell(&seen.date));
        }
        parts.push(Md::markup(retired));
    }
    let editions: Vec<&str> = e
        .editions
        .iter()
        .map(String::as_str)
        .filter(|ed| *ed != trail_catalog::model::nhn::ListKey::STANDARD)
        .collect();
    if !editions.is_empty() {
        parts.push(
            Md::markup(format!("*{}*: ", labels.editions)).push(Md::text(&editions.join(", "))),
        );
    }
    let mut cell = Md::default();
    for (i, part) in parts.into_iter().enumerate() {
        if i > 0 {
            cell = cell.push(Md::markup("<br>"));
        }
        cell = cell.push(part);
    }
    cell
}

fn nhn_page(catalog: &Catalog, locale: Locale, stamp: &str) -> NhnPage {
    let labels = Labels::of(locale);
    // Group events by service key; keys without a services.yaml entry still get a section
    // (titled by the key, marked), and events without any service get their own.
    let mut by_service: BTreeMap<&str, Vec<&NhnEvent>> = BTreeMap::new();
    for e in &catalog.nhn.events {
        if e.services.is_empty() {
            by_service.entry("").or_default().push(e);
        }
        for s in &e.services {
            by_service.entry(s.as_str()).or_default().push(e);
        }
    }
    for s in &catalog.nhn.services {
        by_service.entry(s.key.as_str()).or_default();
    }
    // Anchors come from the keys, in key order, so they are the same on every locale's page.
    let mut anchors = Anchors::default();
    let mut services: Vec<(u8, String, Section)> = by_service
        .into_iter()
        // Each service's events come by ID, each once: the catalogue's events are sorted by ID and
        // an event's services have no repeats (`Catalog::sort`).
        .map(|(key, events)| {
            // (order group, sort title, shown title, note): known services first, by the title
            // the reader sees; then services the catalogue does not know; then no service.
            let (group, sort_title, title, title_note) = match catalog.nhn.service(key) {
                Some(s) => match s.display_name(locale) {
                    Some((from, t)) if from == locale => (0, t, Md::text(t), Md::default()),
                    Some((from, t)) => (
                        0,
                        t,
                        Md::text(t),
                        Md::markup(format!(" *({})*", labels.title_note(locale, from))),
                    ),
                    None => (
                        0,
                        key,
                        Md::text(key),
                        Md::markup(format!(" *({})*", labels.no_title_anywhere)),
                    ),
                },
                None if key.is_empty() => (
                    2,
                    "",
                    Md::markup(labels.no_service),
                    Md::markup(format!(" *({})*", labels.no_service_note)),
                ),
                None => (
                    1,
                    key,
                    Md::text(key),
                    Md::markup(format!(" *({})*", labels.unknown_service_note)),
                ),
            };
            let rows = events
                .iter()
                .map(|e| {
                    [
                        nhn_name_cell(e, locale),
                        Md::code(&e.id),
                        meaning_cell(e.meaning.as_ref()),
                        nhn_notes_cell(e, labels),
                    ]
                })
                .collect();
            let section = Section {
                anchor: anchors.get("svc", if key.is_empty() { "none" } else { key }),
                title,
                title_note,
                count: events.len(),
                table: Table::new(labels.header, rows),
            };
            (group, sort_title.to_lowercase(), section)
        })
        .collect();
    // Stable sort: equal titles keep key order.
    services.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    let services = services.into_iter().map(|(_, _, s)| s).collect();
    let others: Vec<Md> = Locale::ALL
        .iter()
        .filter(|l| **l != locale)
        .map(|l| Md::link(locale_name(*l), &format!("{}.md", l.code())))
        .collect();
    let mut other_locales = Md::markup(format!("{} ", labels.other_locales));
    for (i, link) in others.into_iter().enumerate() {
        if i > 0 {
            other_locales = other_locales.push(Md::markup(" · "));
        }
        other_locales = other_locales.push(link);
    }
    other_locales = other_locales
        .push(Md::markup(" · "))
        .push(Md::link(labels.all_pages, "../index.md"));
    let events = &catalog.nhn.events;
    let retired = events
        .iter()
        .filter(|e| e.status == Status::Retired)
        .count();
    let named = events
        .iter()
        .filter(|e| e.names.contains_key(&locale))
        .count();
    let summary = Md::markup(md_cell(&labels.summary(
        locale,
        events.len(),
        events.len() - retired,
        retired,
        catalog.nhn.services.len(),
        named,
    )));
    NhnPage {
        stamp: stamp.to_owned(),
        lang: labels.lang,
        title: Md::markup(format!(
            "{}: {}",
            labels.title,
            md_cell(locale_name(locale))
        )),
        other_locales,
        summary,
        markers: Md::markup(labels.markers),
        services_heading: Md::markup(labels.services),
        services,
    }
}

// ---------------------------------------------------------------------------------------------
// Changes page

#[derive(Serialize)]
struct ChangesPage {
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

fn changes_page(catalog: &Catalog, stamp: &str) -> ChangesPage {
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

// ---------------------------------------------------------------------------------------------
// KakaoCloud page

#[derive(Serialize)]
struct ScopeSection {
    title: Md,
    summary: Md,
    services: Vec<Section>,
}

#[derive(Serialize)]
struct KakaoPage {
    stamp: String,
    scopes: Vec<ScopeSection>,
    /// Events the pages no longer list, kept so that old logs resolve; `None` when there are none.
    retired: Option<Table>,
    versions: Table,
}

fn kakao_page(catalog: &Catalog, stamp: &str) -> KakaoPage {
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

// ---------------------------------------------------------------------------------------------
// Roles page

#[derive(Serialize)]
struct RolesPage {
    stamp: String,
    nhn: Table,
    nhn_notes: Md,
    kakao: Table,
    kakao_changes: Table,
}

fn scopes_cell(scopes: &Option<Vec<Scope>>, none: &'static str) -> Md {
    match scopes {
        None => Md::markup(format!("*({none})*")),
        Some(s) if s.is_empty() => Md::markup("nothing"),
        Some(s) => Md::markup(s.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")),
    }
}

fn kind_str(kind: RoleKind) -> &'static str {
    match kind {
        RoleKind::Organization => "organization",
        RoleKind::Project => "project",
    }
}

fn roles_page(catalog: &Catalog, stamp: &str) -> RolesPage {
    let nhn_roles = &catalog.roles.nhn;
    let sources =
        |refs: &mut dyn Iterator<Item = String>| Md::text(&refs.collect::<Vec<_>>().join(", "));
    let who = |a: &NhnAccess| match &a.rule {
        NhnAccessRule::Permission => Md::markup("organization members with CloudTrail permissions"),
        NhnAccessRule::Roles { roles } => {
            Md::markup("only the organization roles ").push(Md::text(&roles.join(", ")))
        }
    };
    let statement = |a: &NhnAccess| {
        localized::shown(&a.statements)
            .map(Md::text)
            .unwrap_or_default()
    };
    let nhn = Table::new(
        ["Overview", "Who may use CloudTrail", "As stated", "Source"],
        nhn_roles
            .access
            .iter()
            .map(|a| (Md::markup("current"), a))
            .chain(
                nhn_roles
                    .history
                    .iter()
                    .map(|a| (Md::markup("earlier, no longer in force"), a)),
            )
            .map(|(when, a)| {
                [
                    when,
                    who(a),
                    statement(a),
                    sources(&mut a.sources.iter().map(|s| s.to_string())),
                ]
            })
            .collect(),
    );
    let mut notes = Md::markup("Search API v2.0: needs the IAM permission ");
    notes = notes.push(match &nhn_roles.api_permission {
        Some(p) => Md::text(p),
        None => Md::markup("*(not documented)*"),
    });
    notes = notes.push(Md::markup(
        " (the guide states the permission only; it names no role). User console: ",
    ));
    notes = notes.push(Md::markup(if nhn_roles.user_console {
        "available, as the newest overview that mentions it says."
    } else {
        "not available, as the newest overview that mentions it says."
    }));
    notes = notes
        .push(Md::markup(" Sources: "))
        .push(if nhn_roles.sources.is_empty() {
            Md::markup("*(none)*")
        } else {
            sources(&mut nhn_roles.sources.iter().map(|s| s.to_string()))
        });
    // Rules and changes by kind, then role, as the catalogue keeps them (`Catalog::sort`).
    let rules = &catalog.roles.kakao.rules;
    // ✓ alone; "✓ with a project role" where the page grants the scope only to a user who also
    // holds a project role; — otherwise.
    let tick = |r: &trail_catalog::model::roles::RoleRule, scope: Scope| {
        Md::markup(if r.may_view.contains(&scope) {
            "✓"
        } else if r.with_project_role.contains(&scope) {
            "✓ with a project role"
        } else {
            "—"
        })
    };
    let kakao = Table::new(
        [
            "Role",
            "Kind",
            "Organization events",
            "Project events",
            "Source",
        ],
        rules
            .iter()
            .map(|r| {
                [
                    Md::text(&r.role),
                    Md::markup(kind_str(r.kind)),
                    tick(r, Scope::Organization),
                    tick(r, Scope::Project),
                    Md::code(&r.source.to_string()),
                ]
            })
            .collect(),
    );
    let changes = &catalog.roles.kakao.changes;
    let opt_ref = |r: &Option<trail_catalog::SourceRef>| {
        r.as_ref()
            .map(|r| Md::code(&r.to_string()))
            .unwrap_or_default()
    };
    let kakao_changes = Table::new(
        [
            "Role",
            "Kind",
            "Earlier revision",
            "Later revision",
            "Earlier source",
            "Later source",
        ],
        changes
            .iter()
            .map(|c| {
                [
                    Md::text(&c.role),
                    Md::markup(kind_str(c.kind)),
                    scopes_cell(&c.earlier, "not named"),
                    scopes_cell(&c.later, "dropped"),
                    opt_ref(&c.earlier_source),
                    opt_ref(&c.later_source),
                ]
            })
            .collect(),
    );
    RolesPage {
        stamp: stamp.to_owned(),
        nhn,
        nhn_notes: notes,
        kakao,
        kakao_changes,
    }
}

// ---------------------------------------------------------------------------------------------
// Report page

#[derive(Serialize)]
struct ReportPage {
    stamp: String,
    summary: Md,
    coverage: Table,
    by_code: Table,
    groups: Vec<FindingGroup>,
    unused_waivers: Table,
}

/// The findings of one code and severity: a heading and a collapsed table.
#[derive(Serialize)]
struct FindingGroup {
    anchor: String,
    code: Md,
    severity: &'static str,
    count: usize,
    waived: usize,
    table: Table,
}

fn report_page(report: &trail_checks::report::Report<'_>, stamp: &str) -> ReportPage {
    let s = report.summary;
    let summary = Md::markup(format!(
        "{}: {}, {}, {} not waived; {} waived.",
        plural(report.findings.len(), "finding"),
        plural(s.errors, "error"),
        plural(s.warnings, "warning"),
        plural(s.infos, "note"),
        s.waived
    ));
    // By locale, as the catalogue keeps it (`Catalog::sort`).
    let coverage = Table::new(
        [
            "Locale",
            "Listed events",
            "Named",
            "Named %",
            "Untranslated",
        ],
        report
            .coverage
            .iter()
            .map(|c| {
                let pct = if c.events == 0 {
                    0.0
                } else {
                    100.0 * f64::from(c.named) / f64::from(c.events)
                };
                [
                    Md::markup(c.locale.code()),
                    Md::markup(c.events.to_string()),
                    Md::markup(c.named.to_string()),
                    Md::markup(format!("{pct:.1}%")),
                    Md::markup(c.untranslated.to_string()),
                ]
            })
            .collect(),
    );
    // (severity, code) -> findings: errors first, then warnings, then notes; by code within.
    let mut groups: BTreeMap<
        (trail_catalog::Severity, &str),
        Vec<&trail_checks::report::Entry<'_>>,
    > = BTreeMap::new();
    for e in &report.findings {
        groups
            .entry((e.diagnostic.severity, e.diagnostic.code.as_str()))
            .or_default()
            .push(e);
    }
    let mut anchors = Anchors::default();
    let groups: Vec<FindingGroup> = groups
        .into_iter()
        .map(|((severity, code), entries)| {
            let waived = entries.iter().filter(|e| e.waived.is_some()).count();
            let table = Table::new(
                ["Where", "Subject", "Message", "Waived"],
                entries
                    .iter()
                    .map(|e| {
                        let d = e.diagnostic;
                        [
                            Md::code(&d.at.to_string()),
                            d.subject.as_deref().map(Md::code).unwrap_or_default(),
                            Md::text(&d.message),
                            match e.waived {
                                Some(reason) => Md::markup("**waived**: ").push(Md::text(reason)),
                                None => Md::default(),
                            },
                        ]
                    })
                    .collect(),
            );
            FindingGroup {
                anchor: anchors.get("f", &format!("{code} {}", severity.as_str())),
                code: Md::text(code),
                severity: severity.as_str(),
                count: entries.len(),
                waived,
                table,
            }
        })
        .collect();
    let by_code = Table::new(
        ["Severity", "Code", "Findings", "Waived"],
        groups
            .iter()
            .map(|g| {
                [
                    Md::markup(g.severity),
                    Md::markup(format!("[{}](#{})", g.code.as_str(), g.anchor)),
                    Md::markup(g.count.to_string()),
                    Md::markup(g.waived.to_string()),
                ]
            })
            .collect(),
    );
    let unused_waivers = Table::new(
        ["Code", "Subject", "Reason"],
        report
            .unused_waivers
            .iter()
            .map(|w| {
                [
                    Md::text(&w.code),
                    w.subject
                        .as_deref()
                        .map(Md::text)
                        .unwrap_or_else(|| Md::markup("*(every subject)*")),
                    Md::text(&w.reason),
                ]
            })
            .collect(),
    );
    ReportPage {
        stamp: stamp.to_owned(),
        summary,
        coverage,
        by_code,
        groups,
        unused_waivers,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_catalogue_renders_every_page_with_placeholders() {
        let stamp = Stamp {
            command: "cargo xtask gen".into(),
            catalog_hash: "sha256:00".into(),
        };
        let tree = emit(&Catalog::default(), &stamp);
        assert_eq!(tree.len(), 14);
        let ko = &tree["docs/nhn/ko.md"];
        assert!(ko.contains("## 서비스\n\n*(none)*\n"), "{ko}");
        assert!(tree["docs/changes.md"].contains("No changes are recorded yet"));
        assert!(
            tree["docs/kakao/events.md"]
                .contains("## Project events\n\n0 events in 0 services.\n\n*(none)*\n")
        );
        assert!(tree["docs/report.md"].contains("## Findings\n\n*(none)*\n"));
        for (path, text) in &tree {
            assert!(
                text.ends_with('\n') && !text.ends_with("\n\n"),
                "{path} must end with one newline"
            );
            assert!(!text.contains("\n\n\n"), "{path} has a run of blank lines");
        }
    }

    #[test]
    fn events_of_unknown_or_no_service_still_get_a_marked_section() {
        use trail_catalog::model::NhnEvent;
        let event = |id: &str, services: &[&str]| NhnEvent {
            id: id.into(),
            services: services.iter().map(|s| s.to_string()).collect(),
            names: BTreeMap::from([(Locale::Ko, "이름".to_string())]),
            untranslated: vec![],
            missing: vec![],
            status: Status::Listed,
            sources: vec![],
            ..Default::default()
        };
        let mut catalog = Catalog::default();
        catalog.nhn.events = vec![event("event_id.a", &["ghost"]), event("event_id.b", &[])];
        let stamp = Stamp {
            command: "cargo xtask gen".into(),
            catalog_hash: "sha256:00".into(),
        };
        let en = &emit(&catalog, &stamp)["docs/nhn/en.md"];
        assert!(
            en.contains("### No service *(events listed under no service)*"),
            "{en}"
        );
        assert!(
            en.contains("### ghost *(service not in the catalogue's services)*"),
            "{en}"
        );
        // No notes in the table: the notes column is left out.
        assert!(
            en.contains("| 이름 *(no English name; Korean name)* | `event_id.b` |\n"),
            "{en}"
        );
        let ja = &emit(&catalog, &stamp)["docs/nhn/ja.md"];
        assert!(
            ja.contains("### サービスなし *(サービスなしで掲載されたイベント)*"),
            "{ja}"
        );
        assert!(
            ja.contains("| 이름 *(日本語名なし; 韓国語名)* | `event_id.b` |\n"),
            "{ja}"
        );
    }

    #[test]
    fn versions_sort_as_versions() {
        let mut v = vec!["2.0.0", "1.0.1", "1.10", "1.9", "v1.2", "3.1-beta", "3.1"];
        v.sort_by(|a, b| version_key(a).cmp(&version_key(b)).then_with(|| a.cmp(b)));
        assert_eq!(
            v,
            ["1.0.1", "v1.2", "1.9", "1.10", "2.0.0", "3.1", "3.1-beta"]
        );
    }

    #[test]
    fn retired_events_show_the_removal_date_and_other_editions_are_named() {
        use trail_catalog::model::{NhnEvent, Seen};
        let e = NhnEvent {
            id: "event_id.a".into(),
            status: Status::Retired,
            removed: Some(Seen {
                date: "2024-05-01".into(),
                commit: None,
            }),
            editions: vec!["gov".into(), "standard".into()],
            ..Default::default()
        };
        assert_eq!(
            nhn_notes_cell(&e, Labels::of(Locale::En)).as_str(),
            "**retired** 2024-05-01<br>*editions*: gov"
        );
        assert_eq!(
            nhn_notes_cell(&e, Labels::of(Locale::Ko)).as_str(),
            "**폐기** 2024-05-01<br>*에디션*: gov"
        );
        let plain = NhnEvent {
            editions: vec!["standard".into()],
            ..Default::default()
        };
        assert!(nhn_notes_cell(&plain, Labels::of(Locale::En)).is_empty());
    }

    /// Tera prints values as they are: template syntax inside data is never evaluated. The values
    /// are those of the roles page (`pages::roles::RolesPage`), set one by one.
    #[test]
    fn tera_never_reinterprets_values() {
        let tera = engine();
        let table = Table::new(
            ["{# c #}"],
            vec![[Md::markup("{{ stamp }} {% if true %}x{% endif %}")]],
        );
        let mut ctx = tera::Context::new();
        ctx.insert("stamp", "S");
        ctx.insert("nhn", &table);
        ctx.insert("nhn_notes", &Md::markup("{{ nhn_notes }}"));
        ctx.insert("kakao", &table);
        ctx.insert("kakao_changes", &table);
        let out = tera.render("roles.md.tera", &ctx).unwrap();
        assert!(
            out.contains("| {{ stamp }} {% if true %}x{% endif %} |"),
            "{out}"
        );
        assert!(out.contains("| {# c #} |"), "{out}");
        assert!(out.contains("\n{{ nhn_notes }}\n"), "{out}");
    }
}
