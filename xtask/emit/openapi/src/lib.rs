//! Stage 4: OpenAPI 3.1 fragments and the complete search API document in `generated/openapi/`.
//!
//! ```text
//! openapi/cloudtrail.openapi.json          the complete document: v1.0 and v2.0 search paths
//! openapi/components/nhn-event-ids.json    components/schemas/NhnEventId
//! openapi/components/kakao-events.json     components/schemas/KakaoEventKey
//! openapi/components/search-request.json   components/schemas/EventSearchRequestV1_0, ...V2_0
//! openapi/components/search-response.json  components/schemas/CommonResponseHeader, EventSearchResponseV1_0, ...
//! ```
//!
//! Everything is built as `serde_json` values and serialised; nothing is templated. Each file is
//! a JSON object whose first key is `x-generated` (the [`Stamp`] lines: OpenAPI allows `x-`
//! extensions at the root, not `$comment`); every other object has its keys sorted, so the
//! output does not depend on `serde_json`'s `preserve_order` feature.
//!
//! ## Extensions
//!
//! * Event ID enums (`NhnEventId`, `KakaoEventKey`) carry `x-enum-descriptions`, an array
//!   parallel to `enum` with each value's display name (English, else Korean, else the value),
//!   which openapi-generator and others show; `x-enum-names`, one such array per locale
//!   (`null` where the locale gives no name); and `x-event-metadata`, keyed by enum value
//!   (NHN: services and listed/retired status; KakaoCloud: scope, service, resource type, names).
//! * Fields carry `x-descriptions` (the guide's description per locale) and, where the guide's
//!   table gives another type than its example shows, `x-documented-type` (the table's type as
//!   written); the schema follows the example.
//! * Request schemas carry `x-rules` (the catalogue's request rules, as data); the
//!   member-type rules are also enforced with JSON Schema `if`/`then`, the page limit with
//!   `maximum`/`default`.
//! * Operations that need an IAM permission carry `x-permission` and say so in their description.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Map, Value, json};
use trail_catalog::Catalog;
use trail_catalog::Locale;
use trail_catalog::hash::Stamp;
use trail_catalog::io::Tree;
use trail_catalog::model::api::{ApiField, ApiVersion, JsonExample, JsonType, RequestRule, RuleKind};
use trail_catalog::model::{KakaoEvent, NhnEvent, Status};

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
    serde_json::to_string_pretty(&File { generated: &lines, body }).expect("JSON values always serialise") + "\n"
}

