//! The search API's body shapes, computed once from the catalogue's [`ApiSpec`].
//!
//! The emitters (Rust types, OpenAPI document) render these trees and decide nothing about
//! types themselves; `cargo xtask check` reports every decision taken here as a finding
//! ([`Shape::notes`]). The rules, in order:
//!
//! * **Fields**: every table field of the version, plus every key any locale's example shows
//!   (for a response, the tables and examples of *every* version: the guides show one `page`
//!   object, but the ko v1.0 example leaves its paging fields out). Keys only another version's
//!   example shows are noted (`api/shape-from-other-version`).
//! * **Types** come from what the examples show across locales, the table's type where no
//!   example shows the field:
//!   * examples showing a string in one locale and an object in another (`pageable`: `"INSTANCE"`
//!     in en, an object in ko) give [`ShapeType::StringOrObject`] (`api/string-or-object`);
//!   * a table `Integer` shown as a string (`targetMembers.userCode`) gives
//!     [`ShapeType::IntegerOrString`] (`api/integer-or-string`);
//!   * other disagreements follow the example (`userIdNo` is typed Object but is a UUID string);
//!     `cargo xtask check` already reports them (`api/type-mismatch`).
//! * The guide's `Date` is a [`ShapeType::Timestamp`]: the guide shows `+0000` offsets, which are
//!   not RFC 3339 (`api/timestamp-format`); [`TIMESTAMP_PATTERN`] accepts both forms.
//! * `eventId` is a [`ShapeType::EventId`]: the catalogue's IDs, and any other string.
//! * A field a conditional rule tests (`member.memberType`) is a [`ShapeType::Enum`] of the values
//!   the rules name.
//! * **Required** (requests only): the table's `O`, except a field the guide also gives a default
//!   (`page.limit`: required and "default: 20" at once), which is optional (`api/required-with-default`).
//! * **Nullable** (responses only): the guides never say which response fields may be absent or
//!   `null` (the examples differ in which they show), so every response field is optional and
//!   nullable (`api/response-nullable`); request fields are never `null`.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::Value;
use trail_sources::{Locale, SourceRef};

use super::api::{
    ApiField, ApiSpec, ApiVersion, FieldOrigin, JsonExample, JsonType, RequestRule, RuleKind,
};

/// The text form of a timestamp: RFC 3339 (`2019-09-01T02:00:00.000Z`, `+09:00`) and the guide's
/// form without the offset's colon (`2019-11-01T10:31:49.348+0000`).
///
/// Fields are range-checked as far as a pattern can (month 01-12, day 01-31, hour 00-23, minute
/// 00-59, second 00-60, offset up to 23:59); the generated `Timestamp` also rejects days a month
/// does not have.
pub const TIMESTAMP_PATTERN: &str = concat!(
    r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[Tt]([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)",
    r"(\.[0-9]+)?([Zz]|[+-]([01][0-9]|2[0-3]):?[0-5][0-9])$"
);

/// What a field holds, as both emitters render it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "values", rename_all = "kebab-case")]
pub enum ShapeType {
    /// A string.
    String,
    /// A timestamp string ([`TIMESTAMP_PATTERN`]).
    Timestamp,
    /// An NHN event ID: one the catalogue knows, or any other string.
    EventId,
    /// One of these strings, sorted.
    Enum(Vec<String>),
    /// An integer.
    Integer,
    /// A number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// An integer or a string: the table and the example disagree.
    IntegerOrString,
    /// A string, or an object with the node's children: the locales' examples disagree.
    StringOrObject,
    /// An object with the node's children (without children: any object).
    Object,
    /// An array; its items are objects with the node's children (without children: any values).
    Array,
    /// Anything: nothing says what.
    Any,
}

/// A decision taken while computing a shape, for `cargo xtask check` to report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShapeNote {
    /// The finding's code, e.g. `api/integer-or-string`.
    pub code: &'static str,
    /// What was decided and why.
    pub message: String,
    /// The guide's lines it rests on (table rows, then examples), sorted; the first is where it is reported.
    pub sources: Vec<SourceRef>,
}

