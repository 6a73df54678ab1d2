//! `src/nhn/api.rs`: the search API request and response types, one module per version.
//!
//! The types render the body shapes the catalogue model computes
//! ([`trail_catalog::model::api_shape`]); this emitter decides no type:
//!
//! * every object with fields becomes a struct named `Request`/`Response` + the CamelCase path
//!   (`page.content` -> `ResponsePageContent`), arrays of objects `Vec`s of such structs;
//! * timestamps are [`Timestamp`]s (both the guide's `+0000` form and RFC 3339, parsed, the text
//!   kept); `eventId` is `AnyEventId` (known IDs typed, unknown ones kept); an enum field
//!   (`memberType`) an enum of the documented values; an integer-or-string field `IntOrString`;
//!   a string-or-object field (`pageable`) `StringOr<struct>`; anything else unknown [`Json`];
//! * request fields the shape marks required are plain, everything else is `Option` (every
//!   response field may be absent or `null`);
//! * the guide's prose rules (`RuleKind`) become `validate`: precedence first (the winning field
//!   clears the fields it overrides), then conditional requires/forbids, then numeric maxima; the
//!   OpenAPI document states the same rules with `if`/`else`.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;
use trail_catalog::model::ApiSpec;
use trail_catalog::model::api::{ApiVersion, RuleKind};
use trail_catalog::model::api_shape::{Body, Shape, ShapeType, body_shape, header_shape};
use trail_catalog::model::localized;

use crate::{doc, doc_raw, ident};

fn describe(s: &Shape) -> Option<String> {
    localized::shown(&s.descriptions).map(str::to_owned)
}

const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// `memberType` -> `member_type`; keywords get a trailing `_`, a leading digit an `f` prefix.
fn snake(key: &str) -> String {
    let camel = trail_catalog::naming::idents(&[key], "").remove(0);
    let mut out = String::new();
    for (i, c) in camel.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 && !out.ends_with('_') {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    let out = out.trim_end_matches('_').to_string();
    let out = if out.starts_with(|c: char| c.is_ascii_digit()) {
        format!("f{out}")
    } else {
        out
    };
    if KEYWORDS.contains(&out.as_str()) {
        format!("{out}_")
    } else {
        out
    }
}

fn camel(path: &str) -> String {
    path.split('.')
        .map(|s| trail_catalog::naming::idents(&[s], "").remove(0))
        .collect()
}

/// Distinct snake-case field names for a struct's children, in key order.
fn field_names(node: &Shape) -> Vec<(String, &Shape)> {
    let mut used: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    node.children
        .iter()
        .map(|c| {
            let base = snake(&c.key);
            let n = used.entry(base.clone()).or_default();
            *n += 1;
            (if *n > 1 { format!("{base}_{n}") } else { base }, c)
        })
        .collect()
}

struct Gen<'a> {
    /// The module's path in the crate (`nhn::api::v2_0`), for the examples.
    module: String,
    prefix: &'a str,
    root_name: &'a str,
    request: bool,
    structs: Vec<TokenStream>,
}

