//! Stage 4: OpenAPI 3.1 fragments and the complete search API document in `generated/openapi/`.
//!
//! ```text
//! openapi/cloudtrail.openapi.json          the complete document: v1.0 and v2.0 search paths
//! openapi/components/event-id.json         components/schemas/EventId
//! openapi/components/search-request.json   components/schemas/EventSearchRequestV1_0, ...V2_0
//! openapi/components/search-response.json  components/schemas/CommonResponseHeader, EventSearchResponseV1_0, ..., Pageable
//! ```
//!
//! Everything is built as `serde_json` values and serialised; nothing is templated. Each file is
//! a JSON object whose first key is `x-generated` (the [`Stamp`] lines: OpenAPI allows `x-`
//! extensions at the root, not `$comment`); every other object has its keys sorted, so the
//! output does not depend on `serde_json`'s `preserve_order` feature.
//!
//! The schemas render the shapes the catalogue model computes
//! ([`trail_catalog::model::api_shape`]); this crate decides no type. The document is written so
//! that client generators (openapi-generator's Rust, Go, Java and TypeScript clients, the Python
//! ones) take every schema as a usable type without a warning, while JSON Schema validators still
//! enforce everything the guide says. How each shape is written:
//!
//! * every object is a named component, so that no generator has to invent a name: an object
//!   that reads the same wherever it appears is named after its key (`Pageable`, `Sort`), else
//!   after its body and path (`EventSearchResponseV1_0PageContentItem`; array items add `Item`);
//!   a field keeps its own documentation next to the `$ref`;
//! * timestamps are strings with a `pattern` accepting RFC 3339 and the guide's `+0000` form;
//! * `eventId` is `$ref: EventId`, a plain string: an event ID is an open set (a newer upstream
//!   list may add IDs), so the IDs the catalogue knows are carried as `x-extensible-enum`, which
//!   generators ignore, and as `examples`; the component `KnownEventId` lists them as an `enum`
//!   with `x-enum-descriptions` (each ID's English name, else Korean, else the ID) for
//!   documentation tools and for clients that want the known IDs as constants;
//! * integers are 64-bit (`format: int64`): the guide gives no bound for counts and codes;
//! * a field the API sends in two JSON types (integer-or-string, string-or-object) has no `type`
//!   of its own but an `if`/`then`/`else` on the JSON type (`then` the integer or the named object
//!   component, `else` the string): validators enforce it, generators take it as any JSON value and
//!   give it back unchanged. A `oneOf` of overlapping primitives fails Jackson ("2 classes match")
//!   and a type list or a `oneOf` with a string member gives empty structs or reserved names;
//! * nullable fields add `"null"` to their `type` (a `$ref` becomes `oneOf` the `$ref` and `{"type": "null"}`);
//! * fields carry `x-descriptions` (the guide's description per locale) and, where the guide's
//!   table gives another type, `x-documented-type` (the table's type as written);
//! * request schemas carry `x-rules` (the catalogue's request rules, as data); the
//!   member-type rules are enforced with `if`/`then` inside an `if`/`else` on the field that
//!   takes precedence (`idNo`), exactly as the generated crate's `validate` does, written with
//!   `required` and `not` (no boolean subschemas) and never in an `allOf` at a level generators
//!   read as a model; the page limit with `maximum`/`default`;
//! * the guide's examples are named components (`components/examples`, `EventSearchResponseV1_0.en`)
//!   that the operations refer to;
//! * operations that need an IAM permission carry `x-permission` and say so in their description.
//!
//! What it may not touch: it sees only the [`Catalog`] it is given (never a document nor a file
//! of `catalog/`), formats what the catalogue model decides (names, order, variant names) without
//! deciding again, and writes nothing: it returns the files, which the CLI writes.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Map, Value, json};
use trail_catalog::Catalog;
use trail_catalog::Locale;
use trail_catalog::hash::Stamp;
use trail_catalog::io::Tree;
use trail_catalog::model::ApiSpec;
use trail_catalog::model::NhnEvent;
use trail_catalog::model::api::{ApiVersion, RequestRule, RuleKind};
use trail_catalog::model::api_shape::{
    Body, Shape, ShapeType, ShapedExample, TIMESTAMP_PATTERN, body_examples, body_shape,
    header_shape,
};
use trail_catalog::model::localized;

