//! `src/nhn/api.rs`: the search API request and response types, one module per version.
//!
//! Types come from the catalogue's `ApiSpec`:
//!
//! * the fields' dotted paths give the nesting; every object with fields becomes a struct named
//!   `Request`/`Response` + the CamelCase path (`page.content` -> `ResponsePageContent`), and
//!   arrays of objects `Vec`s of such structs;
//! * keys the guide's JSON examples show but no table lists (`page.totalPages`) are added, typed
//!   from the examples, so that the examples deserialise without losing anything;
//! * a field whose examples disagree on its type (v2.0's `pageable`: an object in Korean, the
//!   string `"INSTANCE"` in English), and objects without known fields, are [`Json`] values;
//! * `eventId` strings are `AnyEventId` (known IDs typed, unknown ones kept); `Date` strings stay
//!   strings (no date library);
//! * request fields the table marks required are plain, everything else is `Option`;
//! * the guide's prose rules (`RuleKind`) become `validate`: precedence first (the winning field
//!   clears the fields it overrides), then conditional requires/forbids, then numeric maxima.

use std::collections::BTreeMap;

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;
use trail_catalog::Locale;
use trail_catalog::model::ApiSpec;
use trail_catalog::model::api::{ApiField, ApiVersion, FieldOrigin, JsonExample, JsonType, RuleKind};

use crate::{doc, doc_raw, ident};

/// A field's type as generated.
#[derive(Debug, Clone, PartialEq)]
enum Ty {
    Known(JsonType),
    /// Examples disagree: any JSON.
    Mixed,
}

#[derive(Debug, Clone)]
struct Node {
    /// The JSON key.
    key: String,
    /// Dotted path from the body root.
    path: String,
    ty: Ty,
    required: bool,
    doc: Option<String>,
    /// Whether a table of the guide lists it (else only an example shows it).
    from_table: bool,
    children: BTreeMap<String, Node>,
}

impl Node {
    fn root() -> Node {
        Node {
            key: String::new(),
            path: String::new(),
            ty: Ty::Known(JsonType::Object),
            required: true,
            doc: None,
            from_table: false,
            children: BTreeMap::new(),
        }
    }

    fn child(&mut self, key: &str, ty: Ty) -> &mut Node {
        let path = if self.path.is_empty() { key.to_string() } else { format!("{}.{key}", self.path) };
        self.children.entry(key.to_string()).or_insert_with(|| Node {
            key: key.to_string(),
            path,
            ty,
            required: false,
            doc: None,
            from_table: false,
            children: BTreeMap::new(),
        })
    }
}

fn describe(f: &ApiField) -> Option<String> {
    [Locale::En, Locale::Ko, Locale::Ja, Locale::Zh].iter().find_map(|l| f.descriptions.get(l).cloned())
}

/// The field tree of one body: table fields, then keys from the examples.
fn tree(fields: &[ApiField], examples: &BTreeMap<Locale, JsonExample>, request: bool) -> Node {
    let mut root = Node::root();
    for f in fields {
        let mut node = &mut root;
        let segs: Vec<&str> = f.path.split('.').collect();
        for (i, seg) in segs.iter().enumerate() {
            let last = i + 1 == segs.len();
            node = node.child(seg, Ty::Known(if last { f.json_type } else { JsonType::Object }));
            if last {
                node.ty = Ty::Known(f.json_type);
                node.required = request && f.required == Some(true);
                node.doc = describe(f);
                node.from_table = f.origin == FieldOrigin::Table;
            }
        }
    }
    for ex in examples.values() {
        if let Some(v) = &ex.value {
            merge(&mut root, v);
        }
    }
    root
}