/// One node of a body: the root, an object field, or a leaf.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Shape {
    /// The JSON key (empty for the root).
    pub key: String,
    /// The dotted path from the body's root (empty for the root).
    pub path: String,
    /// What it holds.
    pub ty: ShapeType,
    /// Whether a request must give it (always `false` in a response).
    pub required: bool,
    /// Whether it may be `null`.
    pub nullable: bool,
    /// The value the server uses when it is not given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<i64>,
    /// The largest value allowed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum: Option<i64>,
    /// The table's description, per locale.
    pub descriptions: BTreeMap<Locale, String>,
    /// The table's type as written, where the shape's type is another.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub documented_type: Option<String>,
    /// Whether a table of the guide lists it (else only an example shows it).
    pub from_table: bool,
    /// Fields of the object (of the items, for an array; of the object form, for `StringOrObject`), by key.
    pub children: Vec<Shape>,
    /// Decisions taken for this node.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<ShapeNote>,
}

impl Shape {
    fn new(key: &str, path: &str) -> Shape {
        Shape {
            key: key.to_owned(),
            path: path.to_owned(),
            ty: ShapeType::Any,
            required: false,
            nullable: false,
            default: None,
            maximum: None,
            descriptions: BTreeMap::new(),
            documented_type: None,
            from_table: false,
            children: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// The child with this key.
    pub fn child(&self, key: &str) -> Option<&Shape> {
        self.children.iter().find(|c| c.key == key)
    }

    /// The node at a dotted path below this one (through arrays' items).
    pub fn at(&self, path: &str) -> Option<&Shape> {
        path.split('.').try_fold(self, |node, seg| node.child(seg))
    }

    /// The date ranges among this object's timestamp children: `(start, end)` paths of two
    /// timestamps named `start…` and `end…` with the same rest (`startDate` and `endDate`), which
    /// a request must give in that order (a search from a later date to an earlier one finds
    /// nothing). Sorted by the start's key.
    pub fn date_ranges(&self) -> Vec<(&Shape, &Shape)> {
        let stamps = || {
            self.children
                .iter()
                .filter(|c| c.ty == ShapeType::Timestamp)
        };
        stamps()
            .filter_map(|start| {
                let rest = start.key.strip_prefix("start")?;
                let end = stamps().find(|e| e.key.strip_prefix("end") == Some(rest))?;
                Some((start, end))
            })
            .collect()
    }

    /// This node and every node below it, depth first, in key order.
    pub fn walk(&self) -> Vec<&Shape> {
        let mut out = vec![self];
        for c in &self.children {
            out.extend(c.walk());
        }
        out
    }
}

/// Every path an example value holds, with the type shown there (arrays: their elements' fields are
/// children of the array's path; the first element to show a path gives its type).
pub fn example_paths(value: &Value) -> BTreeMap<String, JsonType> {
    example_types(value)
        .into_iter()
        .filter_map(|(p, ts)| ts.into_iter().next().map(|t| (p, t)))
        .collect()
}

/// Every path an example value holds, with every type shown there, in the order first seen.
fn example_types(value: &Value) -> BTreeMap<String, Vec<JsonType>> {
    fn walk(v: &Value, prefix: &str, out: &mut BTreeMap<String, Vec<JsonType>>) {
        match v {
            Value::Object(map) => {
                for (k, child) in map {
                    let path = if prefix.is_empty() {
                        k.clone()
                    } else {
                        format!("{prefix}.{k}")
                    };
                    let seen = out.entry(path.clone()).or_default();
                    let t = JsonType::of(child);
                    if !seen.contains(&t) {
                        seen.push(t);
                    }
                    walk(child, &path, out);
                }
            }
            Value::Array(items) => {
                for item in items {
                    walk(item, prefix, out);
                }
            }
            _ => {}
        }
    }
    let mut out = BTreeMap::new();
    walk(value, "", &mut out);
    out
}

/// What the examples show at one path: per type, the examples showing it.
type Shown = BTreeMap<String, BTreeMap<JsonType, Vec<SourceRef>>>;

fn shown(examples: &[(&JsonExample, bool)]) -> (Shown, BTreeSet<String>) {
    let mut out: Shown = BTreeMap::new();
    let mut foreign_only: BTreeSet<String> = BTreeSet::new();
    let mut own: BTreeSet<String> = BTreeSet::new();
    for (e, is_own) in examples {
        let Some(v) = &e.value else { continue };
        for (path, types) in example_types(v) {
            if *is_own {
                own.insert(path.clone());
            } else {
                foreign_only.insert(path.clone());
            }
            for t in types {
                out.entry(path.clone())
                    .or_default()
                    .entry(t)
                    .or_default()
                    .push(e.source.clone());
            }
        }
    }
    foreign_only.retain(|p| !own.contains(p));
    (out, foreign_only)
}

/// Which body of a version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Body {
    /// The request body.
    Request,
    /// The response body, without the common `header`.
    Response,
}

/// The shape of the common response `header` object, or `None` when the guide has no common table.
pub fn header_shape(spec: &ApiSpec) -> Option<Shape> {
    let examples: Vec<(&JsonExample, bool)> =
        spec.common_examples.values().map(|e| (e, true)).collect();
    let root = shape(&spec.common_response, &examples, &[], Body::Response);
    let mut header = root.child("header")?.clone();
    header.nullable = false;
    Some(header)
}

/// The shape of one body of `version`; `spec` gives the other versions' examples.
pub fn body_shape(spec: &ApiSpec, version: &ApiVersion, body: Body) -> Shape {
    let (fields, examples): (Vec<ApiField>, Vec<(&JsonExample, bool)>) = match body {
        Body::Request => (
            version.request.clone(),
            version
                .request_examples
                .values()
                .map(|e| (e, true))
                .collect(),
        ),
        Body::Response => {
            // Fields only another version's table lists keep that table's descriptions, so that
            // one response body gets one schema whichever version it is read from.
            let mut fields = version.response.clone();
            for other in spec
                .versions
                .iter()
                .filter(|v| v.version != version.version)
            {
                for f in &other.response {
                    if !fields.iter().any(|have| have.path == f.path) {
                        fields.push(f.clone());
                    }
                }
            }
            let examples = spec
                .versions
                .iter()
                .flat_map(|v| {
                    v.response_examples
                        .values()
                        .map(move |e| (e, v.version == version.version))
                })
                .collect();
            (fields, examples)
        }
    };
    let mut root = shape(&fields, &examples, &version.rules, body);
    if body == Body::Response {
        root.children.retain(|c| c.key != "header");
    }
    root
}

/// A guide example as the outputs show it: the published value, with placeholders replaced.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShapedExample {
    /// The locale whose guide shows it.
    pub locale: Locale,
    /// Where the code block starts.
    pub source: SourceRef,
    /// The value, with every placeholder replaced.
    pub value: Value,
    /// What was replaced.
    pub placeholders: Vec<Placeholder>,
}

