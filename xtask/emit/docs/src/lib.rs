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
//! docs/ocsf.md           events per OCSF class and activity, and every sign-in and account event
//! docs/report.md         the cross-check report: coverage, findings by severity and code (collapsed)
//! book/book.toml         mdBook configuration (`mdbook build generated/book`)
//! book/catalogue.css     tables that wrap long IDs inside their column
//! book/search.js         the Pagefind search box: the page's language first, then the others
//! ```
//!
//! [`site::finish_page`] finishes each page mdBook builds from these (`cargo xtask book`): the
//! page's own `<html lang>`, break points in IDs, and table text Pagefind indexes as words.
//!
//! # Rooms
//!
//! ```text
//! lib.rs          emit: the page list, the tera engine with the built-in templates, rendering
//! md.rs           markdown escaping (md_cell), Md, Table, anchors, the stamp as a comment
//! pages/          one page model per generated page, built from the catalogue:
//!   mod.rs          what several pages share (a service's section, the meaning cell, plurals)
//!   index.rs        docs/index.md and docs/SUMMARY.md
//!   nhn.rs          docs/nhn/<locale>.md
//!   changes.rs      docs/changes.md
//!   kakao.rs        docs/kakao/events.md
//!   roles.rs        docs/roles.md
//!   ocsf.rs         docs/ocsf.md
//!   report.rs       docs/report.md
//! labels.rs       the fixed words of the NHN pages, in each locale
//! site.rs         the last step of `cargo xtask book`: finishing the HTML mdBook wrote
//! ```
//!
//! A page model only formats what the catalogue says; it decides nothing the catalogue should own.
//! To add a page: a model in `pages/`, its template in `templates/docs/` (listed in `TEMPLATES`),
//! its line in [`emit`] and its entry in the page list (`parts`) and on the index.
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
//!
//! What it may not touch: it sees only the [`Catalog`] it is given (never a document nor a file
//! of `catalog/`), formats what the catalogue model decides (names, order, meanings) without
//! deciding again, and writes nothing: it returns the files, which the CLI writes.

#![warn(missing_docs)]

use trail_catalog::Catalog;
use trail_catalog::Locale;
use trail_catalog::hash::Stamp;
use trail_catalog::io::Tree;

mod labels;
pub use labels::Labels;
mod md;
mod pages;
pub mod site;

use md::{stamp_comment, stamp_lines};
use pages::{changes, index, kakao, locale_name, nhn, ocsf, report, roles};

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
        let page = nhn::nhn_page(catalog, locale, &stamp);
        tree.insert(
            format!("docs/nhn/{}.md", locale.code()),
            render("nhn_locale.md.tera", context(&page)),
        );
    }
    tree.insert(
        "docs/changes.md".into(),
        render(
            "changes.md.tera",
            context(&changes::changes_page(catalog, &stamp)),
        ),
    );
    tree.insert(
        "docs/kakao/events.md".into(),
        render(
            "kakao.md.tera",
            context(&kakao::kakao_page(catalog, &stamp)),
        ),
    );
    tree.insert(
        "docs/roles.md".into(),
        render(
            "roles.md.tera",
            context(&roles::roles_page(catalog, &stamp)),
        ),
    );
    let report = trail_checks::report::report(catalog);
    tree.insert(
        "docs/ocsf.md".into(),
        render("ocsf.md.tera", context(&ocsf::ocsf_page(catalog, &stamp))),
    );
    tree.insert(
        "docs/report.md".into(),
        render(
            "report.md.tera",
            context(&report::report_page(&report, &stamp)),
        ),
    );
    tree.insert(
        "docs/index.md".into(),
        render(
            "index.md.tera",
            context(&index::index_page(catalog, &report, &stamp)),
        ),
    );
    tree.insert(
        "docs/SUMMARY.md".into(),
        render("summary.md.tera", context(&index::summary_page(&stamp))),
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

/// The page list: every page but the index, grouped as in SUMMARY.md: `(part, [(title, path)])`.
/// [`emit`] writes each of them; a new page needs its entry here.
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

#[cfg(test)]
mod tests {
    use super::*;
    use md::{Md, Table};

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