/// The value with every object's keys in sorted order, whatever `serde_json`'s map type.
fn canonical(v: Value) -> Value {
    match v {
        Value::Object(map) => {
            let sorted: BTreeMap<String, Value> = map.into_iter().map(|(k, v)| (k, canonical(v))).collect();
            Value::Object(sorted.into_iter().collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(canonical).collect()),
        other => other,
    }
}

/// The files this emitter writes, relative to `generated/`.
pub fn emit(catalog: &Catalog, stamp: &Stamp) -> Tree {
    let mut tree = Tree::new();
    let nhn = nhn_event_ids(&catalog.nhn.events);
    let kakao = kakao_event_keys(&catalog.kakao.events);
    let request = request_schemas(catalog);
    let response = response_schemas(catalog);
    let fragment = |schemas: Map<String, Value>| json!({ "components": { "schemas": schemas } });
    tree.insert("openapi/components/nhn-event-ids.json".into(), render(stamp, fragment(Map::from_iter([("NhnEventId".to_owned(), nhn.clone())]))));
    tree.insert("openapi/components/kakao-events.json".into(), render(stamp, fragment(Map::from_iter([("KakaoEventKey".to_owned(), kakao.clone())]))));
    tree.insert("openapi/components/search-request.json".into(), render(stamp, fragment(request.clone())));
    tree.insert("openapi/components/search-response.json".into(), render(stamp, fragment(response.clone())));

    let mut schemas = Map::new();
    schemas.insert("NhnEventId".into(), nhn);
    schemas.insert("KakaoEventKey".into(), kakao);
    schemas.extend(request);
    schemas.extend(response);
    tree.insert(DOCUMENT.into(), render(stamp, document(catalog, stamp, schemas)));
    tree
}

/// `v2.0` -> `V2_0`, for component and operation names.
fn suffix(version: &str) -> String {
    let mut s: String = version.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
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
    Value::Object(texts.iter().map(|(l, t)| (l.code().to_owned(), Value::String(t.clone()))).collect())
}

fn nhn_event_ids(events: &[NhnEvent]) -> Value {
    let mut events: Vec<&NhnEvent> = events.iter().collect();
    events.sort_by(|a, b| a.id.cmp(&b.id));
    events.dedup_by(|a, b| a.id == b.id);
    let ids: Vec<Value> = events.iter().map(|e| Value::String(e.id.clone())).collect();
    let descriptions: Vec<Value> = events.iter().map(|e| Value::String(display(&e.names, &e.id))).collect();
    let names: Map<String, Value> = Locale::ALL
        .iter()
        .map(|l| {
            let col: Vec<Value> =
                events.iter().map(|e| e.names.get(l).map_or(Value::Null, |n| Value::String(n.clone()))).collect();
            (l.code().to_owned(), Value::Array(col))
        })
        .collect();
    let metadata: Map<String, Value> = events
        .iter()
        .map(|e| {
            let status = match e.status {
                Status::Listed => "listed",
                Status::Retired => "retired",
            };
            (e.id.clone(), json!({ "services": e.services, "status": status }))
        })
        .collect();
    json!({
        "type": "string",
        "title": "NHN CloudTrail event ID",
        "description": "An NHN CloudTrail event ID (`eventId`). Retired IDs are kept so that old logs still \
                        resolve; a newer upstream list may add IDs this enum does not know yet.",
        "enum": ids,
        "x-enum-descriptions": descriptions,
        "x-enum-names": names,
        "x-event-metadata": metadata,
    })
}

fn kakao_event_keys(events: &[KakaoEvent]) -> Value {
    let mut events: Vec<&KakaoEvent> = events.iter().collect();
    events.sort_by(|a, b| a.key.cmp(&b.key));
    events.dedup_by(|a, b| a.key == b.key);
    let keys: Vec<Value> = events.iter().map(|e| Value::String(e.key.clone())).collect();
    let descriptions: Vec<Value> = events.iter().map(|e| Value::String(e.name.en.clone())).collect();
    let names = json!({
        "en": events.iter().map(|e| Value::String(e.name.en.clone())).collect::<Vec<_>>(),
        "ko": events.iter().map(|e| e.name.ko.clone().map_or(Value::Null, Value::String)).collect::<Vec<_>>(),
    });
    let metadata: Map<String, Value> = events
        .iter()
        .map(|e| {
            let mut m = json!({
                "scope": e.scope.as_str(),
                "service": e.service,
                "resource_type": e.resource_type,
                "name": { "en": e.name.en },
            });
            if let Some(ko) = &e.name.ko {
                m["name"]["ko"] = Value::String(ko.clone());
            }
            if let Some(d) = &e.description {
                m["description"] = Value::String(d.clone());
            }
            (e.key.clone(), m)
        })
        .collect();
    json!({
        "type": "string",
        "title": "KakaoCloud Cloud Trail event key",
        "description": "A KakaoCloud Cloud Trail event, keyed `service/resource-type/name` (slugs). \
                        KakaoCloud logs carry the names, not these keys: `x-event-metadata` maps each key \
                        to its scope, service, resource type and names.",
        "enum": keys,
        "x-enum-descriptions": descriptions,
        "x-enum-names": names,
        "x-event-metadata": metadata,
    })
}

/// One field's schema, without its children.
fn field_schema(f: &ApiField, types: &[JsonType]) -> Map<String, Value> {
    let mut s = Map::new();
    let mut types: Vec<JsonType> = types.to_vec();
    if !types.contains(&f.json_type) {
        types.insert(0, f.json_type);
    }
    types.sort();
    types.dedup();
    s.insert(
        "type".into(),
        match types.as_slice() {
            [one] => Value::String(one.as_str().to_owned()),
            many => Value::Array(many.iter().map(|t| Value::String(t.as_str().to_owned())).collect()),
        },
    );
    if let Some(format) = &f.format {
        s.insert("format".into(), Value::String(format.clone()));
    }
    if let Some(d) = f.descriptions.get(&Locale::En).or_else(|| f.descriptions.get(&Locale::Ko)) {
        s.insert("description".into(), Value::String(d.clone()));
    }
    if !f.descriptions.is_empty() {
        s.insert("x-descriptions".into(), locale_map(&f.descriptions));
    }
    if let (Some(written), Some(table)) = (&f.type_written, f.table_type)
        && table != f.json_type
    {
        s.insert("x-documented-type".into(), Value::String(written.clone()));
    }
    s
}

/// Builds nested object schemas from flat dotted fields. `extra_types` gives, per path, the
/// types other locales' examples show there.
fn tree_schema(fields: &[ApiField], extra_types: &BTreeMap<String, Vec<JsonType>>, with_required: bool) -> Map<String, Value> {
    fn children<'a>(fields: &'a [ApiField], parent: &str) -> Vec<&'a ApiField> {
        fields
            .iter()
            .filter(|f| match f.path.rsplit_once('.') {
                Some((p, _)) => p == parent,
                None => parent.is_empty(),
            })
            .collect()
    }
    fn object(fields: &[ApiField], parent: &str, extra: &BTreeMap<String, Vec<JsonType>>, req: bool) -> Map<String, Value> {
        let mut props = Map::new();
        let mut required = Vec::new();
        for f in children(fields, parent) {
            let name = f.path.rsplit('.').next().unwrap_or(&f.path).to_owned();
            let mut s = field_schema(f, extra.get(&f.path).map(Vec::as_slice).unwrap_or(&[]));
            let kids = children(fields, &f.path);
            if !kids.is_empty() {
                let inner = object(fields, &f.path, extra, req);
                if f.json_type == JsonType::Array {
                    s.insert("items".into(), Value::Object(inner));
                } else {
                    // Keep the field's own `type` (it may also allow what another locale's example shows).
                    s.extend(inner.into_iter().filter(|(k, _)| k != "type"));
                }
            } else if f.json_type == JsonType::Array {
                s.insert("items".into(), json!({}));
            }
            if req && f.required == Some(true) {
                required.push(Value::String(name.clone()));
            }
            props.insert(name, Value::Object(s));
        }
        let mut out = Map::new();
        out.insert("type".into(), json!("object"));
        out.insert("properties".into(), Value::Object(props));
        if !required.is_empty() {
            out.insert("required".into(), Value::Array(required));
        }
        out
    }
    object(fields, "", extra_types, with_required)
}