/// A value of an example that is a placeholder, not a value the field takes (the request
/// examples' `"memberType": "string"`), and what the outputs show instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Placeholder {
    /// The field's dotted path.
    pub path: String,
    /// The value as published.
    pub written: String,
    /// The value shown instead: the first of the field's documented values.
    pub shown: String,
}

/// The examples of one body of `version`, per locale, with placeholder values of enum fields
/// replaced by the field's first documented value, so that every example is valid. The
/// replacements are listed (`cargo xtask check` reports them as `api/placeholder-example`).
pub fn body_examples(spec: &ApiSpec, version: &ApiVersion, body: Body) -> Vec<ShapedExample> {
    let shape = body_shape(spec, version, body);
    let examples = match body {
        Body::Request => &version.request_examples,
        Body::Response => &version.response_examples,
    };
    let enums: Vec<(&str, &[String])> = shape
        .walk()
        .into_iter()
        .filter_map(|n| match &n.ty {
            ShapeType::Enum(values) if !values.is_empty() => {
                Some((n.path.as_str(), values.as_slice()))
            }
            _ => None,
        })
        .collect();
    examples
        .iter()
        .filter_map(|(locale, e)| {
            let mut value = e.value.clone()?;
            let mut placeholders = Vec::new();
            for (path, values) in &enums {
                replace_at(
                    &mut value,
                    &path.split('.').collect::<Vec<_>>(),
                    values,
                    path,
                    &mut placeholders,
                );
            }
            Some(ShapedExample {
                locale: *locale,
                source: e.source.clone(),
                value,
                placeholders,
            })
        })
        .collect()
}