/// Adds the keys of an example value below `node`, marking type disagreements.
fn merge(node: &mut Node, value: &serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                let seen = JsonType::of(v);
                let child = node.child(k, Ty::Known(seen));
                match (&child.ty, seen) {
                    (_, JsonType::Null) => {}
                    (Ty::Known(t), s) if *t == s => {}
                    (Ty::Known(JsonType::Number), JsonType::Integer) => {}
                    _ => child.ty = Ty::Mixed,
                }
                merge(child, v);
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                if item.is_object() {
                    merge(node, item);
                }
            }
        }
        _ => {}
    }
}

const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "self", "static", "struct", "super", "trait", "true",
    "try", "type", "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
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
    let out = if out.starts_with(|c: char| c.is_ascii_digit()) { format!("f{out}") } else { out };
    if KEYWORDS.contains(&out.as_str()) { format!("{out}_") } else { out }
}

fn camel(path: &str) -> String {
    path.split('.').map(|s| trail_catalog::naming::idents(&[s], "").remove(0)).collect()
}

/// Distinct snake-case field names for a struct's children, in key order.
fn field_names(node: &Node) -> Vec<(String, &Node)> {
    let mut used: BTreeMap<String, usize> = BTreeMap::new();
    node.children
        .values()
        .map(|c| {
            let base = snake(&c.key);
            let n = used.entry(base.clone()).or_default();
            *n += 1;
            (if *n > 1 { format!("{base}_{n}") } else { base }, c)
        })
        .collect()
}

struct Gen<'a> {
    prefix: &'a str,
    root_name: &'a str,
    request: bool,
    structs: Vec<TokenStream>,
}

