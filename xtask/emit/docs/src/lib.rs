//! Stage 4: human-facing markdown tables in `generated/docs`, rendered with tera templates from
//! `templates/docs/`.
//!
//! ```text
//! docs/index.md          index: links every page, with counts (mdBook renders it as index.html)
//! docs/SUMMARY.md        mdBook table of contents (point mdBook's `src` at docs/)
//! docs/nhn/<locale>.md   NHN events of one locale (ko, en, ja, zh), a section per service
//! docs/kakao/events.md   KakaoCloud organization and project events by service and resource type
//! docs/roles.md          who may view what, both providers, and NHN's API permission
//! docs/report.md         the cross-check report: coverage, findings (waived ones marked)
//! ```
//!
//! # Escaping
//!
//! Every piece of catalogue text is escaped in Rust by [`md_cell`] before it reaches a template,
//! and templates only ever see [`Md`] values, which can only be built by escaping (or from this
//! crate's own fixed markup). Tera's autoescape is turned **off** (`autoescape_on(vec![])`): its
//! HTML escaping is wrong for markdown (it does not touch `|`, `*` or `_`, and would double-escape
//! the entities `md_cell` writes). Tera never re-reads values as template syntax, so `{{ x }}` in a
//! name is just text; `md_cell` still writes braces as entities because mdBook's preprocessor
//! would act on `{{#include ...}}` in the page text.
//!
//! Templates are compiled in with `include_str!`, so `cargo xtask gen` does not depend on the
//! working directory. Each page starts with the [`Stamp`] as an HTML comment ([`stamp_comment`]).
//! Links between pages are relative `.md` links, as mdBook wants; section anchors are explicit
//! `<a id>` elements with stable ASCII slugs ([`anchor_slug`]) so they are the same in every locale.

#![warn(missing_docs)]

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use trail_catalog::Catalog;
use trail_catalog::Locale;
use trail_catalog::hash::Stamp;
use trail_catalog::io::Tree;
use trail_catalog::model::kakao::Scope;
use trail_catalog::model::roles::{NhnAccess, NhnAccessRule, RoleKind};
use trail_catalog::model::{NhnEvent, Status};

/// The templates, compiled in: `(name, text)`.
const TEMPLATES: &[(&str, &str)] = &[
    ("macros.md.tera", include_str!("../../../../templates/docs/macros.md.tera")),
    ("index.md.tera", include_str!("../../../../templates/docs/index.md.tera")),
    ("summary.md.tera", include_str!("../../../../templates/docs/summary.md.tera")),
    ("nhn_locale.md.tera", include_str!("../../../../templates/docs/nhn_locale.md.tera")),
    ("kakao.md.tera", include_str!("../../../../templates/docs/kakao.md.tera")),
    ("roles.md.tera", include_str!("../../../../templates/docs/roles.md.tera")),
    ("report.md.tera", include_str!("../../../../templates/docs/report.md.tera")),
];

/// The files this emitter writes, relative to `generated/` (all below `docs/`).
pub fn emit(catalog: &Catalog, stamp: &Stamp) -> Tree {
    let tera = engine();
    let stamp = stamp_comment(stamp);
    let render = |template: &str, ctx: tera::Context| -> String {
        let mut text = tera
            .render(template, &ctx)
            .unwrap_or_else(|e| panic!("built-in template {template} failed to render: {}", chain(&e)));
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
        tree.insert(format!("docs/nhn/{}.md", locale.code()), render("nhn_locale.md.tera", context(&page)));
    }
    tree.insert("docs/kakao/events.md".into(), render("kakao.md.tera", context(&kakao_page(catalog, &stamp))));
    tree.insert("docs/roles.md".into(), render("roles.md.tera", context(&roles_page(catalog, &stamp))));
    let report = trail_checks::report::report(catalog);
    tree.insert("docs/report.md".into(), render("report.md.tera", context(&report_page(&report, &stamp))));
    tree.insert("docs/index.md".into(), render("index.md.tera", context(&index_page(catalog, &report, &stamp))));
    tree.insert("docs/SUMMARY.md".into(), render("summary.md.tera", context(&summary_page(&stamp))));
    tree
}

/// The tera engine with the built-in templates and autoescape off (we escape in Rust).
fn engine() -> tera::Tera {
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![]);
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

// ---------------------------------------------------------------------------------------------
// Escaping