/// Replaces strings at `segs` (through arrays) that are not one of `values` by the first of them.
fn replace_at(
    v: &mut Value,
    segs: &[&str],
    values: &[String],
    path: &str,
    out: &mut Vec<Placeholder>,
) {
    match (v, segs) {
        (Value::Array(items), _) => items
            .iter_mut()
            .for_each(|i| replace_at(i, segs, values, path, out)),
        (Value::String(s), []) if !values.contains(s) => {
            out.push(Placeholder {
                path: path.to_owned(),
                written: s.clone(),
                shown: values[0].clone(),
            });
            *s = values[0].clone();
        }
        (Value::Object(m), [first, rest @ ..]) => {
            if let Some(child) = m.get_mut(*first) {
                replace_at(child, rest, values, path, out);
            }
        }
        _ => {}
    }
}

fn sorted(mut v: Vec<SourceRef>) -> Vec<SourceRef> {
    v.sort();
    v.dedup();
    v
}

fn shape(
    fields: &[ApiField],
    examples: &[(&JsonExample, bool)],
    rules: &[RequestRule],
    body: Body,
) -> Shape {
    let (shown, foreign_only) = shown(examples);
    let by_path: BTreeMap<&str, &ApiField> = fields.iter().map(|f| (f.path.as_str(), f)).collect();
    let mut paths: BTreeSet<String> = fields.iter().map(|f| f.path.clone()).collect();
    paths.extend(shown.keys().cloned());
    // Parents of every path, so that the tree is complete.
    for p in paths.clone() {
        let mut rest = p.as_str();
        while let Some((parent, _)) = rest.rsplit_once('.') {
            paths.insert(parent.to_owned());
            rest = parent;
        }
    }
    let mut enums: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let mut ranges: BTreeMap<&str, (Option<i64>, Option<i64>)> = BTreeMap::new();
    for r in rules {
        match &r.rule {
            RuleKind::Conditional { field, values, .. } => enums
                .entry(field)
                .or_default()
                .extend(values.iter().cloned()),
            RuleKind::Range {
                field,
                max,
                default,
            } => {
                let e = ranges.entry(field).or_default();
                e.0 = e.0.or(*max);
                e.1 = e.1.or(*default);
            }
            RuleKind::Precedence { .. } | RuleKind::OptionalFilter { .. } => {}
        }
    }
    let node = |path: &String| -> Shape {
        let key = path.rsplit('.').next().unwrap_or(path);
        let mut s = Shape::new(key, path);
        let field = by_path.get(path.as_str()).copied();
        let types = shown.get(path).cloned().unwrap_or_default();
        let table_rows: Vec<SourceRef> = field.map(|f| f.sources.clone()).unwrap_or_default();
        let example_lines = |t: JsonType| types.get(&t).cloned().unwrap_or_default();
        let non_null: Vec<JsonType> = types
            .keys()
            .copied()
            .filter(|t| *t != JsonType::Null)
            .collect();
        let table = field.and_then(|f| f.table_type);
        if let Some(f) = field {
            s.descriptions = f.descriptions.clone();
            s.from_table = f.origin == FieldOrigin::Table;
        }
        let is_date = field.is_some_and(|f| f.format.as_deref() == Some("date-time"));
        s.ty = if key == "eventId" {
            ShapeType::EventId
        } else if let Some(values) = enums.get(path.as_str()) {
            ShapeType::Enum(values.iter().cloned().collect())
        } else if is_date {
            let sample: Vec<String> = examples
                .iter()
                .filter_map(|(e, _)| e.value.as_ref())
                .filter_map(|v| value_at(v, path))
                .filter(|t| !is_rfc3339(t))
                .collect();
            if let Some(first) = sample.first() {
                s.notes.push(ShapeNote {
                    code: "api/timestamp-format",
                    message: format!(
                        "`{path}` is documented as a date and shown as `{first}`, whose offset has no colon: not RFC 3339 \
                         (`format: date-time`); the schema gives a pattern that accepts both forms"
                    ),
                    sources: sorted(table_rows.iter().cloned().chain(example_lines(JsonType::String)).collect()),
                });
            }
            ShapeType::Timestamp
        } else {
            match non_null.as_slice() {
                [] => match field.map(|f| f.json_type) {
                    Some(t) => plain(t),
                    None => ShapeType::Any,
                },
                [JsonType::String] if table == Some(JsonType::Integer) => {
                    s.notes.push(ShapeNote {
                        code: "api/integer-or-string",
                        message: format!(
                            "`{path}` is documented as {} but the example shows a string; it is an integer or a string",
                            field.and_then(|f| f.type_written.clone()).unwrap_or_default()
                        ),
                        sources: sorted(table_rows.iter().cloned().chain(example_lines(JsonType::String)).collect()),
                    });
                    ShapeType::IntegerOrString
                }
                [one] => plain(*one),
                many if many.contains(&JsonType::String)
                    && many.contains(&JsonType::Object)
                    && many.len() == 2 =>
                {
                    let shows = |t: JsonType| {
                        example_lines(t)
                            .iter()
                            .map(|s| s.to_string())
                            .collect::<Vec<_>>()
                            .join(", ")
                    };
                    s.notes.push(ShapeNote {
                        code: "api/string-or-object",
                        message: format!(
                            "`{path}` is a string in some examples ({}) and an object in others ({}); it is either",
                            shows(JsonType::String),
                            shows(JsonType::Object)
                        ),
                        sources: sorted(table_rows.iter().cloned().chain(example_lines(JsonType::String)).chain(example_lines(JsonType::Object)).collect()),
                    });
                    ShapeType::StringOrObject
                }
                many if many
                    .iter()
                    .all(|t| matches!(t, JsonType::Integer | JsonType::Number)) =>
                {
                    ShapeType::Number
                }
                _ => ShapeType::Any,
            }
        };
        if let (Some(written), Some(t)) = (field.and_then(|f| f.type_written.clone()), table) {
            let same = match (&s.ty, t) {
                (ShapeType::String | ShapeType::EventId | ShapeType::Enum(_), JsonType::String) => {
                    true
                }
                (ShapeType::Timestamp, JsonType::String) => true,
                (ty, t) => *ty == plain(t),
            };
            if !same {
                s.documented_type = Some(written);
            }
        }
        match body {
            Body::Request => {
                s.required = field.is_some_and(|f| f.required == Some(true));
                if let Some((max, default)) = ranges.get(path.as_str()) {
                    s.maximum = *max;
                    s.default = *default;
                    if s.required && default.is_some() {
                        s.required = false;
                        s.notes.push(ShapeNote {
                            code: "api/required-with-default",
                            message: format!(
                                "`{path}` is marked required and given a default ({}) at once; it is optional, the server's default applies",
                                default.unwrap_or_default()
                            ),
                            sources: sorted(table_rows.clone()),
                        });
                    }
                }
            }
            Body::Response => s.nullable = true,
        }
        let parent_shown = !foreign_only.contains(path);
        let borrowed: Vec<&str> = foreign_only
            .iter()
            .filter(|p| parent_shown && p.rsplit_once('.').map_or("", |(a, _)| a) == path.as_str())
            .map(|p| p.rsplit('.').next().unwrap_or(p))
            .collect();
        if !borrowed.is_empty() {
            let prefix = format!("{path}.");
            let from: Vec<SourceRef> = sorted(
                shown
                    .iter()
                    .filter(|(p, _)| p.starts_with(&prefix) && foreign_only.contains(*p))
                    .flat_map(|(_, t)| t.values().flatten().cloned())
                    .collect(),
            );
            s.notes.push(ShapeNote {
                code: "api/shape-from-other-version",
                message: format!(
                    "no example of this version shows the fields `{}` of `{path}`; another version's example does, \
                     and the guides show one response body: they are kept",
                    borrowed.join("`, `")
                ),
                sources: from,
            });
        }
        s
    };
    let nodes: BTreeMap<String, Shape> = paths.iter().map(|p| (p.clone(), node(p))).collect();
    assemble(String::new(), &nodes, body)
}