impl Gen<'_> {
    fn struct_name(&self, node: &Shape) -> Ident {
        if node.path.is_empty() {
            ident(self.root_name)
        } else {
            ident(&format!("{}{}", self.prefix, camel(&node.path)))
        }
    }

    /// The Rust type of a node's value (without the `Option`).
    fn value_ty(&mut self, node: &Shape) -> TokenStream {
        match &node.ty {
            ShapeType::String => quote! { alloc::string::String },
            // A request's dates are checked when built; a response keeps one it cannot read as
            // text (one odd `eventTime` must not fail a page of events).
            ShapeType::Timestamp if self.request => quote! { super::Timestamp },
            ShapeType::Timestamp => quote! { super::AnyTimestamp },
            ShapeType::EventId => quote! { crate::nhn::AnyEventId },
            ShapeType::Enum(values) => {
                let name = ident(&camel(&node.key));
                self.emit_enum(node, values);
                quote! { #name }
            }
            ShapeType::Integer => quote! { i64 },
            ShapeType::Number => quote! { f64 },
            ShapeType::Boolean => quote! { bool },
            ShapeType::IntegerOrString => quote! { super::IntOrString },
            ShapeType::StringOrObject => {
                let name = self.struct_name(node);
                self.emit_struct(node, &[]);
                quote! { super::StringOr<#name> }
            }
            ShapeType::Object if node.children.is_empty() => quote! { super::Json },
            ShapeType::Object => {
                let name = self.struct_name(node);
                self.emit_struct(node, &[]);
                quote! { #name }
            }
            ShapeType::Array if node.children.is_empty() => quote! { alloc::vec::Vec<super::Json> },
            ShapeType::Array => {
                let name = self.struct_name(node);
                self.emit_struct(node, &[]);
                quote! { alloc::vec::Vec<#name> }
            }
            ShapeType::Any => quote! { super::Json },
        }
    }

    /// Emits the enum of a field whose values the guide lists (`memberType`): a small enum of
    /// keys like the crate's others (strict parse, conversions, serde as the value).
    fn emit_enum(&mut self, node: &Shape, values: &[String]) {
        let name = camel(&node.key);
        let keys: Vec<&str> = values.iter().map(String::as_str).collect();
        let path = node.path.replace('`', "'");
        let first = keys.first().copied().unwrap_or_default().replace('`', "'");
        let example = format!(
            "use cloud_trail_events::{module}::{name};\n\
             let v: {name} = \"{first}\".parse().unwrap();\n\
             assert_eq!(v.as_str(), \"{first}\");",
            module = self.module,
        );
        let enum_doc = [
            format!(" The values of `{path}` the guide names."),
            String::new(),
            " ```".into(),
        ]
        .into_iter()
        .chain(example.lines().map(|l| format!(" {l}")))
        .chain([" ```".to_string()]);
        let enum_doc = quote! { #(#[doc = #enum_doc])* };
        let docs: Vec<String> = values.iter().map(|v| format!("The value {v}.")).collect();
        let what = format!("`{path}` value");
        // The guide's values are not catalogued one by one, so their variants are not pinned:
        // they are derived from the values the guide gives now.
        let variants = trail_catalog::naming::idents(&keys, "");
        let variants: Vec<&str> = variants.iter().map(String::as_str).collect();
        let (code, _) = crate::nhn::small_enum(
            &name,
            &what,
            &self.module,
            enum_doc,
            &keys,
            &variants,
            &docs,
        );
        self.structs.push(code);
    }

    /// The builder of a request struct: `Name::builder()`, a setter named after each field,
    /// and `build()`, which fails on a missing required field and, for the request body, on
    /// every rule of `validate`.
    fn builder(
        &self,
        node: &Shape,
        name: &Ident,
        typed: &[(String, &Shape, TokenStream)],
    ) -> TokenStream {
        let builder = quote::format_ident!("{name}Builder");
        let root = node.path.is_empty();
        let mut fields = Vec::new();
        let mut setters = Vec::new();
        let mut inits = Vec::new();
        for (fname, child, ty) in typed {
            let f = ident(fname);
            let key = child.key.as_str();
            let path = if node.path.is_empty() {
                key.to_string()
            } else {
                format!("{}.{key}", node.path)
            };
            let setter_doc = doc_raw(&format!("Sets `{}`.", path.replace('`', "'")));
            fields.push(quote! { #f: Option<#ty> });
            setters.push(quote! {
                #setter_doc
                pub fn #f(mut self, value: #ty) -> #builder {
                    self.#f = Some(value);
                    self
                }
            });
            if child.required {
                inits.push(
                    quote! { #f: self.#f.ok_or(super::RequestError::Missing { field: #path })? },
                );
            } else {
                inits.push(quote! { #f: self.#f });
            }
        }
        let checked = if root {
            quote! { value.validate() }
        } else {
            quote! { Ok(value) }
        };
        let rules = if root {
            "then every rule of [`validate`](SearchRequest::validate)"
        } else {
            "nothing else"
        };
        let build_doc = doc_raw(&format!(
            "The value: a [`RequestError::Missing`](super::RequestError::Missing) for a required \
             field not set, {}.",
            if root {
                "then the value as [`validate`](SearchRequest::validate) returns it"
            } else {
                "else the value"
            }
        ));
        let struct_doc = doc_raw(&format!(
            "Builds a [`{name}`] one named field at a time, so that no two fields can be swapped; \
             `build` checks that every required field is set, {rules}."
        ));
        let example = self.struct_example(node, name);
        quote! {
            #struct_doc
            #example
            #[derive(Debug, Clone, Default)]
            #[must_use]
            pub struct #builder {
                #(#fields,)*
            }

            impl #builder {
                #(#setters)*

                #build_doc
                pub fn build(self) -> Result<#name, super::RequestError> {
                    let value = #name { #(#inits),* };
                    #checked
                }
            }

            impl #name {
                /// A builder that names each field as it is set.
                pub fn builder() -> #builder {
                    #builder::default()
                }
            }
        }
    }

    /// The example of a struct's docs: a request struct built with its builder (the required
    /// fields), a response struct made empty with `Default` (a response is deserialised, and
    /// the guide may add fields, so no struct literal builds one).
    fn struct_example(&self, node: &Shape, name: &Ident) -> TokenStream {
        let mut lines = vec![
            String::new(),
            "```".to_string(),
            format!("use cloud_trail_events::{}::*;", self.module),
        ];
        if self.request {
            let Some(build) = sample(node, &node.date_ranges(), self.prefix) else {
                return TokenStream::new();
            };
            lines.extend([
                "use cloud_trail_events::nhn::api::{IntOrString, StringOr};".to_string(),
                "use cloud_trail_events::nhn::AnyEventId;".into(),
            ]);
            lines.extend(
                format!("let value: {name} = {build};")
                    .lines()
                    .map(str::to_string),
            );
            lines.extend([
                "# let _ = (IntOrString::Int(0), StringOr::<()>::String(String::new()), AnyEventId::from(\"\"));".to_string(),
                "# Ok::<(), Box<dyn std::error::Error>>(())".into(),
            ]);
        } else {
            lines.push(format!("let value = {name}::default();"));
            if let Some((field, _)) = field_names(node).first() {
                lines.push(format!("assert!(value.{field}.is_none());"));
            }
        }
        lines.push("```".into());
        let lines = lines.iter().map(|l| format!(" {l}"));
        quote! { #(#[doc = #lines])* }
    }

    /// Emits the struct for an object node (children first), with extra leading fields.
    fn emit_struct(&mut self, node: &Shape, extra: &[TokenStream]) {
        let name = self.struct_name(node);
        let mut fields = Vec::new();
        let mut ctor_params = Vec::new();
        let mut ctor_inits = Vec::new();
        let mut typed = Vec::new();
        for (fname, child) in field_names(node) {
            let f = ident(&fname);
            let key = &child.key;
            let ty = self.value_ty(child);
            typed.push((fname.clone(), child, ty.clone()));
            let fallback = if child.from_table {
                "The guide gives no description."
            } else {
                "Shown by the guide's example; no table describes it."
            };
            let doc_attr = match describe(child) {
                Some(text) => doc(&text),
                None => doc_raw(fallback),
            };
            let key_doc = doc_raw(&format!("JSON key: `{}`.", key.replace('`', "'")));
            if child.required {
                fields.push(quote! {
                    #doc_attr
                    #[doc = ""]
                    #key_doc
                    #[cfg_attr(feature = "serde", serde(rename = #key))]
                    pub #f: #ty,
                });
                ctor_params.push(quote! { #f: #ty });
                ctor_inits.push(quote! { #f });
            } else {
                fields.push(quote! {
                    #doc_attr
                    #[doc = ""]
                    #key_doc
                    #[cfg_attr(feature = "serde", serde(rename = #key, default, skip_serializing_if = "Option::is_none"))]
                    pub #f: Option<#ty>,
                });
                ctor_inits.push(quote! { #f: None });
            }
        }
        let struct_doc = if node.path.is_empty() {
            doc_raw(match (self.request, self.root_name) {
                (true, _) => "The request body.",
                (false, "ResponseHeader") => {
                    "The `header` object every response carries: success flag, result code and message."
                }
                (false, _) => "The response body.",
            })
        } else {
            doc_raw(&format!("The object at `{}`.", node.path.replace('`', "'")))
        };
        let example = self.struct_example(node, &name);
        let default = ctor_params.is_empty().then(|| {
            quote! {
                impl Default for #name {
                    fn default() -> #name {
                        #name::new()
                    }
                }
            }
        });
        // Two or more positional arguments can be swapped unnoticed (two dates): the builder,
        // which names each field, replaces such a `new`.
        let deprecated = (ctor_params.len() > 1).then(|| {
            quote! {
                #[deprecated(since = "3.0.0", note = "positional arguments are easy to swap: use `builder()`, which names each field")]
            }
        });
        let builder = self.request.then(|| self.builder(node, &name, &typed));
        let ctor = self.request.then(|| {
            quote! {
                impl #name {
                    /// A value with the required fields given and every optional field empty.
                    #[allow(clippy::too_many_arguments)]
                    #deprecated
                    pub fn new(#(#ctor_params),*) -> #name {
                        #name { #(#ctor_inits),* }
                    }
                }
                #default
                #builder
            }
        });
        // A response struct has only optional fields: `Default` builds one (a struct literal
        // cannot, outside the crate, since the guide may add fields).
        let derive_default = (!self.request && ctor_params.is_empty()).then(|| quote! { Default, });
        self.structs.push(quote! {
            #struct_doc
            #example
            #[derive(Debug, Clone, PartialEq, #derive_default)]
            #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
            #[non_exhaustive]
            pub struct #name {
                #(#extra)*
                #(#fields)*
            }
            #ctor
        });
    }
}

/// How to reach a field from `req`: `(segment ident, optional?)` per segment, or `None` when the
/// path is unknown or crosses an array.
fn route<'a>(root: &'a Shape, path: &str) -> Option<(Vec<(Ident, bool)>, &'a Shape)> {
    let mut node = root;
    let mut out = Vec::new();
    let segs: Vec<&str> = path.split('.').collect();
    for (i, seg) in segs.iter().enumerate() {
        let names = field_names(node);
        let (fname, child) = names.into_iter().find(|(_, c)| c.key == *seg)?;
        if i + 1 < segs.len() && child.ty != ShapeType::Object {
            return None;
        }
        out.push((ident(&fname), !child.required));
        node = child;
    }
    Some((out, node))
}

/// An expression of type `Option<&T>` reading the field at the route.
fn read(route: &[(Ident, bool)]) -> TokenStream {
    let mut expr = quote! { Some(&req) };
    for (f, optional) in route {
        expr = if *optional {
            quote! { #expr.and_then(|v| v.#f.as_ref()) }
        } else {
            quote! { #expr.map(|v| &v.#f) }
        };
    }
    expr
}

/// A statement setting the (optional) field at the route to `None`, if its parents exist.
fn clear(route: &[(Ident, bool)]) -> Option<TokenStream> {
    let ((last, optional), parents) = route.split_last()?;
    if !optional {
        return None;
    }
    let mut stmt = quote! { p.#last = None; };
    for (f, opt) in parents.iter().rev() {
        stmt = if *opt {
            quote! { if let Some(p) = p.#f.as_mut() { #stmt } }
        } else {
            quote! { { let p = &mut p.#f; #stmt } }
        };
    }
    Some(quote! { { let p = &mut req; #stmt } })
}

fn validate(root: &Shape, v: &ApiVersion) -> (TokenStream, Vec<String>) {
    let mut precedence = Vec::new();
    let mut checks = Vec::new();
    let mut ranges = Vec::new();
    let mut notes = Vec::new();
    for rule in &v.rules {
        match &rule.rule {
            RuleKind::Precedence { field, over } => {
                let Some((r, _)) = route(root, field) else {
                    continue;
                };
                let cond = read(&r);
                let clears: Vec<TokenStream> = over
                    .iter()
                    .filter_map(|o| route(root, o))
                    .filter_map(|(r, _)| clear(&r))
                    .collect();
                if !clears.is_empty() {
                    precedence.push(quote! { if #cond.is_some() { #(#clears)* } });
                    notes.push(format!(
                        "When `{field}` is given, {} are cleared: `{field}` wins.",
                        over.iter()
                            .map(|o| format!("`{o}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
            }
            RuleKind::Conditional {
                field,
                values,
                requires,
                forbids,
            } => {
                let Some((r, node)) = route(root, field) else {
                    continue;
                };
                let ShapeType::Enum(all) = &node.ty else {
                    continue;
                };
                let enum_name = ident(&camel(&node.key));
                let keys: Vec<&str> = all.iter().map(String::as_str).collect();
                let variants = trail_catalog::naming::idents(&keys, "");
                let matching: Vec<Ident> = all
                    .iter()
                    .zip(&variants)
                    .filter(|(a, _)| values.contains(a))
                    .map(|(_, v)| ident(v))
                    .collect();
                let cond = read(&r);
                let when = format!("{field} is {}", values.join(" or "));
                let mut body = Vec::new();
                for q in requires {
                    if let Some((rq, _)) = route(root, q) {
                        let e = read(&rq);
                        body.push(quote! { if #e.is_none() { return Err(super::RequestError::Required { field: #q, when: #when }); } });
                    }
                }
                for q in forbids {
                    if let Some((rq, _)) = route(root, q) {
                        let e = read(&rq);
                        body.push(quote! { if #e.is_some() { return Err(super::RequestError::Forbidden { field: #q, when: #when }); } });
                    }
                }
                checks.push(quote! { if #cond.is_some_and(|v| [#(#enum_name::#matching),*].contains(v)) { #(#body)* } });
                notes.push(format!(
                    "When `{field}` is {}: {}{}{}.",
                    values
                        .iter()
                        .map(|v| format!("`{v}`"))
                        .collect::<Vec<_>>()
                        .join(" or "),
                    requires
                        .iter()
                        .map(|q| format!("`{q}` is required"))
                        .collect::<Vec<_>>()
                        .join(", "),
                    if requires.is_empty() || forbids.is_empty() {
                        ""
                    } else {
                        ", "
                    },
                    forbids
                        .iter()
                        .map(|q| format!("`{q}` must be absent"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            RuleKind::Range {
                field,
                max,
                default,
            } => {
                let Some((r, node)) = route(root, field) else {
                    continue;
                };
                if node.ty != ShapeType::Integer {
                    continue;
                }
                let e = read(&r);
                if let Some(max) = max {
                    let m = Literal::i64_unsuffixed(*max);
                    ranges.push(quote! {
                        if let Some(&v) = #e { if v > #m { return Err(super::RequestError::TooLarge { field: #field, max: #m, value: v }); } }
                    });
                    notes.push(format!(
                        "`{field}` is at most {max}{}.",
                        default
                            .map(|d| format!(" (the server's default is {d})"))
                            .unwrap_or_default()
                    ));
                }
            }
            RuleKind::OptionalFilter { field } => {
                notes.push(format!(
                    "Leaving `{field}` out searches without that filter."
                ));
            }
        }
    }
    // Dates: the start of a range before its end (a fact of the request's shape).
    for (start, end) in root.date_ranges() {
        let (Some((rs, _)), Some((re, _))) = (route(root, &start.path), route(root, &end.path))
        else {
            continue;
        };
        let (s, e) = (read(&rs), read(&re));
        let (sp, ep) = (&start.path, &end.path);
        ranges.push(quote! {
            if let (Some(start), Some(end)) = (#s, #e) {
                if (start.unix_seconds(), start.nanosecond()) >= (end.unix_seconds(), end.nanosecond()) {
                    return Err(super::RequestError::NotBefore { field: #sp, other: #ep });
                }
            }
        });
        notes.push(format!("`{sp}` is before `{ep}`."));
    }
    let code = quote! {
        #(#precedence)*
        #(#checks)*
        #(#ranges)*
    };
    (code, notes)
}

/// `v1.0` -> `v1_0`: ASCII alphanumerics lowercased, anything else `_`, a `v` in front if missing.
fn module_name(version: &str) -> String {
    let s: String = version
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    if s.starts_with('v') {
        s
    } else {
        format!("v{s}")
    }
}

/// A Rust expression that builds a sample value of `node` (its required fields only), for the
/// examples; `None` for a type without one.
fn sample(node: &Shape, ranges: &[(&Shape, &Shape)], prefix: &str) -> Option<String> {
    let is_end = ranges.iter().any(|(_, end)| end.path == node.path);
    Some(match &node.ty {
        ShapeType::String => "String::from(\"example\")".into(),
        ShapeType::Timestamp if is_end => "\"2019-09-02T00:00:00Z\".parse()?".into(),
        ShapeType::Timestamp => "\"2019-09-01T00:00:00Z\".parse()?".into(),
        ShapeType::EventId => "AnyEventId::from(\"event_id.iaas.instance.create\")".into(),
        ShapeType::Enum(_) => format!("{}::ALL[0]", camel(&node.key)),
        ShapeType::Integer => "0".into(),
        ShapeType::Number => "0.0".into(),
        ShapeType::Boolean => "false".into(),
        ShapeType::IntegerOrString => "IntOrString::Int(0)".into(),
        ShapeType::Object | ShapeType::StringOrObject if !node.children.is_empty() => {
            let name = if node.path.is_empty() {
                "SearchRequest".to_string()
            } else {
                format!("{prefix}{}", camel(&node.path))
            };
            let mut out = format!("{name}::builder()");
            let mut fields: Vec<(String, &Shape)> = field_names(node)
                .into_iter()
                .filter(|(_, c)| c.required)
                .collect();
            // A date range first, in its order: start, then end.
            let place = |c: &Shape| {
                ranges
                    .iter()
                    .position(|(s, _)| s.path == c.path)
                    .map(|i| 2 * i)
                    .or_else(|| {
                        ranges
                            .iter()
                            .position(|(_, e)| e.path == c.path)
                            .map(|i| 2 * i + 1)
                    })
                    .unwrap_or(usize::MAX)
            };
            fields.sort_by_key(|(_, c)| place(c));
            for (fname, child) in fields {
                let value = sample(child, ranges, prefix)?.replace('\n', "\n    ");
                out.push_str(&format!("\n    .{fname}({value})"));
            }
            let value = format!("{out}\n    .build()?");
            if node.ty == ShapeType::StringOrObject {
                format!("StringOr::Value({value})")
            } else {
                value
            }
        }
        _ => return None,
    })
}

/// The version module's example: a request built with its builder (the required fields, a date
/// range in order), and the error a range given end first gives.
fn request_example(root: &Shape, module: &str) -> TokenStream {
    let ranges = root.date_ranges();
    let Some(build) = sample(root, &ranges, "Request") else {
        return TokenStream::new();
    };
    let mut lines = vec![
        String::new(),
        "```".to_string(),
        format!("use cloud_trail_events::nhn::api::{module}::*;"),
        "use cloud_trail_events::nhn::api::{IntOrString, RequestError, StringOr};".into(),
        "use cloud_trail_events::nhn::AnyEventId;".into(),
        String::new(),
    ];
    lines.extend(
        format!("let request = {build};")
            .lines()
            .map(str::to_string),
    );
    if let Some((start, end)) = ranges.first() {
        let (sf, ef) = (snake(&start.key), snake(&end.key));
        lines.extend([
            String::new(),
            "// The builder names each field, and `build` checks the range's order.".into(),
            "let mut swapped = request.clone();".into(),
            format!("core::mem::swap(&mut swapped.{sf}, &mut swapped.{ef});"),
            format!(
                "assert_eq!(swapped.validate(), Err(RequestError::NotBefore {{ field: {:?}, other: {:?} }}));",
                start.path, end.path
            ),
        ]);
    }
    lines.extend([
        "# let _ = (IntOrString::Int(0), StringOr::<()>::String(String::new()));".into(),
        "# Ok::<(), Box<dyn std::error::Error>>(())".into(),
        "```".into(),
    ]);
    let lines = lines.iter().map(|l| format!(" {l}"));
    quote! { #(#[doc = #lines])* }
}

fn version_module(spec: &ApiSpec, v: &ApiVersion) -> TokenStream {
    let m = ident(&module_name(&v.version));
    let req_root = body_shape(spec, v, Body::Request);
    let resp_root = body_shape(spec, v, Body::Response);

    let module = format!("nhn::api::{}", module_name(&v.version));
    let mut reqg = Gen {
        module: module.clone(),
        prefix: "Request",
        root_name: "SearchRequest",
        request: true,
        structs: Vec::new(),
    };
    reqg.emit_struct(&req_root, &[]);
    let mut respg = Gen {
        module,
        prefix: "Response",
        root_name: "SearchResponse",
        request: false,
        structs: Vec::new(),
    };
    let header_field = header_shape(spec).is_some().then(|| {
        quote! {
            /// The common response header: success flag, result code and message.
            #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
            pub header: Option<super::ResponseHeader>,
        }
    });
    respg.emit_struct(&resp_root, header_field.as_slice());
    let req_structs = &reqg.structs;
    let resp_structs = &respg.structs;

    let (checks, notes) = validate(&req_root, v);
    let validate_doc: Vec<TokenStream> = notes.iter().map(|n| doc_raw(&format!("* {n}"))).collect();

    let method = &v.method;
    let path = &v.path;
    let mut pieces = Vec::new();
    let mut params = Vec::new();
    let mut rest = path.as_str();
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        let lit = &rest[..open];
        pieces.push(quote! { s.push_str(#lit); });
        let p = ident(&snake(&rest[open + 1..close]));
        pieces.push(quote! { s.push_str(#p); });
        params.push(quote! { #p: &str });
        rest = &rest[close + 1..];
    }
    pieces.push(quote! { s.push_str(#rest); });
    let headers: Vec<&str> = v.headers.iter().map(|h| h.name.as_str()).collect();
    let header_consts = v.headers.iter().map(|h| {
        let name = ident(&snake(&h.name).to_ascii_uppercase());
        let value = &h.name;
        let d = localized::shown(&h.descriptions).map(doc);
        quote! { #d pub const #name: &str = #value; }
    });
    let permission = crate::nhn::opt_str(v.permission.as_deref());
    let module_doc = doc_raw(&format!(
        "The event search API {}: `{} {}`.",
        v.version,
        v.method,
        v.path.replace('`', "'")
    ));
    let module_example = request_example(&req_root, &module_name(&v.version));

    quote! {
        #module_doc
        #module_example
        pub mod #m {
            /// The HTTP method.
            pub const METHOD: &str = #method;
            /// The path template, with `{…}` variables.
            pub const PATH: &str = #path;
            /// The IAM permission the call needs, if the guide names one.
            pub const PERMISSION: Option<&str> = #permission;
            /// The request headers the call needs (authentication), by name.
            pub const HEADERS: &[&str] = &[#(#headers),*];
            #(#header_consts)*

            /// The path with its variables filled in as given (no escaping: pass them as issued).
            pub fn path(#(#params),*) -> alloc::string::String {
                let mut s = alloc::string::String::new();
                #(#pieces)*
                s
            }

            #(#req_structs)*

            impl SearchRequest {
                /// Checks the guide's rules on the request and returns it as the server applies it:
                #[doc = ""]
                #(#validate_doc)*
                pub fn validate(self) -> Result<SearchRequest, super::RequestError> {
                    #[allow(unused_mut)]
                    let mut req = self;
                    #checks
                    Ok(req)
                }
            }

            #(#resp_structs)*
        }
    }
}

/// The file's code.
pub(crate) fn tokens(spec: &ApiSpec) -> TokenStream {
    let versions = spec.versions.iter().map(|v| version_module(spec, v));
    let header = header_shape(spec).map(|h| {
        let mut g = Gen {
            module: "nhn::api".into(),
            prefix: "Response",
            root_name: "ResponseHeader",
            request: false,
            structs: Vec::new(),
        };
        // The structs are the `header` object's children, named from the root.
        g.emit_struct(
            &Shape {
                path: String::new(),
                ..h
            },
            &[],
        );
        let s = &g.structs;
        quote! { #(#s)* }
    });

    quote! {
        //! The NHN CloudTrail event search API: one module per version (`v1_0`, `v2_0`), each with
        //! its method, path, headers and permission, the request with its rules (`validate`) and
        //! the response, which deserialises the guide's examples (with the `serde` feature).
        //!
        //! Field names follow Rust (`member_type`); serde uses the guide's JSON keys (`memberType`).
        //! Dates are [`Timestamp`]s (both forms the API writes, parsed, the text kept). `eventId`
        //! fields are [`AnyEventId`](crate::nhn::AnyEventId): IDs the catalogue does not know are
        //! kept. Every response field may be absent or `null` (`None`); a response's dates are
        //! [`AnyTimestamp`]s, which keep text that is no timestamp instead of failing the page.
        //!
        //! Requests are built with a builder that names each field and checks the guide's
        //! rules (see the version modules); responses are deserialised:
        //!
        //! ```
        //! use cloud_trail_events::nhn::api::{AnyTimestamp, Timestamp};
        //! let sent: Timestamp = "2019-09-01T02:00:00.000+0900".parse()?;
        //! assert_eq!(sent.unix_seconds(), 1_567_270_800);
        //! let received = AnyTimestamp::new("2019-09-01");
        //! assert!(received.error().is_some());
        //! # Ok::<(), cloud_trail_events::nhn::api::TimestampError>(())
        //! ```

        // The fixed types (timestamps, JSON values, request errors): hand-written, in
        // `support/api.rs`.
        mod types;
        pub use types::*;

        #header

        #(#versions)*
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn snake_case_field_names() {
        assert_eq!(super::snake("memberType"), "member_type");
        assert_eq!(super::snake("idNo"), "id_no");
        assert_eq!(super::snake("type"), "type_");
        assert_eq!(
            super::snake("X-TC-AUTHENTICATION-ID"),
            "x_tc_authentication_id"
        );
        assert_eq!(super::snake("numberOfElements"), "number_of_elements");
        assert_eq!(super::module_name("v2.0"), "v2_0");
        assert_eq!(super::module_name("1.0"), "v1_0");
    }
}