/// Escapes text for use inside a markdown table cell (and any other inline position: headings,
/// list items, link text), so that it renders as exactly that text and never changes the
/// structure around it.
///
/// * `|` becomes `\|` (a GFM table keeps its column count); `\` becomes `\\`.
/// * a newline (`\n`, `\r\n` or `\r`) becomes `<br>`.
/// * `<`, `>`, `&` become `&lt;`, `&gt;`, `&amp;` (no HTML, no entity reinterpretation).
/// * `{` and `}` become `&#123;` and `&#125;` (mdBook's `{{#include}}` preprocessor never fires).
/// * `*`, `_`, `` ` ``, `[`, `]`, `~`, `#` are backslash-escaped (no emphasis, code, links,
///   strikethrough or heading-closing sequences).
/// * other C0 control characters and DEL become their visible Unicode control pictures
///   (U+2400 block), since markdown cannot show them.
///
/// Everything else (quotes, emoji, right-to-left text) is kept as it is.
pub fn md_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '|' => out.push_str("\\|"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("<br>");
            }
            '\n' => out.push_str("<br>"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '{' => out.push_str("&#123;"),
            '}' => out.push_str("&#125;"),
            '*' | '_' | '`' | '[' | ']' | '~' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\t' => out.push(c),
            '\u{7f}' => out.push('\u{2421}'),
            c if (c as u32) < 0x20 => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}')),
            c => out.push(c),
        }
    }
    out
}

/// The stamp as an HTML comment, the first line of every page. `--` inside is broken up (`- -`)
/// because it may not appear inside an HTML comment.
pub fn stamp_comment(stamp: &Stamp) -> String {
    let mut text = stamp.lines().join(" ");
    while text.contains("--") {
        text = text.replace("--", "- -");
    }
    format!("<!-- {text} -->")
}

/// A stable ASCII anchor: `prefix-` and the text's ASCII letters and digits, lowercased, runs of
/// anything else folded to one `-`. Text with no ASCII letters or digits gives just the prefix;
/// callers make anchors unique with [`Anchors`].
pub fn anchor_slug(prefix: &str, text: &str) -> String {
    let mut out = String::from(prefix);
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if !out.ends_with('-') && out.len() == prefix.len() {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && out.len() > prefix.len() {
            out.push('-');
        }
    }
    while out.ends_with('-') && out.len() > prefix.len() {
        out.pop();
    }
    out
}

/// Hands out unique anchors within one page: a repeated slug gets `-2`, `-3`, ...
#[derive(Debug, Default)]
pub struct Anchors(BTreeSet<String>);

impl Anchors {
    /// A unique anchor for `text` on this page.
    pub fn get(&mut self, prefix: &str, text: &str) -> String {
        let base = anchor_slug(prefix, text);
        let mut candidate = base.clone();
        let mut n = 2;
        while !self.0.insert(candidate.clone()) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        candidate
    }
}

/// Markdown that is safe to place inline: escaped catalogue text, this crate's fixed markup, or a
/// concatenation of those. The only kind of value the templates receive.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Md(String);

impl Md {
    /// Catalogue text, escaped with [`md_cell`].
    pub fn text(s: &str) -> Md {
        Md(md_cell(s))
    }

    /// This crate's own markup (never catalogue text).
    fn markup(s: impl Into<String>) -> Md {
        Md(s.into())
    }

    /// A relative link to another page or an anchor, with escaped link text.
    fn link(text: &str, target: &str) -> Md {
        Md(format!("[{}]({target})", md_cell(text)))
    }

    /// Appends another piece.
    fn push(mut self, other: Md) -> Md {
        self.0.push_str(&other.0);
        self
    }

    /// The markdown.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A table: header and rows of the same width (the constructor takes arrays, so the compiler
/// checks every row has the header's column count).
#[derive(Debug, Clone, Serialize)]
struct Table {
    header: Vec<Md>,
    rows: Vec<Vec<Md>>,
}

impl Table {
    fn new<const N: usize>(header: [&'static str; N], rows: Vec<[Md; N]>) -> Table {
        Table {
            header: header.into_iter().map(Md::markup).collect(),
            rows: rows.into_iter().map(Vec::from).collect(),
        }
    }
}

/// `1 service`, `2 services`.
fn plural(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
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
                .map(|l| (format!("Events: {}", locale_name(*l)), format!("nhn/{}.md", l.code())))
                .collect(),
        ),
        ("KakaoCloud Cloud Trail", vec![("Organization and project events".into(), "kakao/events.md".into())]),
        (
            "Both providers",
            vec![
                ("Who may view the events".into(), "roles.md".into()),
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
                pages: pages.into_iter().map(|(t, path)| PageLink { title: Md::text(&t), path }).collect(),
            })
            .collect(),
    }
}