fn assemble(path: String, nodes: &BTreeMap<String, Shape>, body: Body) -> Shape {
    let mut me = if path.is_empty() {
        let mut root = Shape::new("", "");
        root.ty = ShapeType::Object;
        root.required = body == Body::Request;
        root
    } else {
        nodes[&path].clone()
    };
    let prefix = if path.is_empty() {
        String::new()
    } else {
        format!("{path}.")
    };
    me.children = nodes
        .keys()
        .filter(|p| {
            p.strip_prefix(&prefix)
                .is_some_and(|rest| !rest.is_empty() && !rest.contains('.'))
        })
        .map(|p| assemble(p.clone(), nodes, body))
        .collect();
    if !me.children.is_empty()
        && !matches!(
            me.ty,
            ShapeType::Object | ShapeType::Array | ShapeType::StringOrObject
        )
    {
        // A table calls it a scalar but the examples show fields below it: it is an object.
        me.ty = ShapeType::Object;
    }
    me
}

fn plain(t: JsonType) -> ShapeType {
    match t {
        JsonType::String => ShapeType::String,
        JsonType::Integer => ShapeType::Integer,
        JsonType::Number => ShapeType::Number,
        JsonType::Boolean => ShapeType::Boolean,
        JsonType::Object => ShapeType::Object,
        JsonType::Array => ShapeType::Array,
        JsonType::Null => ShapeType::Any,
    }
}