/// Per path, every type the locales' examples show there.
fn example_types(examples: &BTreeMap<Locale, JsonExample>) -> BTreeMap<String, Vec<JsonType>> {
    let mut out: BTreeMap<String, Vec<JsonType>> = BTreeMap::new();
    for e in examples.values() {
        let Some(v) = &e.value else { continue };
        for (path, t) in trail_catalog::build::api::example_paths(v) {
            let types = out.entry(path).or_default();
            if !types.contains(&t) && t != JsonType::Null {
                types.push(t);
            }
        }
    }
    out
}

/// Navigates to the schema of `path` (a dotted field path) inside an object schema.
fn schema_at<'a>(root: &'a mut Map<String, Value>, path: &str) -> Option<&'a mut Map<String, Value>> {
    let mut cur = root;
    for seg in path.split('.') {
        let next = cur.get_mut("properties")?.get_mut(seg)?;
        let next = if next.get("items").is_some() { next.get_mut("items")? } else { next };
        cur = next.as_object_mut()?;
    }
    Some(cur)
}

fn rule_value(r: &RequestRule) -> Value {
    let mut v = serde_json::to_value(&r.rule).expect("rules serialise");
    v["descriptions"] = locale_map(&r.descriptions);
    v
}

/// Applies the rules JSON Schema can state: bounds, and member-type conditions.
fn apply_rules(schema: &mut Map<String, Value>, rules: &[RequestRule]) {
    for r in rules {
        match &r.rule {
            RuleKind::Range { field, max, default } => {
                if let Some(s) = schema_at(schema, field) {
                    if let Some(max) = max {
                        s.insert("maximum".into(), json!(max));
                    }
                    if let Some(d) = default {
                        s.insert("default".into(), json!(d));
                    }
                }
            }
            RuleKind::Conditional { field, values, requires, forbids } => {
                let Some((parent, name)) = field.rsplit_once('.').or(Some(("", field.as_str()))) else { continue };
                let local = |p: &String| p.strip_prefix(&format!("{parent}.")).map(str::to_owned).unwrap_or_else(|| p.clone());
                let same_parent =
                    requires.iter().chain(forbids).all(|p| p.rsplit_once('.').map_or("", |(a, _)| a) == parent);
                if !same_parent {
                    continue;
                }
                let target = if parent.is_empty() { Some(&mut *schema) } else { schema_at(schema, parent) };
                let Some(target) = target else { continue };
                let mut then = json!({ "required": requires.iter().map(local).collect::<Vec<_>>() });
                if !forbids.is_empty() {
                    then["not"] = json!({ "anyOf": forbids.iter().map(|f| json!({ "required": [local(f)] })).collect::<Vec<_>>() });
                }
                let cond = json!({
                    "if": { "properties": { name: { "enum": values } }, "required": [name] },
                    "then": then,
                });
                let all = target.entry("allOf").or_insert_with(|| json!([]));
                if let Some(a) = all.as_array_mut() {
                    a.push(cond);
                }
            }
            RuleKind::Precedence { .. } | RuleKind::OptionalFilter { .. } => {}
        }
    }
}

