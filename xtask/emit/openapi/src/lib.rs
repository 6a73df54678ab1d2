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
//! ([`trail_catalog::model::api_shape`]); this crate decides no type. How each shape is written:
//!
//! * timestamps are strings with a `pattern` accepting RFC 3339 and the guide's `+0000` form;
//! * `eventId` is `$ref: EventId`, which is `anyOf` the catalogue's IDs (an `enum`, with
//!   `x-enum-descriptions`: each ID's English name, else Korean, else the ID) and any string;
//! * integer-or-string fields are `oneOf` integer and string; string-or-object fields `oneOf` a
//!   string and a named object component (`Pageable`);
//! * nullable fields add `"null"` to their `type` (or a `{"type": "null"}` branch to their `oneOf`);
//! * fields carry `x-descriptions` (the guide's description per locale) and, where the guide's
//!   table gives another type, `x-documented-type` (the table's type as written);
//! * request schemas carry `x-rules` (the catalogue's request rules, as data); the
//!   member-type rules are enforced with `if`/`then` inside an `if`/`else` on the field that
//!   takes precedence (`idNo`), exactly as the generated crate's `validate` does; the page limit
//!   with `maximum`/`default`;
//! * operations that need an IAM permission carry `x-permission` and say so in their description.

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
    let event_id = event_id(&catalog.nhn.events);
    let (request, response) = body_schemas(&catalog.api);
    let fragment = |schemas: Map<String, Value>| json!({ "components": { "schemas": schemas } });
    tree.insert(
        "openapi/components/event-id.json".into(),
        render(
            stamp,
            fragment(Map::from_iter([("EventId".to_owned(), event_id.clone())])),
        ),
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
        schemas.insert("EventId".into(), event_id);
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

/// The display name: English, else Korean, else any, else `fallback`.
fn display(names: &BTreeMap<Locale, String>, fallback: &str) -> String {
    names
        .get(&Locale::En)
        .or_else(|| names.get(&Locale::Ko))
        .or_else(|| names.values().next())
        .cloned()
        .unwrap_or_else(|| fallback.to_owned())
}

fn locale_map(texts: &BTreeMap<Locale, String>) -> Value {
    Value::Object(
        texts
            .iter()
            .map(|(l, t)| (l.code().to_owned(), Value::String(t.clone())))
            .collect(),
    )
}

/// The `EventId` component: the catalogue's IDs offered to clients, any other string accepted.
fn event_id(events: &[NhnEvent]) -> Value {
    let mut events: Vec<&NhnEvent> = events.iter().collect();
    events.sort_by(|a, b| a.id.cmp(&b.id));
    events.dedup_by(|a, b| a.id == b.id);
    let ids: Vec<&str> = events.iter().map(|e| e.id.as_str()).collect();
    let names: Vec<String> = events.iter().map(|e| display(&e.names, &e.id)).collect();
    json!({
        "title": "NHN CloudTrail event ID",
        "description": "An NHN CloudTrail event ID (`eventId`): one the catalogue knows (retired IDs included, \
                        so that old logs still resolve), or any other string, since a newer upstream list may \
                        add IDs. `x-enum-descriptions` gives each known ID's English name.",
        "anyOf": [
            { "type": "string", "title": "Known event ID", "enum": ids, "x-enum-descriptions": names },
            { "type": "string", "title": "Event ID this catalogue does not know" },
        ],
    })
}

/// `pageable` -> `Pageable`: the component name of a string-or-object field's object form.
fn component_name(key: &str) -> String {
    let mut chars = key.chars();
    chars
        .next()
        .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// Renders shapes as schemas, collecting the named object components they refer to.
struct Schemas<'a> {
    /// The version whose bodies are rendered (a component that differs between versions is named with it).
    version: &'a str,
    /// Named components: `Pageable`.
    components: &'a mut Map<String, Value>,
}

impl Schemas<'_> {
    /// The schema of an object with these fields.
    fn object(&mut self, children: &[Shape]) -> Value {
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
    fn value(&mut self, s: &Shape) -> Value {
        match &s.ty {
            ShapeType::String => json!({ "type": "string" }),
            ShapeType::Timestamp => json!({ "type": "string", "pattern": TIMESTAMP_PATTERN }),
            ShapeType::EventId => json!({ "$ref": "#/components/schemas/EventId" }),
            ShapeType::Enum(values) => json!({ "type": "string", "enum": values }),
            ShapeType::Integer => json!({ "type": "integer" }),
            ShapeType::Number => json!({ "type": "number" }),
            ShapeType::Boolean => json!({ "type": "boolean" }),
            ShapeType::IntegerOrString => {
                json!({ "oneOf": [{ "type": "integer" }, { "type": "string" }] })
            }
            ShapeType::StringOrObject => {
                // Generators name classes after `title`: it is the component's name.
                let mut object = self.object(&s.children);
                object["description"] = json!(format!(
                    "The object form of `{}` (some examples show it as a string).",
                    s.path
                ));
                let mut name = component_name(&s.key);
                object["title"] = json!(name);
                if self
                    .components
                    .get(&name)
                    .is_some_and(|have| *have != object)
                {
                    name = format!("{name}{}", suffix(self.version));
                    object["title"] = json!(name);
                }
                self.components.insert(name.clone(), object);
                json!({ "oneOf": [{ "type": "string" }, { "$ref": format!("#/components/schemas/{name}") }] })
            }
            ShapeType::Object if s.children.is_empty() => json!({ "type": "object" }),
            ShapeType::Object => self.object(&s.children),
            ShapeType::Array if s.children.is_empty() => json!({ "type": "array", "items": {} }),
            ShapeType::Array => json!({ "type": "array", "items": self.object(&s.children) }),
            ShapeType::Any => json!({}),
        }
    }

    /// A field's schema: its value, `null` when nullable, bounds and documentation.
    fn field(&mut self, s: &Shape) -> Value {
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
        if let Some(d) = s
            .descriptions
            .get(&Locale::En)
            .or_else(|| s.descriptions.get(&Locale::Ko))
        {
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

/// The schema with `null` allowed as well.
fn nullable(mut v: Value) -> Value {
    if let Some(Value::String(t)) = v.get("type").cloned() {
        v["type"] = json!([t, "null"]);
        if let Some(Value::Array(values)) = v.get_mut("enum") {
            values.push(Value::Null);
        }
        return v;
    }
    if let Some(Value::Array(branches)) = v.get_mut("oneOf") {
        branches.push(json!({ "type": "null" }));
        return v;
    }
    json!({ "oneOf": [v, { "type": "null" }] })
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
        // Required fields are named in `properties` too (a `required` without them reads as a
        // typo to linters); a forbidden field's schema is `false`.
        let mut props = Map::new();
        for r in requires {
            props.insert(local(r), json!(true));
        }
        for f in forbids {
            props.insert(local(f), json!(false));
        }
        let then = json!({ "properties": props, "required": requires.iter().map(local).collect::<Vec<_>>() });
        let cond = json!({ "if": { "properties": { name: { "enum": values } }, "required": [name] }, "then": then });
        let top = field.split('.').next().unwrap_or(field).to_owned();
        match precedence.iter().find(|(_, over)| over.contains(&top)) {
            Some((winner, _)) if parent == top => guarded
                .entry(((*winner).clone(), top))
                .or_default()
                .push(cond),
            _ => {
                let target = if parent.is_empty() {
                    Some(&mut *schema)
                } else {
                    schema_at(schema, parent)
                };
                if let Some(all) = target
                    .and_then(|t| t.as_object_mut())
                    .map(|t| t.entry("allOf").or_insert_with(|| json!([])))
                {
                    all.as_array_mut().expect("allOf is an array").push(cond);
                }
            }
        }
    }
    for ((winner, top), conds) in guarded {
        let all = schema
            .as_object_mut()
            .expect("a body is an object")
            .entry("allOf")
            .or_insert_with(|| json!([]));
        all.as_array_mut().expect("allOf is an array").push(json!({
            "if": { "properties": { winner.as_str(): true }, "required": [winner] },
            "else": { "properties": { top: { "allOf": conds } } },
        }));
    }
}

fn request_schema(spec: &ApiSpec, v: &ApiVersion, components: &mut Map<String, Value>) -> Value {
    let shape = body_shape(spec, v, Body::Request);
    let mut s = Schemas {
        version: &v.version,
        components,
    }
    .object(&shape.children);
    apply_conditions(&mut s, &v.rules);
    s["title"] = json!(format!("Event search request ({})", v.version));
    s["x-rules"] = Value::Array(v.rules.iter().map(rule_value).collect());
    s
}

/// The request schemas, the response schemas (with the common header) and the components they name.
fn body_schemas(spec: &ApiSpec) -> (Map<String, Value>, Map<String, Value>) {
    let mut request = Map::new();
    let mut response = Map::new();
    let mut components = Map::new();
    if let Some(header) = header_shape(spec) {
        let mut h = Schemas {
            version: "",
            components: &mut components,
        }
        .field(&Shape {
            ty: ShapeType::Object,
            ..header
        });
        h["title"] = json!("Common response header");
        response.insert("CommonResponseHeader".into(), h);
    }
    for v in &spec.versions {
        request.insert(
            format!("EventSearchRequest{}", suffix(&v.version)),
            request_schema(spec, v, &mut components),
        );
        let shape = body_shape(spec, v, Body::Response);
        let mut s = Schemas {
            version: &v.version,
            components: &mut components,
        }
        .object(&shape.children);
        if header_shape(spec).is_some() {
            s["properties"]["header"] =
                json!({ "$ref": "#/components/schemas/CommonResponseHeader" });
        }
        s["title"] = json!(format!("Event search response ({})", v.version));
        response.insert(format!("EventSearchResponse{}", suffix(&v.version)), s);
    }
    response.extend(components);
    (request, response)
}

/// The guide's examples of one body, placeholders replaced (each example says which).
fn examples(examples: &[ShapedExample]) -> Option<Value> {
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
            (e.locale.code().to_owned(), ex)
        })
        .collect();
    (!map.is_empty()).then_some(Value::Object(map))
}

fn operation(spec: &ApiSpec, v: &ApiVersion, permission_note: &str) -> Value {
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
    let mut request_media =
        json!({ "schema": { "$ref": format!("#/components/schemas/EventSearchRequest{s}") } });
    if let Some(e) = examples(&body_examples(spec, v, Body::Request)) {
        request_media["examples"] = e;
    }
    let mut response_media =
        json!({ "schema": { "$ref": format!("#/components/schemas/EventSearchResponse{s}") } });
    if let Some(e) = examples(&body_examples(spec, v, Body::Response)) {
        response_media["examples"] = e;
    }
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
    for v in &catalog.api.versions {
        let method = v.method.to_lowercase();
        let method = if method.is_empty() {
            "post".to_owned()
        } else {
            method
        };
        let item = paths.entry(v.path.clone()).or_insert_with(|| json!({}));
        item[method.as_str()] = operation(&catalog.api, v, "Needs the IAM permission");
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