/// The string at a dotted path of an example (through arrays: the first element that has it).
fn value_at(v: &Value, path: &str) -> Option<String> {
    fn go(v: &Value, segs: &[&str]) -> Option<String> {
        match (v, segs) {
            (Value::String(s), []) => Some(s.clone()),
            (Value::Array(items), _) => items.iter().find_map(|i| go(i, segs)),
            (Value::Object(m), [first, rest @ ..]) => go(m.get(*first)?, rest),
            _ => None,
        }
    }
    go(v, &path.split('.').collect::<Vec<_>>())
}

/// Whether a timestamp's offset is RFC 3339's (`Z` or `+hh:mm`).
fn is_rfc3339(text: &str) -> bool {
    let t = text.trim();
    t.ends_with(['Z', 'z'])
        || t.len() > 6
            && t.as_bytes()[t.len() - 3] == b':'
            && matches!(t.as_bytes()[t.len() - 6], b'+' | b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_without_a_colon_are_not_rfc3339() {
        assert!(is_rfc3339("2019-09-01T02:00:00.000Z"));
        assert!(is_rfc3339("2019-09-01T02:00:00+09:00"));
        assert!(!is_rfc3339("2019-11-01T10:31:49.348+0000"));
    }

    #[test]
    fn example_types_collect_every_type_seen() {
        let v = serde_json::json!({"a": [{"b": 1}, {"b": "x"}], "c": null});
        let t = example_types(&v);
        assert_eq!(t["a.b"], vec![JsonType::Integer, JsonType::String]);
        assert_eq!(example_paths(&v)["c"], JsonType::Null);
    }
}