#[derive(Serialize)]
struct IndexPage {
    stamp: String,
    nhn: Table,
    kakao: Md,
    both: Vec<Md>,
}

fn index_page(catalog: &Catalog, report: &trail_checks::report::Report<'_>, stamp: &str) -> IndexPage {
    let nhn = Table::new(
        ["Locale", "Event IDs", "Named in this locale", "Untranslated", "Not in this locale's list"],
        Locale::ALL
            .iter()
            .map(|&l| {
                let events = &catalog.nhn.events;
                let named = events.iter().filter(|e| e.names.contains_key(&l)).count();
                let untranslated = events.iter().filter(|e| e.untranslated.contains(&l)).count();
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
    let count = |scope: Scope| catalog.kakao.events.iter().filter(|e| e.scope == scope).count();
    let services: BTreeSet<&str> = catalog.kakao.events.iter().map(|e| e.service.as_str()).collect();
    let kakao = Md::link("Organization and project events", "kakao/events.md").push(Md::markup(format!(
        ": {} and {} in {}.",
        plural(count(Scope::Organization), "organization event"),
        plural(count(Scope::Project), "project event"),
        plural(services.len(), "service")
    )));
    let s = report.summary;
    let both = vec![
        Md::link("Who may view the events", "roles.md")
            .push(Md::markup(": the role matrix of both providers and the search API's permission.")),
        Md::link("Cross-check report", "report.md").push(Md::markup(format!(
            ": {}, {}, {} not waived; {} waived.",
            plural(s.errors, "error"),
            plural(s.warnings, "warning"),
            plural(s.infos, "note"),
            s.waived
        ))),
    ];
    IndexPage { stamp: stamp.to_owned(), nhn, kakao, both }
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
    locale: &'static str,
    locale_name: &'static str,
    other_locales: Md,
    summary: Md,
    services: Vec<Section>,
}

/// The first name in the order en, ko, ja, zh, skipping `locale`.
fn fallback(names: &BTreeMap<Locale, String>, locale: Locale) -> Option<(Locale, &str)> {
    [Locale::En, Locale::Ko, Locale::Ja, Locale::Zh]
        .into_iter()
        .filter(|l| *l != locale)
        .find_map(|l| names.get(&l).map(|n| (l, n.as_str())))
}

/// The name cell of an event on the `locale` page, with its markers.
fn nhn_name_cell(e: &NhnEvent, locale: Locale) -> Md {
    let code = locale.code();
    if let Some(name) = e.names.get(&locale) {
        let cell = Md::text(name);
        return if e.untranslated.contains(&locale) { cell.push(Md::markup(" *(untranslated)*")) } else { cell };
    }
    let why = if e.missing.contains(&locale) {
        format!("not in the {code} list")
    } else {
        format!("no {code} name")
    };
    match fallback(&e.names, locale) {
        Some((from, name)) => Md::text(name).push(Md::markup(format!(" *({why}; {} name)*", from.code()))),
        None => Md::markup(format!("*({why}; no name in any locale)*")),
    }
}

fn nhn_page(catalog: &Catalog, locale: Locale, stamp: &str) -> NhnPage {
    // Group events by service key, in key order; keys without a services.yaml entry still get a
    // section (titled by the key, marked), and events without any service get their own.
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
    let mut anchors = Anchors::default();
    let services = by_service
        .into_iter()
        .map(|(key, mut events)| {
            events.sort_by(|a, b| a.id.cmp(&b.id));
            events.dedup_by(|a, b| a.id == b.id);
            let (title, title_note) = match catalog.nhn.service(key) {
                Some(s) => match s.names.get(&locale) {
                    Some(t) => (Md::text(t), Md::default()),
                    None => match fallback(&s.names, locale) {
                        Some((from, t)) => (
                            Md::text(t),
                            Md::markup(format!(" *(no {} title; {} shown)*", locale.code(), from.code())),
                        ),
                        None => (Md::text(key), Md::markup(" *(no title in any locale)*")),
                    },
                },
                None if key.is_empty() => (Md::markup("No service"), Md::markup(" *(events listed under no service)*")),
                None => (Md::text(key), Md::markup(" *(service not in the catalogue's services)*")),
            };
            let rows = events
                .iter()
                .map(|e| {
                    let retired = match e.status {
                        Status::Retired => Md::markup("**retired**"),
                        Status::Listed => Md::default(),
                    };
                    [Md::text(&e.id), nhn_name_cell(e, locale), retired]
                })
                .collect();
            Section {
                anchor: anchors.get("svc", if key.is_empty() { "none" } else { key }),
                title,
                title_note,
                count: events.len(),
                table: Table::new(["Event ID", "Name", "Retired"], rows),
            }
        })
        .collect();
    let others: Vec<Md> = Locale::ALL
        .iter()
        .filter(|l| **l != locale)
        .map(|l| Md::link(locale_name(*l), &format!("{}.md", l.code())))
        .collect();
    let mut other_locales = Md::markup("Other locales: ");
    for (i, link) in others.into_iter().enumerate() {
        if i > 0 {
            other_locales = other_locales.push(Md::markup(" · "));
        }
        other_locales = other_locales.push(link);
    }
    other_locales = other_locales.push(Md::markup(" · ")).push(Md::link("all pages", "../index.md"));
    let events = &catalog.nhn.events;
    let retired = events.iter().filter(|e| e.status == Status::Retired).count();
    let named = events.iter().filter(|e| e.names.contains_key(&locale)).count();
    let summary = Md::markup(format!(
        "{} ({} listed, {} retired) in {}; {} named in {}.",
        plural(events.len(), "event ID"),
        events.len() - retired,
        retired,
        plural(catalog.nhn.services.len(), "service"),
        named,
        locale.code()
    ));
    NhnPage {
        stamp: stamp.to_owned(),
        locale: locale.code(),
        locale_name: locale_name(locale),
        other_locales,
        summary,
        services,
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
    versions: Table,
}

fn kakao_page(catalog: &Catalog, stamp: &str) -> KakaoPage {
    let mut anchors = Anchors::default();
    let scopes = [(Scope::Organization, "Organization events", "org"), (Scope::Project, "Project events", "project")]
        .into_iter()
        .map(|(scope, title, prefix)| {
            let mut by_service: BTreeMap<&str, Vec<_>> = BTreeMap::new();
            for e in catalog.kakao.events.iter().filter(|e| e.scope == scope) {
                by_service.entry(e.service.as_str()).or_default().push(e);
            }
            let total: usize = by_service.values().map(Vec::len).sum();
            let services = by_service
                .into_iter()
                .map(|(service, mut events)| {
                    events.sort_by(|a, b| {
                        (&a.resource_type, &a.name.en, &a.key).cmp(&(&b.resource_type, &b.name.en, &b.key))
                    });
                    let rows = events
                        .iter()
                        .map(|e| {
                            [
                                Md::text(&e.resource_type),
                                Md::text(&e.name.en),
                                e.name.ko.as_deref().map(Md::text).unwrap_or_default(),
                                e.description.as_deref().map(Md::text).unwrap_or_default(),
                                Md::text(&e.key),
                            ]
                        })
                        .collect();
                    Section {
                        anchor: anchors.get(prefix, service),
                        title: Md::text(service),
                        title_note: Md::default(),
                        count: events.len(),
                        table: Table::new(["Resource type", "Event", "Korean name", "Description", "Key"], rows),
                    }
                })
                .collect::<Vec<_>>();
            ScopeSection {
                title: Md::markup(title),
                summary: Md::markup(format!("{} in {}.", plural(total, "event"), plural(services.len(), "service"))),
                services,
            }
        })
        .collect();
    let mut versions: Vec<_> = catalog.kakao.versions.iter().collect();
    versions.sort_by(|a, b| a.resource_type.cmp(&b.resource_type));
    let versions = Table::new(
        ["Resource type", "Versions"],
        versions.iter().map(|v| [Md::text(&v.resource_type), Md::text(&v.versions.join(", "))]).collect(),
    );
    KakaoPage { stamp: stamp.to_owned(), scopes, versions }
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
    let sources = |refs: &mut dyn Iterator<Item = String>| Md::text(&refs.collect::<Vec<_>>().join(", "));
    let who = |a: &NhnAccess| match &a.rule {
        NhnAccessRule::Permission => Md::markup("organization members with CloudTrail permissions"),
        NhnAccessRule::Roles { roles } => Md::markup("only the organization roles ").push(Md::text(&roles.join(", "))),
    };
    let statement = |a: &NhnAccess| {
        a.statements.get(&Locale::En).or_else(|| a.statements.get(&Locale::Ko)).map(|t| Md::text(t)).unwrap_or_default()
    };
    let nhn = Table::new(
        ["Overview", "Who may use CloudTrail", "As stated", "Source"],
        nhn_roles
            .access
            .iter()
            .map(|a| (Md::markup("current"), a))
            .chain(nhn_roles.history.iter().map(|a| (Md::markup("earlier, no longer in force"), a)))
            .map(|(when, a)| [when, who(a), statement(a), sources(&mut a.sources.iter().map(|s| s.to_string()))])
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
    notes = notes.push(Md::markup(" Sources: ")).push(if nhn_roles.sources.is_empty() {
        Md::markup("*(none)*")
    } else {
        sources(&mut nhn_roles.sources.iter().map(|s| s.to_string()))
    });
    let mut rules: Vec<_> = catalog.roles.kakao.rules.iter().collect();
    rules.sort_by(|a, b| (a.kind, &a.role).cmp(&(b.kind, &b.role)));
    let tick = |yes: bool| Md::markup(if yes { "✓" } else { "—" });
    let kakao = Table::new(
        ["Role", "Kind", "Organization events", "Project events", "Source"],
        rules
            .iter()
            .map(|r| {
                [
                    Md::text(&r.role),
                    Md::markup(kind_str(r.kind)),
                    tick(r.may_view.contains(&Scope::Organization)),
                    tick(r.may_view.contains(&Scope::Project)),
                    Md::text(&r.source.to_string()),
                ]
            })
            .collect(),
    );
    let mut changes: Vec<_> = catalog.roles.kakao.changes.iter().collect();
    changes.sort_by(|a, b| (a.kind, &a.role).cmp(&(b.kind, &b.role)));
    let opt_ref = |r: &Option<trail_catalog::SourceRef>| r.as_ref().map(|r| Md::text(&r.to_string())).unwrap_or_default();
    let kakao_changes = Table::new(
        ["Role", "Kind", "Earlier revision", "Later revision", "Earlier source", "Later source"],
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
    RolesPage { stamp: stamp.to_owned(), nhn, nhn_notes: notes, kakao, kakao_changes }
}

// ---------------------------------------------------------------------------------------------
// Report page

#[derive(Serialize)]
struct ReportPage {
    stamp: String,
    summary: Md,
    coverage: Table,
    by_code: Table,
    findings: Table,
    unused_waivers: Table,
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
    let mut coverage: Vec<_> = report.coverage.iter().collect();
    coverage.sort_by_key(|c| c.locale);
    let coverage = Table::new(
        ["Locale", "Listed events", "Named", "Named %", "Untranslated"],
        coverage
            .iter()
            .map(|c| {
                let pct = if c.events == 0 { 0.0 } else { 100.0 * f64::from(c.named) / f64::from(c.events) };
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
    // (code, severity) -> (findings, waived), in code order.
    let mut counts: BTreeMap<(&str, trail_catalog::Severity), (usize, usize)> = BTreeMap::new();
    for e in &report.findings {
        let c = counts.entry((e.diagnostic.code.as_str(), e.diagnostic.severity)).or_default();
        c.0 += 1;
        c.1 += usize::from(e.waived.is_some());
    }
    let by_code = Table::new(
        ["Code", "Severity", "Findings", "Waived"],
        counts
            .into_iter()
            .map(|((code, severity), (n, waived))| {
                [
                    Md::text(code),
                    Md::markup(severity.as_str()),
                    Md::markup(n.to_string()),
                    Md::markup(waived.to_string()),
                ]
            })
            .collect(),
    );
    let findings = Table::new(
        ["Code", "Severity", "Where", "Subject", "Message", "Waived"],
        report
            .findings
            .iter()
            .map(|e| {
                let d = e.diagnostic;
                [
                    Md::text(&d.code),
                    Md::markup(d.severity.as_str()),
                    Md::text(&d.at.to_string()),
                    d.subject.as_deref().map(Md::text).unwrap_or_default(),
                    Md::text(&d.message),
                    match e.waived {
                        Some(reason) => Md::markup("**waived**: ").push(Md::text(reason)),
                        None => Md::default(),
                    },
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
                    w.subject.as_deref().map(Md::text).unwrap_or_else(|| Md::markup("*(every subject)*")),
                    Md::text(&w.reason),
                ]
            })
            .collect(),
    );
    ReportPage { stamp: stamp.to_owned(), summary, coverage, by_code, findings, unused_waivers }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn md_cell_escapes_structure_and_keeps_the_rest() {
        assert_eq!(md_cell("a|b"), "a\\|b");
        assert_eq!(md_cell("a\nb\r\nc\rd"), "a<br>b<br>c<br>d");
        assert_eq!(md_cell("</td><script>&amp;"), "&lt;/td&gt;&lt;script&gt;&amp;amp;");
        assert_eq!(md_cell("{{ x }} {% y %}"), "&#123;&#123; x &#125;&#125; &#123;% y %&#125;");
        assert_eq!(md_cell("*a* _b_ `c` [d](e) ~f~ #"), "\\*a\\* \\_b\\_ \\`c\\` \\[d\\](e) \\~f\\~ \\#");
        assert_eq!(md_cell("back\\slash \"q\" 'q' 🚀 שלום"), "back\\\\slash \"q\" 'q' 🚀 שלום");
        assert_eq!(md_cell("nul\u{0}del\u{7f}"), "nul\u{2400}del\u{2421}");
    }

    #[test]
    fn stamp_comment_never_closes_early() {
        let stamp = Stamp { command: "cargo xtask gen --out x -->".into(), catalog_hash: "sha256:00".into() };
        let c = stamp_comment(&stamp);
        assert!(c.starts_with("<!-- @generated"));
        assert!(!c[4..c.len() - 3].contains("--"), "{c}");
        assert!(c.ends_with(" -->"));
    }

    #[test]
    fn anchors_are_ascii_and_unique() {
        let mut a = Anchors::default();
        assert_eq!(a.get("svc", "Log & Crash Search"), "svc-log-crash-search");
        assert_eq!(a.get("svc", "log-crash-search"), "svc-log-crash-search-2");
        assert_eq!(a.get("svc", "데이터"), "svc");
        assert_eq!(a.get("svc", "서비스"), "svc-2");
        assert_eq!(anchor_slug("org", "--Virtual  Machine--"), "org-virtual-machine");
    }

    #[test]
    fn an_empty_catalogue_renders_every_page_with_placeholders() {
        let stamp = Stamp { command: "cargo xtask gen".into(), catalog_hash: "sha256:00".into() };
        let tree = emit(&Catalog::default(), &stamp);
        assert_eq!(tree.len(), 9);
        let ko = &tree["docs/nhn/ko.md"];
        assert!(ko.contains("## Services\n\n*(none)*\n"), "{ko}");
        assert!(tree["docs/kakao/events.md"].contains("## Project events\n\n0 events in 0 services.\n\n*(none)*\n"));
        assert!(tree["docs/report.md"].contains("## Findings\n\n*(none)*\n"));
        for (path, text) in &tree {
            assert!(text.ends_with('\n') && !text.ends_with("\n\n"), "{path} must end with one newline");
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
        };
        let mut catalog = Catalog::default();
        catalog.nhn.events = vec![event("event_id.a", &["ghost"]), event("event_id.b", &[])];
        let stamp = Stamp { command: "cargo xtask gen".into(), catalog_hash: "sha256:00".into() };
        let en = &emit(&catalog, &stamp)["docs/nhn/en.md"];
        assert!(en.contains("### No service *(events listed under no service)*"), "{en}");
        assert!(en.contains("### ghost *(service not in the catalogue's services)*"), "{en}");
        assert!(en.contains("| event\\_id.b | 이름 *(no en name; ko name)* |  |"), "{en}");
    }

    /// Tera prints values as they are: template syntax inside data is never evaluated.
    #[test]
    fn tera_never_reinterprets_values() {
        let tera = engine();
        let mut table = Table::new(["A"], vec![[Md::markup("{{ stamp }} {% if true %}x{% endif %}")]]);
        table.header[0] = Md::markup("{# c #}");
        let page = RolesPage {
            stamp: "S".into(),
            nhn: table.clone(),
            nhn_notes: Md::markup("{{ nhn_notes }}"),
            kakao: table.clone(),
            kakao_changes: table,
        };
        let out = tera.render("roles.md.tera", &context(&page)).unwrap();
        assert!(out.contains("| {{ stamp }} {% if true %}x{% endif %} |"), "{out}");
        assert!(out.contains("| {# c #} |"), "{out}");
        assert!(out.contains("\n{{ nhn_notes }}\n"), "{out}");
    }
}