impl Gen<'_> {
    fn struct_name(&self, node: &Node) -> Ident {
        if node.path.is_empty() { ident(self.root_name) } else { ident(&format!("{}{}", self.prefix, camel(&node.path))) }
    }

    /// The Rust type of a node's value (without the `Option`).
    fn value_ty(&mut self, node: &Node) -> TokenStream {
        match &node.ty {
            Ty::Mixed => quote! { super::Json },
            Ty::Known(JsonType::String) if node.key == "eventId" => quote! { crate::nhn::AnyEventId },
            Ty::Known(JsonType::String) => quote! { alloc::string::String },
            Ty::Known(JsonType::Integer) => quote! { i64 },
            Ty::Known(JsonType::Number) => quote! { f64 },
            Ty::Known(JsonType::Boolean) => quote! { bool },
            Ty::Known(JsonType::Null) => quote! { super::Json },
            Ty::Known(JsonType::Object) if node.children.is_empty() => quote! { super::Json },
            Ty::Known(JsonType::Object) => {
                let name = self.struct_name(node);
                self.emit_struct(node, &[]);
                quote! { #name }
            }
            Ty::Known(JsonType::Array) if node.children.is_empty() => quote! { alloc::vec::Vec<super::Json> },
            Ty::Known(JsonType::Array) => {
                let name = self.struct_name(node);
                self.emit_struct(node, &[]);
                quote! { alloc::vec::Vec<#name> }
            }
        }
    }

    /// Emits the struct for an object node (children first), with extra leading fields.
    fn emit_struct(&mut self, node: &Node, extra: &[TokenStream]) {
        let name = self.struct_name(node);
        let mut fields = Vec::new();
        let mut ctor_params = Vec::new();
        let mut ctor_inits = Vec::new();
        for (fname, child) in field_names(node) {
            let f = ident(&fname);
            let key = &child.key;
            let ty = self.value_ty(child);
            let fallback = if child.from_table {
                "The guide gives no description."
            } else {
                "Shown by the guide's example; no table describes it."
            };
            let doc_attr = match &child.doc {
                Some(text) => doc(text),
                None => doc_raw(fallback),
            };
            let key_doc = doc_raw(&format!("JSON key: `{}`.", key.replace('`', "'")));
            if self.request && child.required {
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
                (false, "ResponseHeader") => "The `header` object every response carries: success flag, result code and message.",
                (false, _) => "The response body.",
            })
        } else {
            doc_raw(&format!("The object at `{}`.", node.path.replace('`', "'")))
        };
        let default = ctor_params.is_empty().then(|| {
            quote! {
                impl Default for #name {
                    fn default() -> #name {
                        #name::new()
                    }
                }
            }
        });
        let ctor = self.request.then(|| {
            quote! {
                impl #name {
                    /// A value with the required fields given and every optional field empty.
                    #[allow(clippy::too_many_arguments)]
                    pub fn new(#(#ctor_params),*) -> #name {
                        #name { #(#ctor_inits),* }
                    }
                }
                #default
            }
        });
        self.structs.push(quote! {
            #struct_doc
            #[derive(Debug, Clone, PartialEq)]
            #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
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
fn route(root: &Node, path: &str) -> Option<(Vec<(Ident, bool)>, Ty)> {
    let mut node = root;
    let mut out = Vec::new();
    let segs: Vec<&str> = path.split('.').collect();
    for (i, seg) in segs.iter().enumerate() {
        let names = field_names(node);
        let (fname, child) = names.into_iter().find(|(_, c)| c.key == *seg)?;
        if i + 1 < segs.len() && child.ty != Ty::Known(JsonType::Object) {
            return None;
        }
        out.push((ident(&fname), !child.required));
        node = child;
    }
    Some((out, node.ty.clone()))
}

/// An expression of type `Option<&T>` reading the field at the route.
fn read(route: &[(Ident, bool)]) -> TokenStream {
    let mut expr = quote! { Some(&req) };
    for (f, optional) in route {
        expr = if *optional { quote! { #expr.and_then(|v| v.#f.as_ref()) } } else { quote! { #expr.map(|v| &v.#f) } };
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

fn validate(root: &Node, v: &ApiVersion) -> (TokenStream, Vec<String>) {
    let mut precedence = Vec::new();
    let mut checks = Vec::new();
    let mut ranges = Vec::new();
    let mut notes = Vec::new();
    for rule in &v.rules {
        match &rule.rule {
            RuleKind::Precedence { field, over } => {
                let Some((r, _)) = route(root, field) else { continue };
                let cond = read(&r);
                let clears: Vec<TokenStream> = over.iter().filter_map(|o| route(root, o)).filter_map(|(r, _)| clear(&r)).collect();
                if !clears.is_empty() {
                    precedence.push(quote! { if #cond.is_some() { #(#clears)* } });
                    notes.push(format!("When `{field}` is given, {} are cleared: `{field}` wins.", over.iter().map(|o| format!("`{o}`")).collect::<Vec<_>>().join(", ")));
                }
            }
            RuleKind::Conditional { field, values, requires, forbids } => {
                let Some((r, Ty::Known(JsonType::String))) = route(root, field) else { continue };
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
                checks.push(quote! { if #cond.is_some_and(|v| [#(#values),*].contains(&v.as_str())) { #(#body)* } });
                notes.push(format!(
                    "When `{field}` is {}: {}{}{}.",
                    values.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(" or "),
                    requires.iter().map(|q| format!("`{q}` is required")).collect::<Vec<_>>().join(", "),
                    if requires.is_empty() || forbids.is_empty() { "" } else { ", " },
                    forbids.iter().map(|q| format!("`{q}` must be absent")).collect::<Vec<_>>().join(", ")
                ));
            }
            RuleKind::Range { field, max, default } => {
                let Some((r, Ty::Known(JsonType::Integer))) = route(root, field) else { continue };
                let e = read(&r);
                if let Some(max) = max {
                    let m = Literal::i64_unsuffixed(*max);
                    ranges.push(quote! {
                        if let Some(&v) = #e { if v > #m { return Err(super::RequestError::TooLarge { field: #field, max: #m, value: v }); } }
                    });
                    notes.push(format!(
                        "`{field}` is at most {max}{}.",
                        default.map(|d| format!(" (the server's default is {d})")).unwrap_or_default()
                    ));
                }
            }
            RuleKind::OptionalFilter { field } => {
                notes.push(format!("Leaving `{field}` out searches without that filter."));
            }
        }
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
    let s: String = version.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' }).collect();
    if s.starts_with('v') { s } else { format!("v{s}") }
}

fn version_module(spec: &ApiSpec, v: &ApiVersion) -> TokenStream {
    let m = ident(&module_name(&v.version));
    let req_root = tree(&v.request, &v.request_examples, true);
    let resp_root = tree(&v.response, &v.response_examples, false);

    let mut reqg = Gen { prefix: "Request", root_name: "SearchRequest", request: true, structs: Vec::new() };
    reqg.emit_struct(&req_root, &[]);
    let mut respg = Gen { prefix: "Response", root_name: "SearchResponse", request: false, structs: Vec::new() };
    let header_field = (!spec.common_response.is_empty()).then(|| {
        quote! {
            /// The common response header: success flag, result code and message.
            #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
            pub header: Option<super::ResponseHeader>,
        }
    });
    let resp_root = {
        let mut r = resp_root;
        r.children.remove("header");
        r
    };
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
        let Some(close) = rest[open..].find('}').map(|c| open + c) else { break };
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
        let d = [Locale::En, Locale::Ko].iter().find_map(|l| h.descriptions.get(l)).map(|s| doc(s));
        quote! { #d pub const #name: &str = #value; }
    });
    let permission = crate::nhn::opt_str(v.permission.as_deref());
    let module_doc = doc_raw(&format!("The event search API {}: `{} {}`.", v.version, v.method, v.path.replace('`', "'")));

    quote! {
        #module_doc
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
pub fn tokens(spec: &ApiSpec) -> TokenStream {
    let versions = spec.versions.iter().map(|v| version_module(spec, v));
    let header = (!spec.common_response.is_empty()).then(|| {
        let mut root = tree(&spec.common_response, &spec.common_examples, false);
        let mut g = Gen { prefix: "Response", root_name: "ResponseHeader", request: false, structs: Vec::new() };
        // The structs are the `header` object's children, named from the root.
        if let Some(h) = root.children.remove("header") {
            let h = Node { path: String::new(), ..h };
            g.emit_struct(&h, &[]);
        }
        let s = &g.structs;
        quote! { #(#s)* }
    });

    quote! {
        //! The NHN CloudTrail event search API: one module per version (`v1_0`, `v2_0`), each with
        //! its method, path, headers and permission, the request with its rules (`validate`) and
        //! the response, which deserialises the guide's examples (with the `serde` feature).
        //!
        //! Field names follow Rust (`member_type`); serde uses the guide's JSON keys (`memberType`).
        //! Dates are strings as the server sends them. `eventId` fields are
        //! [`AnyEventId`](crate::nhn::AnyEventId): IDs the catalogue does not know are kept.

        #header

        /// A request that breaks one of the guide's rules.
        #[derive(Debug, Clone, PartialEq, Eq)]
        #[non_exhaustive]
        pub enum RequestError {
            /// `field` must be given when `when` holds.
            Required {
                /// The field's dotted JSON path, e.g. `member.emailAddress`.
                field: &'static str,
                /// The condition, e.g. `member.memberType is IAM`.
                when: &'static str,
            },
            /// `field` must be absent when `when` holds.
            Forbidden {
                /// The field's dotted JSON path.
                field: &'static str,
                /// The condition.
                when: &'static str,
            },
            /// `field` is larger than the guide allows.
            TooLarge {
                /// The field's dotted JSON path, e.g. `page.limit`.
                field: &'static str,
                /// The largest value allowed.
                max: i64,
                /// The value given.
                value: i64,
            },
        }

        impl core::fmt::Display for RequestError {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                match self {
                    RequestError::Required { field, when } => write!(f, "{field} is required when {when}"),
                    RequestError::Forbidden { field, when } => write!(f, "{field} must be absent when {when}"),
                    RequestError::TooLarge { field, max, value } => write!(f, "{field} is {value}, more than the maximum {max}"),
                }
            }
        }

        impl core::error::Error for RequestError {}

        /// Any JSON value: for fields whose type the guide's examples disagree on, or do not show.
        #[derive(Debug, Clone, PartialEq)]
        pub enum Json {
            /// `null`.
            Null,
            /// `true` or `false`.
            Bool(bool),
            /// An integer that fits `i64`.
            Int(i64),
            /// A non-negative integer too large for `i64`.
            UInt(u64),
            /// A number with a fraction or exponent.
            Float(f64),
            /// A string.
            String(alloc::string::String),
            /// An array.
            Array(alloc::vec::Vec<Json>),
            /// An object (keys sorted).
            Object(alloc::collections::BTreeMap<alloc::string::String, Json>),
        }

        #[cfg(feature = "serde")]
        impl serde::Serialize for Json {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use serde::ser::{SerializeMap, SerializeSeq};
                match self {
                    Json::Null => s.serialize_unit(),
                    Json::Bool(b) => s.serialize_bool(*b),
                    Json::Int(i) => s.serialize_i64(*i),
                    Json::UInt(u) => s.serialize_u64(*u),
                    Json::Float(x) => s.serialize_f64(*x),
                    Json::String(x) => s.serialize_str(x),
                    Json::Array(items) => {
                        let mut seq = s.serialize_seq(Some(items.len()))?;
                        for item in items {
                            seq.serialize_element(item)?;
                        }
                        seq.end()
                    }
                    Json::Object(map) => {
                        let mut m = s.serialize_map(Some(map.len()))?;
                        for (k, v) in map {
                            m.serialize_entry(k, v)?;
                        }
                        m.end()
                    }
                }
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for Json {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Json, D::Error> {
                struct V;
                impl<'de> serde::de::Visitor<'de> for V {
                    type Value = Json;
                    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                        f.write_str("any JSON value")
                    }
                    fn visit_unit<E: serde::de::Error>(self) -> Result<Json, E> {
                        Ok(Json::Null)
                    }
                    fn visit_none<E: serde::de::Error>(self) -> Result<Json, E> {
                        Ok(Json::Null)
                    }
                    fn visit_some<D2: serde::Deserializer<'de>>(self, d: D2) -> Result<Json, D2::Error> {
                        serde::Deserialize::deserialize(d)
                    }
                    fn visit_bool<E: serde::de::Error>(self, b: bool) -> Result<Json, E> {
                        Ok(Json::Bool(b))
                    }
                    fn visit_i64<E: serde::de::Error>(self, i: i64) -> Result<Json, E> {
                        Ok(Json::Int(i))
                    }
                    fn visit_u64<E: serde::de::Error>(self, u: u64) -> Result<Json, E> {
                        Ok(i64::try_from(u).map(Json::Int).unwrap_or(Json::UInt(u)))
                    }
                    fn visit_f64<E: serde::de::Error>(self, x: f64) -> Result<Json, E> {
                        Ok(Json::Float(x))
                    }
                    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Json, E> {
                        Ok(Json::String(s.into()))
                    }
                    fn visit_string<E: serde::de::Error>(self, s: alloc::string::String) -> Result<Json, E> {
                        Ok(Json::String(s))
                    }
                    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
                        let mut items = alloc::vec::Vec::new();
                        while let Some(item) = seq.next_element()? {
                            items.push(item);
                        }
                        Ok(Json::Array(items))
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
                        let mut out = alloc::collections::BTreeMap::new();
                        while let Some((k, v)) = map.next_entry()? {
                            out.insert(k, v);
                        }
                        Ok(Json::Object(out))
                    }
                }
                d.deserialize_any(V)
            }
        }

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
        assert_eq!(super::snake("X-TC-AUTHENTICATION-ID"), "x_tc_authentication_id");
        assert_eq!(super::snake("numberOfElements"), "number_of_elements");
        assert_eq!(super::module_name("v2.0"), "v2_0");
        assert_eq!(super::module_name("1.0"), "v1_0");
    }
}
