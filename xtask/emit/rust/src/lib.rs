//! Stage 4: the Rust crate in `generated/src` (event enums, metadata, search-API types).
//!
//! Code is built with `quote` and formatted with `prettyplease`; no string templates. Every
//! piece of catalogue text reaches the output either as a string literal (escaped by
//! `proc-macro2`) or as a `#[doc = ...]` attribute whose text is first made inert for
//! markdown (see [`doc_text`]), so any name compiles and renders.
//!
//! Files written, relative to `generated/`:
//!
//! * `Cargo.toml`, `README.md`, `surface.txt`: the package, its version chosen from what changed
//!   (see [`release`]);
//! * `src/lib.rs`: crate docs, features, module list;
//! * `src/phash.rs`: the perfect hash used by every `lookup` (see [`phash`]);
//! * `src/nhn/mod.rs`: `Locale`, `Service`, `EventId`, `AnyEventId`, `Role`;
//! * `src/nhn/api.rs`: search API request and response types;
//! * `src/kakao.rs`: `Role`, `Event`, `AnyEvent`, resource versions;
//! * `src/ocsf/classes.rs`: the OCSF classes and activities (the `ocsf` module itself is
//!   hand-written, `support/ocsf.rs`);
//! * `src/support.rs`, `src/nhn/meta.rs`, `src/kakao/meta.rs`, `src/nhn/api/types.rs`: copies of
//!   the hand-written files in `support/` (all behaviour that does not depend on the catalogue:
//!   the `keyed_enum!` and `key_enum!` macros the generated modules call, locales, scopes,
//!   metadata accessors, the search API's timestamps, JSON values and request errors).
//!
//! Data lives in static tables indexed by the enum discriminant, not in `match` blocks,
//! so that the crate compiles fast with thousands of variants. Variant names are read from the
//! catalogue (pinned by import, see `trail_catalog::naming`), never derived here.
//!
//! What it may not touch: it sees only the [`Catalog`] it is given (never a document nor a file
//! of `catalog/`), formats what the catalogue model decides (names, order, variant names) without
//! deciding again, and writes nothing: it returns the files, which the CLI writes.

mod api;
mod kakao;
mod keyed;
mod nhn;
pub mod phash;
pub mod release;

use proc_macro2::TokenStream;
use quote::quote;
use trail_catalog::Catalog;
use trail_catalog::hash::Stamp;
use trail_catalog::io::Tree;

/// Why the crate cannot be generated from a catalogue: events without a pinned variant name, or
/// with one that is invalid or taken (`cargo xtask import` pins them; hand edits can break them),
/// or an unreadable `surface.txt`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmitError {
    /// One line per problem: the enum, the event's key, what is wrong.
    pub problems: Vec<String>,
}

