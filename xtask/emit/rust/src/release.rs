//! The crate's release files: `Cargo.toml` (with the version), `README.md` and `surface.txt`.
//!
//! **Version policy** (semver, as Cargo reads it). `gen` compares the crate it writes with the one
//! described by the previous `surface.txt` (what the last `gen` wrote):
//!
//! * a variant removed or renamed, a key that moved to another variant, a former key (alias)
//!   dropped: **major** (downstream code that names it stops compiling or changes meaning);
//! * only new variants or new former keys: **minor** (the enums are `#[non_exhaustive]`, so
//!   downstream `match`es already have a wildcard arm);
//! * the same variants, other data (names, services, history, docs) or generator output: **patch**;
//! * nothing in `src/` changed (only the catalogue hash, e.g. new findings): the same version.
//!
//! `surface.txt` is the record: its first line is the version, its second a digest of `src/`
//! (without the stamp), then one line per public item of `src/` (read back with `syn`: types,
//! fields, variants, functions and their signatures, constants, trait impls; see [`items`]), per
//! event variant and its key, and per former key. So the rule covers everything the generator
//! writes, the search API types included: a field the guide adds to a `#[non_exhaustive]`
//! response struct is minor, a field removed or retyped major. The enums are never castable to
//! a number (see `uncastable` in the crate root), so a variant added anywhere is minor, as
//! cargo-semver-checks agrees.
//!
//! What the hand-written macros in `support/` define (`lookup`, the conversions) is not listed:
//! a breaking change there is released by hand by raising the major version on the first line
//! of `surface.txt` and running `gen`, which keeps a version it finds there when nothing else
//! changed; an addition the same way with the minor version. CI's cargo-semver-checks run
//! (`.ci/semver`) catches a change of that kind that was not released so.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use trail_catalog::Catalog;
use trail_catalog::io::Tree;

/// The version of the first release, used when there is no previous `surface.txt`.
pub(crate) const INITIAL: Version = Version {
    major: 1,
    minor: 0,
    patch: 0,
};

/// A semver version `major.minor.patch`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version {
    /// Breaking changes.
    pub major: u64,
    /// Additions.
    pub minor: u64,
    /// Everything else.
    pub patch: u64,
}

impl Version {
    /// Parses `1.2.3`.
    pub fn parse(text: &str) -> Option<Version> {
        let mut parts = text.trim().split('.').map(|p| p.parse::<u64>().ok());
        let v = Version {
            major: parts.next()??,
            minor: parts.next()??,
            patch: parts.next()??,
        };
        parts.next().is_none().then_some(v)
    }