fn request_schema(v: &ApiVersion) -> Value {
    let mut s = tree_schema(&v.request, &BTreeMap::new(), true);
    apply_rules(&mut s, &v.rules);
    s.insert("title".into(), json!(format!("Event search request ({})", v.version)));
    s.insert("x-rules".into(), Value::Array(v.rules.iter().map(rule_value).collect()));
    Value::Object(s)
}

fn request_schemas(catalog: &Catalog) -> Map<String, Value> {
    catalog.api.versions.iter().map(|v| (format!("EventSearchRequest{}", suffix(&v.version)), request_schema(v))).collect()
}

fn response_schemas(catalog: &Catalog) -> Map<String, Value> {
    let mut out = Map::new();
    let mut header = tree_schema(&catalog.api.common_response, &example_types(&catalog.api.common_examples), false);
    // The common table lists `header` itself: the component is that object.
    let header = header
        .get_mut("properties")
        .and_then(|p| p.get_mut("header"))
        .cloned()
        .unwrap_or_else(|| json!({ "type": "object" }));
    let mut header = header;
    header["title"] = json!("Common response header");
    out.insert("CommonResponseHeader".into(), header);
    for v in &catalog.api.versions {
        let mut s = tree_schema(&v.response, &example_types(&v.response_examples), false);
        if let Some(Value::Object(props)) = s.get_mut("properties") {
            props.insert("header".into(), json!({ "$ref": "#/components/schemas/CommonResponseHeader" }));
        }
        s.insert("title".into(), json!(format!("Event search response ({})", v.version)));
        out.insert(format!("EventSearchResponse{}", suffix(&v.version)), Value::Object(s));
    }
    out
}

fn examples(examples: &BTreeMap<Locale, JsonExample>) -> Option<Value> {
    let map: Map<String, Value> = examples
        .iter()
        .filter_map(|(l, e)| {
            let value = e.value.clone()?;
            Some((l.code().to_owned(), json!({ "summary": format!("From the {l} API guide ({})", e.source), "value": value })))
        })
        .collect();
    (!map.is_empty()).then_some(Value::Object(map))
}

fn operation(v: &ApiVersion, permission_note: &str) -> Value {
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
    let mut request_media = json!({ "schema": { "$ref": format!("#/components/schemas/EventSearchRequest{s}") } });
    if let Some(e) = examples(&v.request_examples) {
        request_media["examples"] = e;
    }
    let mut response_media = json!({ "schema": { "$ref": format!("#/components/schemas/EventSearchResponse{s}") } });
    if let Some(e) = examples(&v.response_examples) {
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
        description.push_str(&format!(" Authenticate with the {} headers (a User Access Key).", names.join(" and ")));
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
    if !v.headers.is_empty() {
        let req: Map<String, Value> = v.headers.iter().map(|h| (h.name.clone(), json!([]))).collect();
        op["security"] = json!([req]);
    }
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
        let method = if method.is_empty() { "post".to_owned() } else { method };
        let item = paths.entry(v.path.clone()).or_insert_with(|| json!({}));
        item[method.as_str()] = operation(v, "Needs the IAM permission");
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
    let latest = catalog.api.versions.last().map(|v| v.version.trim_start_matches('v').to_owned()).unwrap_or_else(|| "0".into());
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
        let stamp = Stamp { command: "cargo xtask gen".into(), catalog_hash: "sha256:0".into() };
        let tree = emit(&Catalog::default(), &stamp);
        let doc = &tree[DOCUMENT];
        assert!(doc.trim_start().starts_with("{\n  \"x-generated\": [\n    \"@generated by"), "{doc}");
        let v: Value = serde_json::from_str(doc).unwrap();
        assert_eq!(v["openapi"], "3.1.0");
        assert_eq!(v["paths"], json!({}));
    }
}