/// The complete document's path, relative to `generated/`.
pub const DOCUMENT: &str = "openapi/cloudtrail.openapi.json";

/// A file: the stamp first, then the body's keys (sorted).
#[derive(Serialize)]
struct File<'a> {
    #[serde(rename = "x-generated")]
    generated: &'a [String; 2],
    #[serde(flatten)]
    body: BTreeMap<String, Value>,
}

fn render(stamp: &Stamp, body: Value) -> String {
    let lines = stamp.lines();
    let body: BTreeMap<String, Value> = match canonical(body) {
        Value::Object(map) => map.into_iter().collect(),
        other => BTreeMap::from([("value".to_owned(), other)]),
    };
    serde_json::to_string_pretty(&File {
        generated: &lines,
        body,
    })
    .expect("JSON values always serialise")
        + "\n"
}

/// The value with every object's keys in sorted order, whatever `serde_json`'s map type.
fn canonical(v: Value) -> Value {
    match v {
        Value::Object(map) => {
            let sorted: BTreeMap<String, Value> =
                map.into_iter().map(|(k, v)| (k, canonical(v))).collect();
            Value::Object(sorted.into_iter().collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(canonical).collect()),
        other => other,
    }
}

/// The files this emitter writes, relative to `generated/`.
pub fn emit(catalog: &Catalog, stamp: &Stamp) -> Tree {
    let mut tree = Tree::new();
    let event_ids = event_id_schemas(&catalog.nhn.events, &example_event_ids(&catalog.api));
    let (request, response) = body_schemas(&catalog.api);
    let fragment = |schemas: Map<String, Value>| json!({ "components": { "schemas": schemas } });
    tree.insert(
        "openapi/components/event-id.json".into(),
        render(stamp, fragment(event_ids.clone())),
    );
    tree.insert(
        "openapi/components/search-request.json".into(),
        render(stamp, fragment(request.clone())),
    );
    tree.insert(
        "openapi/components/search-response.json".into(),
        render(stamp, fragment(response.clone())),
    );

    let mut schemas = Map::new();
    if !catalog.api.versions.is_empty() {
        schemas.extend(event_ids);
    }
    schemas.extend(request);
    schemas.extend(response);
    tree.insert(
        DOCUMENT.into(),
        render(stamp, document(catalog, stamp, schemas)),
    );
    tree
}

/// `v2.0` -> `V2_0`, for component and operation names.
fn suffix(version: &str) -> String {
    let mut s: String = version
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    if let Some(first) = s.get(0..1) {
        s.replace_range(0..1, &first.to_uppercase());
    }
    s
}

/// The text shown for all locales ([`localized::shown`]), else `fallback`.
fn display(texts: &BTreeMap<Locale, String>, fallback: &str) -> String {
    localized::shown(texts).unwrap_or(fallback).to_owned()
}

fn locale_map(texts: &BTreeMap<Locale, String>) -> Value {
    Value::Object(
        texts
            .iter()
            .map(|(l, t)| (l.code().to_owned(), Value::String(t.clone())))
            .collect(),
    )
}

/// The event IDs the guide's examples show (request and response, every version), sorted.
fn example_event_ids(spec: &ApiSpec) -> Vec<String> {
    fn collect(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(map) => {
                for (k, child) in map {
                    match child {
                        Value::String(id) if k == "eventId" => out.push(id.clone()),
                        _ => collect(child, out),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|i| collect(i, out)),
            _ => {}
        }
    }
    let mut ids = Vec::new();
    for v in &spec.versions {
        for body in [Body::Request, Body::Response] {
            for e in body_examples(spec, v, body) {
                collect(&e.value, &mut ids);
            }
        }
    }
    // In the order of the examples, with repeats: sorted so that `binary_search` finds them.
    ids.sort();
    ids.dedup();
    ids
}

/// The `EventId` component, a plain string that carries the catalogue's IDs as
/// `x-extensible-enum` and `examples`, and `KnownEventId`, the same IDs as an `enum` with their names.
/// `events` are the catalogue's, sorted by ID ([`Catalog::sort`]).
fn event_id_schemas(events: &[NhnEvent], shown: &[String]) -> Map<String, Value> {
    let ids: Vec<&str> = events.iter().map(|e| e.id.as_str()).collect();
    let names: Vec<&str> = events
        .iter()
        .map(|e| e.display_name(Locale::En).map_or(e.id.as_str(), |(_, n)| n))
        .collect();
    // The IDs the guide's examples show, as far as the catalogue knows them; else the first known one.
    let mut examples: Vec<&str> = shown
        .iter()
        .map(String::as_str)
        .filter(|id| ids.binary_search(id).is_ok())
        .collect();
    if examples.is_empty() {
        examples.extend(ids.first());
    }
    let event_id = json!({
        "type": "string",
        "title": "NHN CloudTrail event ID",
        "description": "An NHN CloudTrail event ID (`eventId`). Any string: a newer upstream list may add IDs. \
                        The IDs the catalogue knows (retired IDs included, so that old logs still resolve) are \
                        listed in `x-extensible-enum`, and with their names in the schema `KnownEventId`.",
        "examples": examples,
        "x-extensible-enum": ids,
    });
    let known = json!({
        "type": "string",
        "title": "Known NHN CloudTrail event ID",
        "description": "Every NHN CloudTrail event ID the catalogue knows, retired ones included; \
                        `x-enum-descriptions` gives each one's English name. For documentation and for \
                        constants: fields are typed `EventId`, which takes any string.",
        "enum": ids,
        "x-enum-descriptions": names,
    });
    Map::from_iter([
        ("EventId".to_owned(), event_id),
        ("KnownEventId".to_owned(), known),
    ])
}

/// `pageable` -> `Pageable`: the component name of a string-or-object field's object form.
fn component_name(key: &str) -> String {
    let mut chars = key.chars();
    chars
        .next()
        .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// Renders shapes as schemas, inline; [`Lifted`] then names their objects.
struct Schemas;

impl Schemas {
    /// The schema of an object with these fields.
    fn object(&self, children: &[Shape]) -> Value {
        let mut props = Map::new();
        let mut required = Vec::new();
        for c in children {
            props.insert(c.key.clone(), self.field(c));
            if c.required {
                required.push(Value::String(c.key.clone()));
            }
        }
        let mut out = json!({ "type": "object", "properties": props });
        if !required.is_empty() {
            out["required"] = Value::Array(required);
        }
        out
    }

    /// The schema of a node's value, without its documentation.
    fn value(&self, s: &Shape) -> Value {
        match &s.ty {
            ShapeType::String => json!({ "type": "string" }),
            ShapeType::Timestamp => json!({ "type": "string", "pattern": TIMESTAMP_PATTERN }),
            ShapeType::EventId => json!({ "$ref": "#/components/schemas/EventId" }),
            ShapeType::Enum(values) => json!({ "type": "string", "enum": values }),
            ShapeType::Integer => json!({ "type": "integer", "format": "int64" }),
            ShapeType::Number => json!({ "type": "number" }),
            ShapeType::Boolean => json!({ "type": "boolean" }),
            ShapeType::IntegerOrString => json!({
                "if": { "type": "integer" },
                "then": { "type": "integer", "format": "int64" },
                "else": { "type": "string" },
            }),
            ShapeType::StringOrObject => {
                let mut object = self.object(&s.children);
                object["description"] = json!(format!(
                    "The object form of `{}` (some examples show it as a string).",
                    s.path
                ));
                json!({ "if": { "type": "object" }, "then": object, "else": { "type": "string" } })
            }
            ShapeType::Object if s.children.is_empty() => json!({ "type": "object" }),
            ShapeType::Object => self.object(&s.children),
            ShapeType::Array if s.children.is_empty() => json!({ "type": "array", "items": {} }),
            ShapeType::Array => json!({ "type": "array", "items": self.object(&s.children) }),
            ShapeType::Any => json!({}),
        }
    }

    /// A field's schema: its value, `null` when nullable, bounds and documentation.
    fn field(&self, s: &Shape) -> Value {
        let mut v = self.value(s);
        if s.nullable && s.ty != ShapeType::Any {
            v = nullable(v);
        }
        if let Some(max) = s.maximum {
            v["maximum"] = json!(max);
        }
        if let Some(d) = s.default {
            v["default"] = json!(d);
        }
        if let Some(d) = localized::shown(&s.descriptions) {
            v["description"] = json!(d);
        }
        if !s.descriptions.is_empty() {
            v["x-descriptions"] = locale_map(&s.descriptions);
        }
        if let Some(t) = &s.documented_type {
            v["x-documented-type"] = json!(t);
        }
        v
    }
}

/// The schema with `null` allowed as well (for a field typed by the JSON type, in its string branch).
fn nullable(mut v: Value) -> Value {
    if let Some(Value::String(t)) = v.get("type").cloned() {
        v["type"] = json!([t, "null"]);
        if let Some(Value::Array(values)) = v.get_mut("enum") {
            values.push(Value::Null);
        }
        return v;
    }
    if let Some(other) = v.get_mut("else") {
        *other = nullable(other.take());
        return v;
    }
    json!({ "oneOf": [v, { "type": "null" }] })
}

/// The keys of a field's schema that document the field, not its value's type.
const FIELD_KEYS: [&str; 3] = ["description", "x-descriptions", "x-documented-type"];

/// An object schema moved out of a body into `components/schemas`, before it is named.
struct Lifted {
    /// The name from its body and path (`EventSearchResponseV1_0PageContentItem`): never taken twice.
    qualified: String,
    /// The name from its key alone (`ContentItem`), used when every object of that name reads the same.
    short: String,
    /// The object schema; the objects below it are `$ref`s to their qualified names.
    schema: Value,
}

fn schema_ref(name: &str) -> String {
    format!("#/components/schemas/{name}")
}

/// Moves every object below `schema` (a property's object, an array's items, the object form of
/// a string-or-object field) into `out`, leaving a `$ref` to its qualified name.
fn lift_children(schema: &mut Value, qualified: &str, out: &mut Vec<Lifted>) {
    let Some(Value::Object(props)) = schema.get_mut("properties") else {
        return;
    };
    for (key, prop) in props.iter_mut() {
        let name = component_name(key);
        if prop.get("properties").is_some() {
            // The field's documentation stays with the field; a nullable object becomes a
            // `oneOf` of the `$ref` and null.
            let mut object = prop.take();
            let mut field = Map::new();
            for k in FIELD_KEYS {
                if let Some(d) = object.as_object_mut().and_then(|o| o.remove(k)) {
                    field.insert(k.to_owned(), d);
                }
            }
            let nullable = object["type"]
                .as_array()
                .is_some_and(|t| t.contains(&json!("null")));
            object["type"] = json!("object");
            let target = lift(object, format!("{qualified}{name}"), name, out);
            if nullable {
                field.insert("oneOf".into(), json!([target, { "type": "null" }]));
            } else {
                field.extend(target.as_object().cloned().unwrap_or_default());
            }
            *prop = Value::Object(field);
        } else if let Some(items) = prop
            .get_mut("items")
            .filter(|i| i.get("properties").is_some())
        {
            *items = lift(
                items.take(),
                format!("{qualified}{name}Item"),
                format!("{name}Item"),
                out,
            );
        } else if let Some(then) = prop
            .get_mut("then")
            .filter(|t| t.get("properties").is_some())
        {
            *then = lift(then.take(), format!("{qualified}{name}"), name, out);
        }
    }
}

/// Records an object schema (and every object below it); returns the `$ref` to it.
fn lift(mut schema: Value, qualified: String, short: String, out: &mut Vec<Lifted>) -> Value {
    lift_children(&mut schema, &qualified, out);
    let target = json!({ "$ref": schema_ref(&qualified) });
    out.push(Lifted {
        qualified,
        short,
        schema,
    });
    target
}

/// Replaces every `$ref` to a renamed component.
fn rename_refs(v: &mut Value, names: &BTreeMap<String, String>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map.iter_mut() {
                match child {
                    Value::String(r) if k == "$ref" => {
                        if let Some(name) = r
                            .strip_prefix("#/components/schemas/")
                            .and_then(|q| names.get(q))
                        {
                            *r = schema_ref(name);
                        }
                    }
                    _ => rename_refs(child, names),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| rename_refs(i, names)),
        _ => {}
    }
}

/// The final name of each lifted object: its short name when every object of that short name
/// reads the same (after the objects below them are named) and no other component has it, else
/// its qualified name. Repeated until nothing changes, since naming children can make parents equal.
fn component_names(lifted: &[&Lifted], taken: &[&String]) -> BTreeMap<String, String> {
    let mut names: BTreeMap<String, String> = lifted
        .iter()
        .map(|l| (l.qualified.clone(), l.qualified.clone()))
        .collect();
    let mut groups: BTreeMap<&str, Vec<&Lifted>> = BTreeMap::new();
    for l in lifted {
        groups.entry(l.short.as_str()).or_default().push(*l);
    }
    groups.retain(|short, _| {
        !taken.iter().any(|t| t.as_str() == *short) && !names.contains_key(*short)
    });
    loop {
        let mut changed = false;
        for (short, group) in &groups {
            if group.iter().all(|l| names[&l.qualified] == *short) {
                continue;
            }
            let schemas: Vec<Value> = group
                .iter()
                .map(|l| {
                    let mut s = l.schema.clone();
                    rename_refs(&mut s, &names);
                    s
                })
                .collect();
            if schemas.windows(2).all(|w| w[0] == w[1]) {
                for l in group {
                    names.insert(l.qualified.clone(), (*short).to_owned());
                }
                changed = true;
            }
        }
        if !changed {
            return names;
        }
    }
}

fn rule_value(r: &RequestRule) -> Value {
    let mut v = serde_json::to_value(&r.rule).expect("rules serialise");
    v["descriptions"] = locale_map(&r.descriptions);
    v
}

/// The object schema at a dotted path of a body schema (through arrays' items).
fn schema_at<'a>(root: &'a mut Value, path: &str) -> Option<&'a mut Value> {
    let mut cur = root;
    for seg in path.split('.') {
        let next = cur.get_mut("properties")?.get_mut(seg)?;
        cur = if next.get("items").is_some() {
            next.get_mut("items")?
        } else {
            next
        };
    }
    Some(cur)
}

/// Adds the member-type conditions. A condition on a field that a precedence rule overrides
/// (`member`, overridden by `idNo`) applies only when the winning field is absent, which is what
/// `validate` in the generated crate does (it clears the overridden field first).
///
/// Each condition is an `if`/`then` written with `required` and `not` alone, and the conditions
/// of one object are its own `if`/`then`/`else` (several: `if: true` and `then` their `allOf`):
/// generators read `allOf` members and boolean subschemas as fields, and skip `if`/`then`/`else`.
fn apply_conditions(schema: &mut Value, rules: &[RequestRule]) {
    let precedence: Vec<(&String, &Vec<String>)> = rules
        .iter()
        .filter_map(|r| match &r.rule {
            RuleKind::Precedence { field, over } => Some((field, over)),
            _ => None,
        })
        .collect();
    // (winning field, overridden top-level field) -> conditions on that field's object.
    let mut guarded: BTreeMap<(String, String), Vec<Value>> = BTreeMap::new();
    // The object's dotted path (empty: the body) -> its conditions.
    let mut own: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for r in rules {
        let RuleKind::Conditional {
            field,
            values,
            requires,
            forbids,
        } = &r.rule
        else {
            continue;
        };
        let (parent, name) = field.rsplit_once('.').unwrap_or(("", field.as_str()));
        let local = |p: &String| {
            p.strip_prefix(&format!("{parent}."))
                .map(str::to_owned)
                .unwrap_or_else(|| p.clone())
        };
        if !requires
            .iter()
            .chain(forbids)
            .all(|p| p.rsplit_once('.').map_or("", |(a, _)| a) == parent)
        {
            continue;
        }
        let mut then = required(requires.iter().map(local));
        let forbidden: Vec<Value> = forbids.iter().map(|f| required([local(f)])).collect();
        match forbidden.as_slice() {
            [] => {}
            [one] => then["not"] = one.clone(),
            _ => then["not"] = json!({ "anyOf": forbidden }),
        }
        let cond = json!({ "if": { "properties": { name: { "enum": values } }, "required": [name] }, "then": then });
        let top = field.split('.').next().unwrap_or(field).to_owned();
        match precedence.iter().find(|(_, over)| over.contains(&top)) {
            Some((winner, _)) if parent == top => guarded
                .entry(((*winner).clone(), top))
                .or_default()
                .push(cond),
            _ => own.entry(parent.to_owned()).or_default().push(cond),
        }
    }
    for ((winner, top), conds) in guarded {
        own.entry(String::new()).or_default().push(json!({
            "if": required([winner]),
            "else": { "properties": { top: all_of(conds) } },
        }));
    }
    for (path, conds) in own {
        let target = if path.is_empty() {
            Some(&mut *schema)
        } else {
            schema_at(schema, &path)
        };
        if let Some(Value::Object(target)) = target {
            match <[Value; 1]>::try_from(conds) {
                Ok([Value::Object(one)]) if !target.contains_key("if") => target.extend(one),
                Ok([one]) => {
                    target.insert("if".into(), json!(true));
                    target.insert("then".into(), one);
                }
                Err(conds) => {
                    target.insert("if".into(), json!(true));
                    target.insert("then".into(), all_of(conds));
                }
            }
        }
    }
}

/// A schema that requires these fields, naming each in `properties` as well (linters read a
/// `required` without them as a typo); inside `if`/`then`/`else`, where generators do not look.
fn required(fields: impl IntoIterator<Item = String>) -> Value {
    let fields: Vec<String> = fields.into_iter().collect();
    let props: Map<String, Value> = fields.iter().map(|f| (f.clone(), json!(true))).collect();
    json!({ "properties": props, "required": fields })
}

/// One schema that holds all of these: the one itself, or their `allOf`.
fn all_of(mut conds: Vec<Value>) -> Value {
    if conds.len() == 1 {
        conds.remove(0)
    } else {
        json!({ "allOf": conds })
    }
}

fn request_schema(spec: &ApiSpec, v: &ApiVersion) -> Value {
    let shape = body_shape(spec, v, Body::Request);
    let mut s = Schemas.object(&shape.children);
    apply_conditions(&mut s, &v.rules);
    s["title"] = json!(format!("Event search request ({})", v.version));
    s["x-rules"] = Value::Array(v.rules.iter().map(rule_value).collect());
    s
}

/// The request schemas and the response schemas (with the common header), each map with the
/// object components its schemas name.
fn body_schemas(spec: &ApiSpec) -> (Map<String, Value>, Map<String, Value>) {
    let mut request = Map::new();
    let mut response = Map::new();
    if let Some(header) = header_shape(spec) {
        let mut h = Schemas.field(&Shape {
            ty: ShapeType::Object,
            ..header
        });
        h["title"] = json!("Common response header");
        response.insert("CommonResponseHeader".into(), h);
    }
    for v in &spec.versions {
        request.insert(
            format!("EventSearchRequest{}", suffix(&v.version)),
            request_schema(spec, v),
        );
        let shape = body_shape(spec, v, Body::Response);
        let mut s = Schemas.object(&shape.children);
        if header_shape(spec).is_some() {
            s["properties"]["header"] =
                json!({ "$ref": "#/components/schemas/CommonResponseHeader" });
        }
        s["title"] = json!(format!("Event search response ({})", v.version));
        response.insert(format!("EventSearchResponse{}", suffix(&v.version)), s);
    }
    // Every object below a body becomes a named component.
    let mut lifted: Vec<(bool, Lifted)> = Vec::new();
    for (is_request, bodies) in [(true, &mut request), (false, &mut response)] {
        for (name, schema) in bodies.iter_mut() {
            let mut out = Vec::new();
            lift_children(schema, name, &mut out);
            lifted.extend(out.into_iter().map(|l| (is_request, l)));
        }
    }
    let taken: Vec<&String> = request.keys().chain(response.keys()).collect();
    let names = component_names(&lifted.iter().map(|(_, l)| l).collect::<Vec<_>>(), &taken);
    for schema in request.values_mut().chain(response.values_mut()) {
        rename_refs(schema, &names);
    }
    for (is_request, mut l) in lifted {
        rename_refs(&mut l.schema, &names);
        let into = if is_request {
            &mut request
        } else {
            &mut response
        };
        into.insert(names[&l.qualified].clone(), l.schema);
    }
    (request, response)
}

/// The guide's examples of one body, placeholders replaced (each example says which), as
/// components named `{schema}.{locale}` in `components`; returns the media type's `examples`,
/// which refer to them (generators warn about examples written inline in a response).
fn examples(
    examples: &[ShapedExample],
    schema: &str,
    components: &mut Map<String, Value>,
) -> Option<Value> {
    let map: Map<String, Value> = examples
        .iter()
        .map(|e| {
            let mut ex = json!({ "summary": format!("From the {} API guide ({})", e.locale, e.source), "value": e.value });
            if !e.placeholders.is_empty() {
                let notes: Vec<String> = e
                    .placeholders
                    .iter()
                    .map(|p| format!("`{}` is `{}` in the guide, a placeholder; shown as `{}`", p.path, p.written, p.shown))
                    .collect();
                ex["description"] = json!(format!("{}.", notes.join("; ")));
            }
            let name = format!("{schema}.{}", e.locale.code());
            components.insert(name.clone(), ex);
            (e.locale.code().to_owned(), json!({ "$ref": format!("#/components/examples/{name}") }))
        })
        .collect();
    (!map.is_empty()).then_some(Value::Object(map))
}

fn operation(
    spec: &ApiSpec,
    v: &ApiVersion,
    permission_note: &str,
    example_components: &mut Map<String, Value>,
) -> Value {
    let s = suffix(&v.version);
    let params: Vec<Value> = v
        .path_variables
        .iter()
        .map(|p| {
            json!({
                "name": p.name,
                "in": "path",
                "required": true,
                "description": display(&p.descriptions, &p.name),
                "x-descriptions": locale_map(&p.descriptions),
                "schema": { "type": "string" },
            })
        })
        .collect();
    let mut media = |body: Body, schema: String| {
        let mut media = json!({ "schema": { "$ref": schema_ref(&schema) } });
        if let Some(e) = examples(&body_examples(spec, v, body), &schema, example_components) {
            media["examples"] = e;
        }
        media
    };
    let request_media = media(Body::Request, format!("EventSearchRequest{s}"));
    let response_media = media(Body::Response, format!("EventSearchResponse{s}"));
    let mut description = format!(
        "Searches the audit events of the project the app key belongs to ({} {}). Every call answers HTTP 200: \
         success or failure is in the body's `header`.",
        v.method, v.path
    );
    if let Some(p) = &v.permission {
        description.push_str(&format!(" {permission_note} `{p}`."));
    }
    if !v.headers.is_empty() {
        let names: Vec<&str> = v.headers.iter().map(|h| h.name.as_str()).collect();
        description.push_str(&format!(
            " Authenticate with the {} headers (a User Access Key).",
            names.join(" and ")
        ));
    }
    let mut op = json!({
        "operationId": format!("searchEvents{s}"),
        "summary": format!("Search events ({})", v.version),
        "description": description,
        "tags": ["events"],
        "parameters": params,
        "requestBody": { "required": true, "content": { "application/json": request_media } },
        "responses": {
            "200": {
                "description": "The search result; check `header.isSuccessful`.",
                "content": { "application/json": response_media },
            }
        },
        "x-sources": v.sources.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
    });
    // A version without auth headers is called with the app key in the path alone: say so, as
    // an empty requirement, rather than leave it undefined.
    let req: Map<String, Value> = v
        .headers
        .iter()
        .map(|h| (h.name.clone(), json!([])))
        .collect();
    op["security"] = if req.is_empty() {
        json!([])
    } else {
        json!([req])
    };
    if let Some(p) = &v.permission {
        op["x-permission"] = json!(p);
    }
    op
}

fn document(catalog: &Catalog, stamp: &Stamp, schemas: Map<String, Value>) -> Value {
    let mut paths = Map::new();
    let mut schemes = Map::new();
    let mut examples = Map::new();
    for v in &catalog.api.versions {
        let method = v.method.to_lowercase();
        let method = if method.is_empty() {
            "post".to_owned()
        } else {
            method
        };
        let item = paths.entry(v.path.clone()).or_insert_with(|| json!({}));
        item[method.as_str()] =
            operation(&catalog.api, v, "Needs the IAM permission", &mut examples);
        for h in &v.headers {
            schemes.insert(
                h.name.clone(),
                json!({
                    "type": "apiKey",
                    "in": "header",
                    "name": h.name,
                    "description": display(&h.descriptions, &h.name),
                    "x-descriptions": locale_map(&h.descriptions),
                }),
            );
        }
    }
    let mut components = json!({ "schemas": schemas });
    if !examples.is_empty() {
        components["examples"] = Value::Object(examples);
    }
    if !schemes.is_empty() {
        components["securitySchemes"] = Value::Object(schemes);
    }
    let latest = catalog
        .api
        .versions
        .last()
        .map(|v| v.version.trim_start_matches('v').to_owned())
        .unwrap_or_else(|| "0".into());
    let mut info = json!({
        "title": "NHN Cloud CloudTrail event search API",
        "version": latest,
        "description": format!(
            "The CloudTrail event search API as the NHN Cloud API guide describes it (every version it documents), \
             with the catalogue's event IDs.\n\n{}",
            stamp.lines().join(" ")
        ),
    });
    if let Some(p) = &catalog.roles.nhn.api_permission {
        info["x-permission"] = json!(p);
    }
    json!({
        "openapi": "3.1.0",
        "info": info,
        "tags": [{ "name": "events", "description": "Audit events" }],
        "servers": [{
            "url": "/",
            "description": "The API guide gives paths only, no host: use the CloudTrail API endpoint of your NHN Cloud region as the base URL.",
        }],
        "paths": paths,
        "components": components,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_suffixes_are_identifiers() {
        assert_eq!(suffix("v1.0"), "V1_0");
        assert_eq!(suffix("v2.0"), "V2_0");
    }

    #[test]
    fn an_empty_catalogue_still_gives_a_document_with_the_stamp_first() {
        let stamp = Stamp {
            command: "cargo xtask gen".into(),
            catalog_hash: "sha256:0".into(),
        };
        let tree = emit(&Catalog::default(), &stamp);
        let doc = &tree[DOCUMENT];
        assert!(
            doc.trim_start()
                .starts_with("{\n  \"x-generated\": [\n    \"@generated by"),
            "{doc}"
        );
        let v: Value = serde_json::from_str(doc).unwrap();
        assert_eq!(v["openapi"], "3.1.0");
        assert_eq!(v["paths"], json!({}));
    }
}