impl std::fmt::Display for EmitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "cannot generate the Rust crate ({} problems):",
            self.problems.len()
        )?;
        for p in &self.problems {
            writeln!(f, "  {p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for EmitError {}

/// The files this emitter writes, relative to `generated/`, for a first release (no previous
/// `surface.txt`); see [`emit_after`].
pub fn emit(catalog: &Catalog, stamp: &Stamp) -> Result<Tree, EmitError> {
    emit_after(catalog, stamp, None)
}

/// The files this emitter writes, relative to `generated/`: `src/`, and `Cargo.toml`,
/// `README.md` and `surface.txt` with the version that follows `previous` (the current
/// `generated/surface.txt`, see [`release`]). An error names every event whose pinned `variant`
/// is empty, invalid or duplicated.
pub fn emit_after(
    catalog: &Catalog,
    stamp: &Stamp,
    previous: Option<&str>,
) -> Result<Tree, EmitError> {
    let problems = trail_catalog::naming::variant_problems(catalog);
    if !problems.is_empty() {
        let problems = problems
            .into_iter()
            .map(|(ty, key, what)| format!("{ty} `{key}` {what}"))
            .collect();
        return Err(EmitError { problems });
    }
    let fail = |problem: String| EmitError {
        problems: vec![problem],
    };
    let files = [
        ("src/lib.rs", lib_rs(catalog)),
        ("src/phash.rs", phash::tokens()),
        ("src/nhn/mod.rs", nhn::tokens(catalog).map_err(fail)?),
        ("src/nhn/api.rs", api::tokens(&catalog.api)),
        ("src/kakao.rs", kakao::tokens(catalog).map_err(fail)?),
        ("src/ocsf/classes.rs", ocsf_classes()),
    ];
    let mut tree = Tree::new();
    for (rel, tokens) in files {
        tree.insert(rel.to_string(), render(stamp, rel, tokens).map_err(fail)?);
    }
    for (rel, text) in SUPPORT {
        tree.insert(rel.to_string(), copy(stamp, text));
    }
    // The licence texts, verbatim (no stamp: licence detectors expect the standard text).
    for (rel, text) in LICENSES {
        tree.insert(rel.to_string(), text.to_string());
    }
    let header = stamp.lines();
    let (version, surface) = release::version(&header, catalog, &tree, previous)
        .map_err(|e| EmitError { problems: vec![e] })?;
    tree.insert("Cargo.toml".into(), release::manifest(&header, version));
    tree.insert(
        "README.md".into(),
        release::readme(&header, catalog, version),
    );
    tree.insert("surface.txt".into(), surface);
    Ok(tree)
}

/// The hand-written files copied into the crate: every behaviour that does not depend on the
/// catalogue (the macros the generated modules call, locales, scopes, metadata accessors, the
/// search API's fixed types), so
/// that the generated files hold only tables and calls, and a catalogue diff never touches code.
const SUPPORT: [(&str, &str); 5] = [
    ("src/support.rs", include_str!("../support/support.rs")),
    ("src/nhn/api/types.rs", include_str!("../support/api.rs")),
    ("src/ocsf.rs", include_str!("../support/ocsf.rs")),
    ("src/nhn/meta.rs", include_str!("../support/nhn.rs")),
    ("src/kakao/meta.rs", include_str!("../support/kakao.rs")),
];

/// `src/ocsf/classes.rs`: the OCSF classes and their activities, from the one table the
/// catalogue's classification uses ([`trail_catalog::classify::CLASSES`]), in the order of the
/// hand-written `ocsf::Class` enum (by `class_uid`).
fn ocsf_classes() -> TokenStream {
    let classes = trail_catalog::classify::CLASSES;
    assert!(
        classes.windows(2).all(|w| w[0].uid < w[1].uid) && classes.len() == 3,
        "classify::CLASSES is the three classes in class_uid order, as ocsf::Class"
    );
    let n = proc_macro2::Literal::usize_unsuffixed(classes.len());
    let rows = classes.iter().map(|c| {
        let uid = proc_macro2::Literal::u32_unsuffixed(c.uid);
        let category_uid = proc_macro2::Literal::u32_unsuffixed(c.category_uid);
        let (category_name, name) = (c.category_name, c.name);
        let activities = c.activities.iter().map(|(id, name)| {
            let id = proc_macro2::Literal::u8_unsuffixed(*id as u8);
            quote! { (#id, #name) }
        });
        quote! {
            super::ClassInfo {
                uid: #uid,
                category_uid: #category_uid,
                category_name: #category_name,
                name: #name,
                activities: &[#(#activities),*],
            }
        }
    });
    quote! {
        //! The OCSF classes of the catalogue's events and their activities, in `Class` order.

        pub(super) static CLASSES: [super::ClassInfo; #n] = [#(#rows),*];
    }
}

/// One event's [`trail_catalog::model::Meaning`] as a `crate::ocsf::Meaning` literal of the
/// generated tables; an event the catalogue has not classified is the unplaced meaning (action
/// `unknown`, API Activity, activity 0).
pub(crate) fn meaning_tokens(m: Option<&trail_catalog::model::Meaning>) -> TokenStream {
    let (resource_type, action, class_uid, activity_id) = match m {
        Some(m) => (
            m.resource_type.as_str(),
            m.action.as_str(),
            m.class_uid,
            m.activity_id,
        ),
        None => ("", trail_catalog::classify::UNKNOWN_ACTION, 6003, 0),
    };
    let class = match class_uid {
        3001 => quote! { AccountChange },
        3002 => quote! { Authentication },
        _ => quote! { ApiActivity },
    };
    let activity = proc_macro2::Literal::u8_unsuffixed(activity_id as u8);
    quote! {
        crate::ocsf::Meaning {
            resource_type: #resource_type,
            action: #action,
            class: crate::ocsf::Class::#class,
            activity_id: #activity,
        }
    }
}

/// The workspace's licence files, shipped in the crate's package (`include` in `Cargo.toml`).
pub const LICENSES: [(&str, &str); 2] = [
    ("LICENSE-MIT", include_str!("../../../../LICENSE-MIT")),
    ("LICENSE-APACHE", include_str!("../../../../LICENSE-APACHE")),
];

/// The stamp as `//` comment lines, the start of every Rust file the crate gets.
fn stamp_comment(stamp: &Stamp) -> String {
    stamp
        .lines()
        .iter()
        .map(|line| format!("// {line}\n"))
        .collect()
}

/// A hand-written file as the crate gets it: the stamp, then the file without its leading `// `
/// lines (they are notes for this workspace's readers).
fn copy(stamp: &Stamp, text: &str) -> String {
    let mut out = stamp_comment(stamp);
    let mut lines = text.lines().peekable();
    while lines.next_if(|l| l.starts_with("// ")).is_some() {}
    for line in lines {
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Formats a file: the stamp as `//` comments, then the code as prettyplease prints it; an error
/// when the code does not parse back (only a bug in this emitter gets there: gen exits 2 and
/// writes nothing, instead of writing a crate that does not compile).
fn render(stamp: &Stamp, rel: &str, tokens: TokenStream) -> Result<String, String> {
    let file = syn::parse2::<syn::File>(tokens).map_err(|e| {
        format!(
            "{rel}: the generated code does not parse ({e}): report this as a bug of the generator"
        )
    })?;
    let mut out = stamp_comment(stamp);
    out.push_str(&prettyplease::unparse(&file));
    Ok(out)
}

/// The event ID the crate docs' example uses: `event_id.iaas.instance.create` when the
/// catalogue lists it (the ID the README shows), else the first listed ID; none for a catalogue
/// without listed events.
fn example_id(catalog: &Catalog) -> Option<&str> {
    let listed = || {
        catalog
            .nhn
            .events
            .iter()
            .filter(|e| e.status == trail_catalog::model::Status::Listed)
    };
    listed()
        .find(|e| e.id == "event_id.iaas.instance.create")
        .or_else(|| listed().next())
        .map(|e| e.id.as_str())
}

/// The crate docs' `# Example` section: a doctest of what a user does first, so that
/// `cargo test` proves the documented usage compiles and holds for this catalogue.
fn example_doc(catalog: &Catalog) -> Vec<String> {
    let Some(id) = example_id(catalog) else {
        return Vec::new();
    };
    // IDs are `event_id(.segment)+` of ASCII letters, digits, `_` and `-`: safe in a string literal.
    let upper = id.to_ascii_uppercase();
    let text = format!(
        r#"
# Example

```
use cloud_trail_events::nhn::{{EventId, Locale}};
# #[cfg(feature = "alloc")]
use cloud_trail_events::nhn::AnyEventId;

// Strict: a known ID, or an error that carries the rejected input.
let id: EventId = "{id}".parse()?;
assert_eq!(id, "{id}");
assert_eq!(id.to_string(), "{id}");
let _name_in_english: Option<&str> = id.name(Locale::En);
let _listed_under = id.services();
assert!(EventId::ALL.contains(&id));
assert!("event_id.not.in.the.catalogue".parse::<EventId>().is_err());
assert_eq!(EventId::lookup_ignore_ascii_case("{upper}"), Some(id));

// Lenient, for data: an ID the catalogue does not know yet is kept byte for byte.
# #[cfg(feature = "alloc")] {{
let any = AnyEventId::new("event_id.brand_new.thing");
assert_eq!(any.known(), None);
assert_eq!(any.as_str(), "event_id.brand_new.thing");
assert_eq!(AnyEventId::from("{id}").known(), Some(id));
# }}
# Ok::<(), cloud_trail_events::nhn::ParseEventIdError>(())
```"#
    );
    text.lines()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!(" {l}")
            }
        })
        .collect()
}

fn lib_rs(catalog: &Catalog) -> TokenStream {
    let example = example_doc(catalog);
    quote! {
        //! NHN Cloud CloudTrail and KakaoCloud Cloud Trail events as Rust types.
        //!
        //! Both vendors publish their event lists only as documentation; this crate is generated
        //! from a reviewed catalogue of those documents (the date of the data:
        //! [`nhn::DATA_DATE`]).
        //!
        //! * [`nhn`]: [`nhn::EventId`] (one variant per known event ID, with names in four
        //!   locales, services and history), [`nhn::AnyEventId`] for data that may hold IDs the
        //!   catalogue does not know yet, who may use the service, and the search API types in
        //!   [`nhn::api`].
        //! * [`kakao`]: [`kakao::Event`], [`kakao::Scope`] and [`kakao::Role`] with its viewing rules.
        //! * [`ocsf`]: what every event means ([`ocsf::Meaning`]: resource type, action, OCSF class
        //!   and activity), and search API records as OCSF events.
        //!
        //! # Conversions
        //!
        //! Every enum of keys ([`nhn::EventId`], [`nhn::Service`], [`nhn::Locale`],
        //! [`kakao::Event`], [`kakao::Role`], [`kakao::Scope`], [`kakao::RoleKind`], the API's
        //! `MemberType`) has the same ones: `T::ALL`, `const fn as_str`, `T::lookup(&str) ->
        //! Option<T>` and `T::lookup_ignore_ascii_case`, `FromStr` and `TryFrom<&str>` (strict,
        //! with an error `ParseTError` that keeps the input without allocating), `Display`,
        //! `AsRef<str>`, `From<T> for &'static str`, `PartialEq` with `str` and `&str` both ways,
        //! and serde as the key string. `Debug` writes the variant's name, as `#[derive(Debug)]`
        //! does. The lenient [`nhn::AnyEventId`] and [`kakao::AnyEvent`] convert from `&str` and
        //! `String` and never fail.
        //!
        //! # Features
        //!
        //! * `std` (default): implies `alloc`; nothing else.
        //! * `alloc`: the lenient [`nhn::AnyEventId`] and [`kakao::AnyEvent`], which keep an unknown
        //!   key as an `UnknownKey` (a `Box<str>`), and the search API types. Strict parsing never
        //!   allocates, with or without it: its error keeps the rejected input's first 96 bytes
        //!   and its length.
        //! * `serde`: `Serialize` and `Deserialize` for every type (implies `alloc`). Enums are
        //!   (de)serialised as their key strings.
        //! * `ocsf`: `ocsf::from_v1_0` and `ocsf::from_v2_0`, a search API record as an OCSF
        //!   1.5.0 event (implies `serde`).
        //!
        //! Without any feature the crate is `no_std` and allocation-free.
        //!
        //! # Versions
        //!
        //! A new event (or service, role, API field or value) is a **minor** release: the enums
        //! and the API structs are `#[non_exhaustive]`, and no enum can be cast to a number
        //! (`as u16` does not compile: each has a hidden `#[non_exhaustive]` variant), so the
        //! order of the variants is no part of the API. Removing or renaming a public name is a
        //! **major** release; retired events keep their variants, so that old logs resolve.
        //! Store an event as its key (`as_str`), never as a number:
        //!
        //! ```compile_fail
        //! let n = cloud_trail_events::nhn::EventId::ALL[0] as u16; // error[E0606]
        //! ```
        //!
        //! # Variant names
        //!
        //! A variant is named once, when its event first appears, and never renamed. The name is
        //! the key's words in CamelCase, the `event_id.` prefix left out
        //! (`event_id.iaas.instance.create` is `IaasInstanceCreate`, `createParameterGroup` gives
        //! `CreateParameterGroup`); a leading digit gets an `N`, `Self` a trailing `_`. When that
        //! name is taken (two keys that differ only in their separators, such as
        //! `alimtalk.mass.message.sending-cancellation` and
        //! `alimtalk.mass.message.sending.cancellation`), the key keeps its dots as `_` between
        //! the CamelCase segments: `Alimtalk_Mass_Message_Sending_Cancellation` (then, should
        //! that be taken too, `_` and 8 hex digits of a hash of the key). The first key to appear
        //! keeps the plain name, so a name alone does not say which of two look-alike keys it
        //! is: match on the key (`as_str`, `lookup`) when in doubt.
        //!
        //! # Lookup
        //!
        //! `lookup`/`parse` use a perfect hash generated with the catalogue: one hash over the
        //! input's bytes, two table reads and one string comparison, whatever the number of keys.
        #(#![doc = #example])*
        #![no_std]
        #![cfg_attr(docsrs, feature(doc_cfg))]
        #![forbid(unsafe_code)]
        #![warn(missing_docs)]
        #![allow(rustdoc::bare_urls)]

        #[cfg(feature = "alloc")]
        extern crate alloc;
        #[cfg(feature = "std")]
        extern crate std;

        // The generated modules are formatted by prettyplease when they are written; `cargo fmt`
        // leaves them as written, so that `gen --check` and `cargo fmt --check` both hold.
        #[rustfmt::skip]
        pub mod kakao;
        #[rustfmt::skip]
        pub mod nhn;
        pub mod ocsf;
        #[rustfmt::skip]
        mod phash;
        mod support;

        #[cfg(feature = "alloc")]
        #[cfg_attr(docsrs, doc(cfg(feature = "alloc")))]
        pub use support::UnknownKey;

        /// The README's example, compiled and run by `cargo test --doc` (it uses the lenient types).
        #[cfg(all(doctest, feature = "alloc"))]
        #[doc = include_str!("../README.md")]
        struct ReadmeDoctests;
    }
}

/// Makes text safe and inert inside a doc comment: ASCII punctuation that markdown or rustdoc
/// might act on (including its smart quotes, dashes and ellipses) is backslash-escaped, line breaks and other control characters become spaces,
/// and invisible format characters (bidirectional overrides, zero-width marks) are shown as
/// `U+XXXX` so that neither rustc's bidi lints nor a reader are fooled.
pub(crate) fn doc_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        // `"` and `'` are escaped so that rustdoc's smart punctuation keeps them straight, and
        // `--` / `..` so that they do not become dashes or an ellipsis.
        let repeated =
            (c == '-' || c == '.') && (chars.peek() == Some(&c) || out.ends_with(['-', '.']));
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '!' | '&' | '"'
            | '\'' => {
                out.push('\\');
                out.push(c);
            }
            '-' | '.' if repeated => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c if invisible(c) => {
                out.push_str(&format!("U+{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    let trimmed = out.trim();
    // Text at the start of a doc line must not open a list: `- x`, `+ x`, `1. x`, `1) x`.
    let digits = trimmed.len()
        - trimmed
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .len();
    let rest = &trimmed[digits..];
    if (digits == 0 && (rest.starts_with('-') || rest.starts_with('+')))
        || (digits > 0 && (rest.starts_with('.') || rest.starts_with(')')))
    {
        format!("{}\\{}", &trimmed[..digits], rest)
    } else {
        trimmed.to_string()
    }
}

/// Invisible format characters: bidirectional controls, zero-width marks, the BOM.
fn invisible(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}')
}

/// `text` as an inline code span when it can be one (no backticks, no control or format
/// characters), else as [`doc_text`].
pub(crate) fn doc_code(text: &str) -> String {
    if text.is_empty()
        || text.trim() != text
        || text
            .chars()
            .any(|c| c == '`' || c.is_control() || invisible(c))
    {
        doc_text(text)
    } else {
        format!("`{text}`")
    }
}

/// The hidden variant every public enum of keys ends with: never made, it is
/// `#[non_exhaustive]`, so that downstream code cannot cast the enum to a number (rustc refuses
/// `as` on an enum with a non-exhaustive variant of another crate). The variants' order, and so
/// their discriminants, is then no part of the API, and a new variant anywhere is a minor release
/// (cargo-semver-checks agrees: its discriminant lints skip such enums).
fn uncastable() -> TokenStream {
    quote! {
        /// Never made: being `#[non_exhaustive]`, it keeps downstream code from casting the enum
        /// to a number, so that the order of the variants is no part of the API.
        #[doc(hidden)]
        #[non_exhaustive]
        __Uncastable,
    }
}

/// A `#[doc = ...]` attribute for `text` made inert by [`doc_text`].
fn doc(text: &str) -> TokenStream {
    let text = format!(" {}", doc_text(text));
    quote! { #[doc = #text] }
}

/// A `#[doc = ...]` attribute with text written by this emitter (trusted markdown).
fn doc_raw(text: &str) -> TokenStream {
    let text = format!(" {text}");
    quote! { #[doc = #text] }
}

/// An identifier token.
fn ident(name: &str) -> proc_macro2::Ident {
    proc_macro2::Ident::new(name, proc_macro2::Span::call_site())
}

#[cfg(test)]
mod tests {
    use super::doc_text;

    /// Code that does not parse back is refused, never written as a crate that fails to build.
    #[test]
    fn a_file_that_does_not_parse_back_is_an_error() {
        let stamp = trail_catalog::hash::Stamp {
            command: "cargo xtask gen".into(),
            catalog_hash: "sha256:00".into(),
        };
        let err = super::render(&stamp, "src/x.rs", quote::quote! { fn 1 () {} }).unwrap_err();
        assert!(
            err.starts_with("src/x.rs: the generated code does not parse"),
            "{err}"
        );
        let mut catalog = trail_catalog::Catalog::default();
        catalog.nhn.events.push(trail_catalog::model::NhnEvent {
            id: "event_id.x".into(),
            variant: "X".into(),
            ..Default::default()
        });
        assert!(
            super::emit(&catalog, &stamp).is_ok(),
            "a sound catalogue emits"
        );
    }

    #[test]
    fn doc_text_neutralises_markdown_html_and_control_characters() {
        assert_eq!(
            doc_text("<script>alert('x')</script>"),
            r"\<script\>alert(\'x\')\</script\>"
        );
        assert_eq!(
            doc_text(r#"say "hi" <!-- x --> a...b a-b 1.5"#),
            r#"say \"hi\" \<\!\-\- x \-\-\> a\.\.\.b a-b 1.5"#
        );
        assert_eq!(doc_text("a\nb\r\tc"), "a b  c");
        assert_eq!(doc_text("*/ /* `x` [y]"), r"\*/ /\* \`x\` \[y\]");
        assert_eq!(doc_text("rtl\u{202E}x"), "rtlU+202Ex");
        assert_eq!(doc_text("שלום 🚀"), "שלום 🚀");
        assert_eq!(doc_text("- a"), r"\- a");
        assert_eq!(doc_text("12. a"), r"12\. a");
        assert_eq!(doc_text("2단계"), "2단계");
        assert_eq!(super::doc_code("event_id.a_b"), "`event_id.a_b`");
        assert_eq!(super::doc_code("a`b"), r"a\`b");
    }
}