    /// The version after a change of kind `change`.
    pub fn bump(self, change: Change) -> Version {
        let Version {
            major,
            minor,
            patch,
        } = self;
        match change {
            Change::None => self,
            Change::Patch => Version {
                major,
                minor,
                patch: patch + 1,
            },
            Change::Minor => Version {
                major,
                minor: minor + 1,
                patch: 0,
            },
            Change::Major => Version {
                major: major + 1,
                minor: 0,
                patch: 0,
            },
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// What kind of release a change is, least to most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// Nothing in the crate changed.
    None,
    /// Data or docs changed; every public name stays.
    Patch,
    /// Public names were only added.
    Minor,
    /// A public name was removed or changed meaning.
    Major,
}

/// The public names a downstream crate can rely on: every public item of `src/` (see
/// [`items`]), and per event one line `Ty::Variant key` and per former key `Ty::Variant <- alias`
/// (a key that moves to another variant changes meaning, which the items alone do not show).
pub fn surface(catalog: &Catalog, src: &Tree) -> BTreeSet<String> {
    let mut out = items(src);
    for e in &catalog.nhn.events {
        out.insert(format!("nhn::EventId::{} {}", e.variant, e.id));
    }
    for e in &catalog.kakao.events {
        out.insert(format!("kakao::Event::{} {}", e.variant, e.key));
        for a in &e.aliases {
            out.insert(format!("kakao::Event::{} <- {a}", e.variant));
        }
    }
    out
}

/// One line per public item the crate's files declare, under the file's module path (a private
/// module's items are listed under it too: they are public through a `pub use`; a private module
/// its parent re-exports whole, `pub use m::*`, is listed as the parent):
///
/// * a `#[non_exhaustive]` struct or enum: a line for the type and one per public field or
///   variant, so that adding one is an addition (**minor**) and removing one a removal;
/// * an exhaustive struct or enum: one line with all its fields or variants, so that adding one
///   changes the line (**major**: struct literals and exhaustive `match`es break);
/// * a function (free, or in an inherent impl) or a constant: its signature or type, so that a
///   changed signature is a removal and an addition;
/// * a call of the support macros (`keyed_enum!(EventId)`): the type it gives behaviour to.
///
/// What the macros themselves define is hand-written code (`support/`), not listed here: a
/// change there is released by hand (see the module docs).
pub fn items(src: &Tree) -> BTreeSet<String> {
    let files: Vec<(String, syn::File)> = src
        .iter()
        .filter_map(|(path, text)| Some((module_of(path)?, syn::parse_file(text).ok()?)))
        .collect();
    // Private modules (`mod meta;`), and the names `pub use` makes public from them; a private
    // module its parent re-exports whole (`pub use types::*;`) is part of the parent: its items
    // are listed under the parent's path, where users name them.
    let mut private = BTreeSet::new();
    let mut reexported = BTreeSet::new();
    let mut inlined = BTreeMap::new();
    for (module, file) in &files {
        for item in &file.items {
            match item {
                syn::Item::Mod(m) if !is_pub(&m.vis) => {
                    private.insert(join(module, &m.ident.to_string()));
                }
                syn::Item::Use(u) if is_pub(&u.vis) => {
                    use_names(&u.tree, &mut reexported);
                    if let Some(m) = whole_module(&u.tree) {
                        inlined.insert(join(module, &m.to_string()), module.clone());
                    }
                }
                _ => {}
            }
        }
    }
    let files: Vec<(String, syn::File)> = files
        .into_iter()
        .map(|(module, file)| match inlined.get(&module) {
            Some(parent) if private.contains(&module) => (parent.clone(), file),
            _ => (module, file),
        })
        .collect();
    // Types a private module declares and nothing re-exports: their impls are no API either.
    let hidden: BTreeSet<String> = files
        .iter()
        .filter(|(module, _)| private.contains(module))
        .flat_map(|(_, file)| &file.items)
        .filter_map(|item| match item {
            syn::Item::Struct(s) => Some(s.ident.to_string()),
            syn::Item::Enum(e) => Some(e.ident.to_string()),
            _ => None,
        })
        .filter(|name| !reexported.contains(name))
        .collect();
    let mut out = BTreeSet::new();
    for (module, file) in &files {
        let keep = |name: &str| !private.contains(module) || reexported.contains(name);
        collect(module, &file.items, &keep, &hidden, &mut out);
    }
    out
}

/// The names a `use` tree brings in.
fn use_names(tree: &syn::UseTree, out: &mut BTreeSet<String>) {
    match tree {
        syn::UseTree::Path(p) => use_names(&p.tree, out),
        syn::UseTree::Name(n) => {
            out.insert(n.ident.to_string());
        }
        syn::UseTree::Rename(r) => {
            out.insert(r.ident.to_string());
        }
        syn::UseTree::Group(g) => g.items.iter().for_each(|t| use_names(t, out)),
        syn::UseTree::Glob(_) => {}
    }
}

/// The module a `pub use m::*` re-exports whole.
fn whole_module(tree: &syn::UseTree) -> Option<&syn::Ident> {
    match tree {
        syn::UseTree::Path(p) if matches!(*p.tree, syn::UseTree::Glob(_)) => Some(&p.ident),
        _ => None,
    }
}

/// `src/nhn/mod.rs` -> `nhn`, `src/nhn/api.rs` -> `nhn::api`, `src/lib.rs` -> `` (the root).
fn module_of(path: &str) -> Option<String> {
    let rel = path.strip_prefix("src/")?.strip_suffix(".rs")?;
    let rel = rel.strip_suffix("/mod").unwrap_or(rel);
    Some(if rel == "lib" {
        String::new()
    } else {
        rel.replace('/', "::")
    })
}

fn join(module: &str, name: &str) -> String {
    if module.is_empty() {
        name.to_string()
    } else {
        format!("{module}::{name}")
    }
}

fn is_pub(vis: &syn::Visibility) -> bool {
    matches!(vis, syn::Visibility::Public(_))
}

fn non_exhaustive(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| a.path().is_ident("non_exhaustive"))
}

/// Tokens as one line with single spaces (the `quote` spacing, stable across formatting).
fn flat(tokens: impl quote::ToTokens) -> String {
    tokens.to_token_stream().to_string()
}

/// The lines of `items` (see [`items`]); `keep(name)` says whether an item named so is public,
/// and impls of the `hidden` types are left out.
fn collect(
    module: &str,
    items: &[syn::Item],
    keep: &dyn Fn(&str) -> bool,
    hidden: &BTreeSet<String>,
    out: &mut BTreeSet<String>,
) {
    use syn::Item;
    let self_name = |ty: &syn::Type| match ty {
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    };
    for item in items {
        match item {
            Item::Struct(s) if is_pub(&s.vis) && keep(&s.ident.to_string()) => {
                let name = join(module, &s.ident.to_string());
                let fields: Vec<String> = s
                    .fields
                    .iter()
                    .filter(|f| is_pub(&f.vis))
                    .map(|f| {
                        let field = f
                            .ident
                            .as_ref()
                            .map(ToString::to_string)
                            .unwrap_or_default();
                        format!("{field}: {}", flat(&f.ty))
                    })
                    .collect();
                if non_exhaustive(&s.attrs) {
                    out.insert(format!("struct {name} #[non_exhaustive]"));
                    for f in fields {
                        out.insert(format!("struct {name} .{f}"));
                    }
                } else {
                    out.insert(format!("struct {name} {{ {} }}", fields.join(", ")));
                }
            }
            Item::Enum(e) if is_pub(&e.vis) && keep(&e.ident.to_string()) => {
                let name = join(module, &e.ident.to_string());
                let variants: Vec<String> = e
                    .variants
                    .iter()
                    .map(|v| {
                        let fields: Vec<String> = v
                            .fields
                            .iter()
                            .map(|f| match &f.ident {
                                Some(i) => format!("{i}: {}", flat(&f.ty)),
                                None => flat(&f.ty),
                            })
                            .collect();
                        match &v.fields {
                            syn::Fields::Unit => v.ident.to_string(),
                            syn::Fields::Unnamed(_) => {
                                format!("{}({})", v.ident, fields.join(", "))
                            }
                            syn::Fields::Named(_) => {
                                format!("{} {{ {} }}", v.ident, fields.join(", "))
                            }
                        }
                    })
                    .collect();
                if non_exhaustive(&e.attrs) {
                    out.insert(format!("enum {name} #[non_exhaustive]"));
                    for v in variants {
                        out.insert(format!("enum {name} ::{v}"));
                    }
                } else {
                    out.insert(format!("enum {name} {{ {} }}", variants.join(", ")));
                }
            }
            Item::Fn(f) if is_pub(&f.vis) && keep(&f.sig.ident.to_string()) => {
                out.insert(format!("{module}: {}", flat(&f.sig)));
            }
            Item::Const(c) if is_pub(&c.vis) => {
                out.insert(format!(
                    "const {}: {}",
                    join(module, &c.ident.to_string()),
                    flat(&c.ty)
                ));
            }
            Item::Static(c) if is_pub(&c.vis) => {
                out.insert(format!(
                    "static {}: {}",
                    join(module, &c.ident.to_string()),
                    flat(&c.ty)
                ));
            }
            // A whole module re-exported is listed through its items (see [`items`]).
            Item::Use(u) if is_pub(&u.vis) && whole_module(&u.tree).is_none() => {
                out.insert(format!("use {module} {}", flat(&u.tree)));
            }
            Item::Mod(m) => {
                if is_pub(&m.vis) {
                    out.insert(format!("mod {}", join(module, &m.ident.to_string())));
                }
                if let Some((_, inner)) = &m.content {
                    collect(
                        &join(module, &m.ident.to_string()),
                        inner,
                        keep,
                        hidden,
                        out,
                    );
                }
            }
            Item::Impl(i) if self_name(&i.self_ty).is_some_and(|n| hidden.contains(&n)) => {}
            Item::Impl(i) if i.trait_.is_none() => {
                let ty = join(module, &flat(&i.self_ty));
                for it in &i.items {
                    if let syn::ImplItem::Fn(f) = it
                        && is_pub(&f.vis)
                    {
                        out.insert(format!("{ty}: {}", flat(&f.sig)));
                    }
                    if let syn::ImplItem::Const(c) = it
                        && is_pub(&c.vis)
                    {
                        out.insert(format!("const {ty}::{}: {}", c.ident, flat(&c.ty)));
                    }
                }
            }
            Item::Impl(i) => {
                if let Some((t, _)) = &i.trait_ {
                    out.insert(format!(
                        "impl {} for {}",
                        flat(t),
                        join(module, &flat(&i.self_ty))
                    ));
                }
            }
            Item::Macro(m) => {
                let name = m.mac.path.segments.last().map(|s| s.ident.to_string());
                let first = m.mac.tokens.clone().into_iter().next();
                if let (Some(name), Some(proc_macro2::TokenTree::Ident(ty))) = (name, first)
                    && name.ends_with("_enum")
                {
                    out.insert(format!("{name}! {}", join(module, &ty.to_string())));
                }
            }
            _ => {}
        }
    }
}

/// FNV-1a (64 bits) over the `src/` files, stamp lines left out: whether the code changed.
fn digest(src: &Tree) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (path, text) in src {
        let body = text.lines().filter(|l| !l.starts_with("// "));
        for part in std::iter::once(path.as_str()).chain(body) {
            for b in part.bytes().chain([0]) {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
    }
    format!("{h:016x}")
}

/// A previous `surface.txt`, read back.
struct Previous {
    version: Version,
    digest: String,
    surface: BTreeSet<String>,
}

fn parse_previous(text: &str) -> Option<Previous> {
    let mut lines = text.lines().filter(|l| !l.starts_with('#'));
    let version = Version::parse(lines.next()?.strip_prefix("version ")?)?;
    let digest = lines.next()?.strip_prefix("src ")?.to_string();
    Some(Previous {
        version,
        digest,
        surface: lines.map(str::to_string).collect(),
    })
}

/// The kind of change from `before` to `after`.
pub fn classify(before: &BTreeSet<String>, after: &BTreeSet<String>, code_changed: bool) -> Change {
    if !before.is_subset(after) {
        Change::Major
    } else if before.len() < after.len() {
        Change::Minor
    } else if code_changed {
        Change::Patch
    } else {
        Change::None
    }
}

/// The version of the crate generated now: `INITIAL` (1.0.0) without a previous `surface.txt`, else the
/// previous version bumped by the change; and the new `surface.txt`.
///
/// Fails when `previous` is not a `surface.txt` (a hand edit gone wrong): guessing would publish
/// the wrong version.
pub fn version(
    header: &[String],
    catalog: &Catalog,
    src: &Tree,
    previous: Option<&str>,
) -> Result<(Version, String), String> {
    let surface = surface(catalog, src);
    let digest = digest(src);
    let version = match previous {
        None => INITIAL,
        Some(text) => {
            let prev = parse_previous(text).ok_or(
                "generated/surface.txt: expected `version X.Y.Z`, then `src DIGEST`, then one line per \
                 public name; restore it from git (or delete it to start at 1.0.0)",
            )?;
            prev.version
                .bump(classify(&prev.surface, &surface, prev.digest != digest))
        }
    };
    let mut text: String = header.iter().map(|l| format!("# {l}\n")).collect();
    text.push_str(
        "# The generated crate's public names and version; `cargo xtask gen` compares the next crate with\n\
         # it to choose the next version (see README.md, \"Versions\"). Raise the version by hand only for\n\
         # a change of the generator itself: major when it breaks, minor when it adds.\n",
    );
    text.push_str(&format!("version {version}\nsrc {digest}\n"));
    for line in &surface {
        text.push_str(line);
        text.push('\n');
    }
    Ok((version, text))
}

/// `Cargo.toml` of the crate: standalone (no workspace inheritance), publishable. It names no
/// `repository`: the project has no public one yet, and an address that does not exist is
/// worse than none (crates.io shows the README instead); add it here when there is one.
pub fn manifest(header: &[String], version: Version) -> String {
    let mut out: String = header.iter().map(|l| format!("# {l}\n")).collect();
    out.push_str(&format!(
        r#"[package]
name = "cloud-trail-events"
version = "{version}"
description = "NHN Cloud CloudTrail and KakaoCloud Cloud Trail event IDs as Rust types: names, services, history, roles, search API types."
edition = "2024"
rust-version = "1.85"
license = "MIT OR Apache-2.0"
readme = "README.md"
keywords = ["cloudtrail", "nhn-cloud", "kakaocloud", "audit-log", "siem"]
categories = ["api-bindings", "data-structures", "no-std"]
include = ["/src/**/*.rs", "/README.md", "/Cargo.toml", "/LICENSE-MIT", "/LICENSE-APACHE"]

# docs.rs documents every feature, with a badge on each item a feature gates.
[package.metadata.docs.rs]
all-features = true
rustdoc-args = ["--cfg", "docsrs"]

[features]
default = ["std"]
std = ["alloc"]
alloc = []
serde = ["dep:serde", "alloc"]
ocsf = ["serde"]

[dependencies]
serde = {{ version = "1", optional = true, default-features = false, features = ["alloc", "derive"] }}
"#
    ));
    out
}

/// The crate's `README.md`, as crates.io shows it.
pub fn readme(header: &[String], catalog: &Catalog, version: Version) -> String {
    let comment = header.join(" ").replace("--", "- -");
    let nhn = catalog.nhn.events.len();
    let retired = catalog
        .nhn
        .events
        .iter()
        .filter(|e| e.status == trail_catalog::model::Status::Retired)
        .count();
    let kakao = catalog.kakao.events.len();
    let kakao_retired = match catalog
        .kakao
        .events
        .iter()
        .filter(|e| e.is_retired())
        .count()
    {
        0 => String::new(),
        n => format!(" ({n} of them retired)"),
    };
    format!(
        r#"<!-- {comment} -->

# cloud-trail-events {version}

The events recorded by **NHN Cloud CloudTrail** and **KakaoCloud Cloud Trail** as Rust types:
{nhn} NHN event IDs ({retired} of them retired, kept so that old logs resolve) with their names in
Korean, English, Japanese and Chinese, services and history; {kakao} KakaoCloud events{kakao_retired}
with scopes and the roles that may view them; and the types of NHN's search API. Both vendors publish their
event lists only as documentation: this crate is generated from a reviewed catalogue of them.

```toml
[dependencies]
cloud-trail-events = {{ version = "{major}", features = ["serde"] }}
```

```rust
use cloud_trail_events::nhn::{{AnyEventId, EventId, Locale}};
use cloud_trail_events::kakao::Event;

// Strict: a known ID or an error (which never allocates).
let id: EventId = "event_id.iaas.instance.create".parse().expect("a known ID");
println!("{{}} / {{:?}}", id.name(Locale::En).unwrap_or("?"), id.services());

// What it means: the resource type, the action, the OCSF class and activity.
let m = id.meaning();
println!("{{}} {{}}: OCSF {{}} {{}} ({{}})", m.action, m.resource_type, m.class.uid(), m.activity_id, m.activity_name());

// Lenient, for data: IDs this version does not know yet are kept byte for byte.
let any = AnyEventId::new("event_id.brand_new.thing");
assert_eq!(any.known(), None);

// KakaoCloud logs carry the service and the event name.
let e: Option<Event> = Event::from_service_and_name_ignore_case("virtual machine", "instance create");
```

No dependencies by default; `no_std` without the default `std` feature. Features: `std`
(default), `alloc` (the lenient types and the search API types), `serde`
(`Serialize`/`Deserialize`, enums as key strings), `ocsf` (a search API record as an OCSF 1.5.0
event: `ocsf::from_v1_0`, `ocsf::from_v2_0`; implies `serde`).

Every enum of keys converts the same way: `parse`/`FromStr`, `TryFrom<&str>`, `lookup`,
`lookup_ignore_ascii_case`, `as_str` (a `const fn`), `Display`, `AsRef<str>`,
`From<T> for &'static str`, and `==` with `&str` both ways. `nhn::DATA_DATE` says how recent
the data is.

## Versions

New events upstream are **minor** releases: the enums and the search API's structs are
`#[non_exhaustive]`, no enum can be cast to a number (so the order of the variants is no part
of the API), and variant names are pinned when an event first appears, so adding one never
renames another. A variant that is removed or renamed (never done for data reasons: retired IDs
stay) is a **major** release. Other data (names, services, history, docs) is a **patch**
release. Depend on the major version (`"{major}"`) to get new events.

The version is chosen by the generator from what changed; the crate's source is generated, so
please report problems to the project rather than editing it.

## License

Licensed under either of the Apache License, Version 2.0 (`LICENSE-APACHE`) or the MIT license
(`LICENSE-MIT`), at your option.
"#,
        major = version.major,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(lines: &[&str]) -> BTreeSet<String> {
        lines.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn new_variants_are_minor_renames_and_removals_major_other_changes_patch() {
        let before = set(&["nhn::EventId::A event_id.a", "nhn::EventId::B event_id.b"]);
        let added = set(&[
            "nhn::EventId::A event_id.a",
            "nhn::EventId::B event_id.b",
            "nhn::EventId::C event_id.c",
        ]);
        let renamed = set(&["nhn::EventId::A event_id.a", "nhn::EventId::B2 event_id.b"]);
        assert_eq!(classify(&before, &added, true), Change::Minor);
        assert_eq!(classify(&before, &renamed, true), Change::Major);
        assert_eq!(
            classify(&before, &set(&["nhn::EventId::A event_id.a"]), false),
            Change::Major
        );
        assert_eq!(classify(&before, &before, true), Change::Patch);
        assert_eq!(classify(&before, &before, false), Change::None);
        let v = Version::parse("1.4.2").unwrap();
        assert_eq!(v.bump(Change::Minor).to_string(), "1.5.0");
        assert_eq!(v.bump(Change::Major).to_string(), "2.0.0");
        assert_eq!(v.bump(Change::Patch).to_string(), "1.4.3");
        assert_eq!(v.bump(Change::None), v);
        assert_eq!(Version::parse("1.2"), None);
    }

    #[test]
    fn api_fields_added_to_non_exhaustive_structs_are_minor_to_exhaustive_ones_major() {
        let tree = |code: &str| Tree::from([("src/nhn/api.rs".to_string(), code.to_string())]);
        let open = |fields: &str| {
            items(&tree(&format!(
                "#[non_exhaustive] pub struct Page {{ {fields} }} pub enum E {{ A, B }}"
            )))
        };
        let before = open("pub a: i64,");
        let after = open("pub a: i64, pub b: Option<bool>,");
        assert!(
            before.contains("struct nhn::api::Page .a: i64"),
            "{before:?}"
        );
        assert_eq!(classify(&before, &after, true), Change::Minor);
        assert_eq!(classify(&after, &before, true), Change::Major);
        assert_eq!(
            classify(&before, &open("pub a: u64,"), true),
            Change::Major,
            "a retyped field"
        );
        let closed = |fields: &str| items(&tree(&format!("pub struct Page {{ {fields} }}")));
        assert_eq!(
            classify(
                &closed("pub a: i64,"),
                &closed("pub a: i64, pub b: bool,"),
                true
            ),
            Change::Major,
            "struct literals of an exhaustive struct break"
        );
        // A private module's items are API only when re-exported.
        let private = Tree::from([
            (
                "src/lib.rs".to_string(),
                "mod hidden; pub use hidden::Shown;".to_string(),
            ),
            (
                "src/hidden.rs".to_string(),
                "pub struct Shown; pub struct Inner; impl Inner { pub fn f() {} }".to_string(),
            ),
        ]);
        let listed = items(&private);
        assert!(listed.contains("struct hidden::Shown {  }"), "{listed:?}");
        assert!(!listed.iter().any(|l| l.contains("Inner")), "{listed:?}");
    }

    #[test]
    fn gen_keeps_the_version_when_nothing_changed_and_bumps_minor_for_a_new_event() {
        use trail_catalog::model::NhnEvent;
        let mut catalog = Catalog::default();
        catalog.nhn.events.push(NhnEvent {
            id: "event_id.a".into(),
            variant: "A".into(),
            ..Default::default()
        });
        let src = Tree::from([(
            "src/lib.rs".to_string(),
            "// stamp\nfn a() {}\n".to_string(),
        )]);
        let (v, first) = version(&[], &catalog, &src, None).unwrap();
        assert_eq!(v, INITIAL);
        // Only the stamp changed: same version, same file.
        let restamped = Tree::from([(
            "src/lib.rs".to_string(),
            "// other stamp\nfn a() {}\n".to_string(),
        )]);
        assert_eq!(
            version(&[], &catalog, &restamped, Some(&first)).unwrap(),
            (INITIAL, first.clone())
        );
        catalog.nhn.events.push(NhnEvent {
            id: "event_id.b".into(),
            variant: "B".into(),
            ..Default::default()
        });
        let (v, second) = version(&[], &catalog, &src, Some(&first)).unwrap();
        assert_eq!(v.to_string(), "1.1.0");
        assert_eq!(
            version(&[], &catalog, &src, Some(&second))
                .unwrap()
                .0
                .to_string(),
            "1.1.0",
            "idempotent"
        );
        assert!(version(&[], &catalog, &src, Some("garbage")).is_err());
    }
}
