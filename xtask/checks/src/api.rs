//! Cross-checks for the search API: each field table against the guide's JSON examples, the
//! locales' tables against each other, and older revisions against the current guide.
//!
//! Every finding names the field's resolved path as its subject (`page.content.userId`) and points
//! at the table row (or the example line) it is about. Every `api/` code, including the ones the
//! reader and the builder raise, is in [`trail_sources::codes::CODES`].

use std::collections::{BTreeMap, BTreeSet};

use trail_catalog::Catalog;
use trail_catalog::build::api::{
    Resolution, current, example_of, example_paths, parse_example, resolve, rows, table_root,
    unparsed_notes,
};
use trail_catalog::model::ApiSpec;
use trail_catalog::model::api::JsonType;
use trail_catalog::model::api_shape::{Body, Shape, body_examples, body_shape, header_shape};
use trail_sources::api_guide::{ApiGuideDocument, ExampleKind, Record, Table};
use trail_sources::{Diagnostic, Extracted, Locale, SourceRef};

/// The registered severity of `code` (every code this module raises is in the registry).
fn diag(at: SourceRef, code: &str, subject: &str, message: String) -> Diagnostic {
    Diagnostic::raise(at, code, message).subject(subject)
}

/// The member type the guide spells two ways: `TOAST` in a request example's comment, `NHN
/// Cloud` in its table and rules. One finding per version, at the first example line writing
/// `TOAST`, naming the rule that says `NHN Cloud`.
fn member_type_spellings(spec: &trail_catalog::model::ApiSpec, out: &mut Vec<Diagnostic>) {
    use trail_catalog::model::api::RuleKind;
    for v in &spec.versions {
        let rule = v.rules.iter().find(|r| {
            matches!(&r.rule, RuleKind::Conditional { field, values, .. }
                if field.ends_with("memberType")
                    && values.iter().any(|x| x == "TOAST")
                    && values.iter().any(|x| x == "NHN Cloud"))
        });
        let Some(rule) = rule else { continue };
        let written = v.request_examples.values().filter_map(|e| {
            let (i, _) = e
                .text
                .lines()
                .enumerate()
                .find(|(_, l)| l.contains("memberType") && l.contains("TOAST"))?;
            Some(SourceRef::new(
                e.source.path.clone(),
                e.source.line + 1 + i as u32,
            ))
        });
        let Some(at) = written.min() else { continue };
        let stated = rule
            .sources
            .first()
            .map_or_else(|| "its rules".to_owned(), |s| s.to_string());
        out.push(diag(
            at,
            "api/member-type-spelling",
            &v.version,
            format!(
                "{}: the request example writes the member type `TOAST` where the table and the rule at {stated} write \
                 `NHN Cloud`; which spelling the server accepts is not stated, so the schema and the types accept both",
                v.version
            ),
        ));
    }
}

/// Appends this module's findings to `out`.
pub fn check(docs: &[Extracted], catalog: &Catalog, out: &mut Vec<Diagnostic>) {
    let all: Vec<&ApiGuideDocument> = docs
        .iter()
        .filter_map(|d| {
            if let Extracted::ApiGuide(d) = d {
                Some(d)
            } else {
                None
            }
        })
        .collect();
    if all.is_empty() {
        return;
    }
    let cur = current(&all);
    member_type_spellings(&catalog.api, out);
    let mut versions: Vec<Option<String>> = vec![None];
    versions.extend(catalog.api.versions.iter().map(|v| Some(v.version.clone())));
    for doc in &cur {
        for v in &versions {
            let v = v.as_deref();
            let pairs: &[(Table, ExampleKind)] = if v.is_none() {
                &[(Table::CommonResponse, ExampleKind::CommonResponse)]
            } else {
                &[
                    (Table::Request, ExampleKind::Request),
                    (Table::Response, ExampleKind::Response),
                ]
            };
            for &(table, kind) in pairs {
                table_vs_example(doc, v, table, kind, out);
            }
        }
        for note in unparsed_notes(doc, &catalog.api) {
            out.push(
                diag(
                    SourceRef::new(&doc.path, note.line),
                    "api/unparsed-note",
                    note.version.as_deref().unwrap_or_default(),
                    "this bullet names request fields but states no rule the builder knows; it is not enforced".into(),
                )
                .raw(note.text.clone()),
            );
        }
    }
    shape_decisions(&catalog.api, out);
    if let Some((reference, others)) = cur.split_first() {
        for other in others {
            for v in &versions {
                compare_locales(reference, other, v.as_deref(), out);
            }
        }
    }
    for old in all.iter().filter(|d| !cur.iter().any(|c| c.path == d.path)) {
        // The builder reports unparseable examples of the guides it merges; these it does not read.
        for e in old
            .examples
            .iter()
            .filter(|e| parse_example(&e.text).is_none())
        {
            out.push(
                Diagnostic::raise(
                    SourceRef::new(&old.path, e.line),
                    "api/example-not-json",
                    "the example is not JSON even with its comments removed; kept verbatim only",
                )
                .raw(
                    e.text
                        .lines()
                        .find(|l| !l.trim().is_empty())
                        .unwrap_or_default(),
                ),
            );
        }
        if let Some(now) = cur.iter().find(|c| c.locale == old.locale) {
            for v in &versions {
                compare_revisions(old, now, v.as_deref(), out);
            }
        }
    }
}

/// The decisions the model took computing the bodies' shapes (`api_shape`), each at the guide's
/// lines it rests on, and the one decision about every response field (`api/response-nullable`).
fn shape_decisions(spec: &ApiSpec, out: &mut Vec<Diagnostic>) {
    // The same decision on the same lines (v1.0 and v2.0 share table rows) is reported once, naming every version.
    type Decision = (String, &'static str, String);
    let mut decisions: BTreeMap<Decision, (Vec<String>, Vec<SourceRef>)> = BTreeMap::new();
    let mut collect = |shape: &Shape, version: &str| {
        for node in shape.walk() {
            for n in &node.notes {
                let d = decisions
                    .entry((node.path.clone(), n.code, n.message.clone()))
                    .or_insert_with(|| (Vec::new(), n.sources.clone()));
                d.0.push(version.to_owned());
            }
        }
    };
    if let Some(h) = header_shape(spec) {
        collect(&h, "common response");
    }
    for v in &spec.versions {
        collect(&body_shape(spec, v, Body::Request), &v.version);
        collect(&body_shape(spec, v, Body::Response), &v.version);
    }
    for ((path, code, message), (versions, sources)) in decisions {
        let Some(at) = sources.first() else { continue };
        let also: Vec<String> = sources.iter().skip(1).map(ToString::to_string).collect();
        let also = if also.is_empty() {
            String::new()
        } else {
            format!(" (also {})", also.join(", "))
        };
        out.push(diag(
            at.clone(),
            code,
            &path,
            format!("{}: {message}{also}", versions.join(", ")),
        ));
    }
    for v in &spec.versions {
        for e in body_examples(spec, v, Body::Request)
            .iter()
            .chain(&body_examples(spec, v, Body::Response))
        {
            for p in &e.placeholders {
                out.push(diag(
                    e.source.clone(),
                    "api/placeholder-example",
                    &p.path,
                    format!(
                        "{}: the {} example gives `{}` as `{}`, a placeholder, not one of its documented values; \
                         the OpenAPI document shows `{}`",
                        v.version, e.locale, p.path, p.written, p.shown
                    ),
                ));
            }
        }
        let response = body_shape(spec, v, Body::Response);
        let shown: Vec<String> = v
            .response_examples
            .iter()
            .map(|(l, e)| {
                let n = e.value.as_ref().map_or(0, |v| example_paths(v).len());
                format!("{l} {n} at {}", e.source)
            })
            .collect();
        if let Some(first) = v.response_examples.values().map(|e| e.source.clone()).min() {
            out.push(diag(
                first,
                "api/response-nullable",
                &v.version,
                format!(
                    "{}: the guide does not say which response fields may be absent or null, and its examples show \
                     different numbers of fields ({}); all {} response fields are optional and nullable",
                    v.version,
                    shown.join(", "),
                    response.walk().len() - 1
                ),
            ));
        }
    }
}

/// The line in an example where `"key"` (the path's last segment) first appears, else the fence line.
fn example_line(e: &trail_sources::api_guide::Example, path: &str) -> u32 {
    let last = path.rsplit('.').next().unwrap_or(path);
    let needle = format!("\"{last}\"");
    e.text
        .lines()
        .position(|l| l.contains(&needle))
        .map(|i| e.line + 1 + i as u32)
        .unwrap_or(e.line)
}

fn article(t: JsonType) -> &'static str {
    match t {
        JsonType::String => "a string",
        JsonType::Integer => "an integer",
        JsonType::Number => "a number",
        JsonType::Boolean => "a boolean",
        JsonType::Object => "an object",
        JsonType::Array => "an array",
        JsonType::Null => "null",
    }
}

/// Whether a value of `shown` fits a field typed `table`.
fn compatible(table: JsonType, shown: JsonType) -> bool {
    table == shown
        || shown == JsonType::Null
        || (table == JsonType::Number && shown == JsonType::Integer)
}

/// The rows of one table, resolved against the same guide's example: `(record, resolution)`.
fn resolved<'a>(
    doc: &'a ApiGuideDocument,
    v: Option<&'a str>,
    table: Table,
    paths: &BTreeMap<String, JsonType>,
) -> Vec<(&'a Record, Resolution)> {
    let records: Vec<&Record> = rows(doc, v, table).collect();
    let keys: Vec<&str> = records.iter().map(|r| r.key.as_str()).collect();
    let root = table_root(&keys, paths);
    records
        .into_iter()
        .map(|r| (r, resolve(&r.key, paths, &root)))
        .collect()
}

fn table_vs_example(
    doc: &ApiGuideDocument,
    v: Option<&str>,
    table: Table,
    kind: ExampleKind,
    out: &mut Vec<Diagnostic>,
) {
    let Some(example) = example_of(doc, v, kind) else {
        return;
    };
    let Some(value) = parse_example(&example.text) else {
        return;
    };
    let paths = example_paths(&value);
    let rows = resolved(doc, v, table, &paths);
    if rows.is_empty() {
        return;
    }
    let table_name = match table {
        Table::Request => "request",
        Table::Response => "response",
        _ => "common response",
    };
    for (r, res) in &rows {
        let at = SourceRef::new(&doc.path, r.line);
        let path = res.path();
        match res {
            Resolution::Missing(_) => out.push(
                diag(
                    at.clone(),
                    "api/not-in-example",
                    path,
                    format!("the {table_name} table lists `{}` but the example (line {}) does not show it", r.key, example.line),
                )
                .raw(r.key.clone()),
            ),
            Resolution::Case(p) => {
                let shown = p.rsplit('.').next().unwrap_or(p);
                out.push(
                    diag(
                        at.clone(),
                        "api/key-case",
                        path,
                        format!(
                            "the table spells the key `{}`, the example (line {}) `{shown}`; JSON keys are case-sensitive, \
                             the catalogue uses the example's",
                            r.key,
                            example_line(example, p)
                        ),
                    )
                    .raw(r.key.clone()),
                )
            }
            Resolution::Spelling(p) => {
                let shown = p.rsplit('.').next().unwrap_or(p);
                out.push(
                    diag(
                        at.clone(),
                        "api/key-typo",
                        path,
                        format!(
                            "the table spells the key `{}`, the example (line {}) has `{shown}` there instead: the \
                             table misspells it; the catalogue uses the example's",
                            r.key,
                            example_line(example, p)
                        ),
                    )
                    .raw(r.key.clone()),
                )
            }
            Resolution::Exact(_) => {}
        }
        let (Some(written), Some(shown)) = (r.r#type.as_deref(), paths.get(path)) else {
            continue;
        };
        let Some((typed, _)) = JsonType::from_written(written) else {
            continue;
        };
        if !compatible(typed, *shown) {
            out.push(
                diag(
                    at,
                    "api/type-mismatch",
                    path,
                    format!(
                        "`{}` is typed {written} but the example (line {}) shows {}; the catalogue uses the example's type",
                        r.key,
                        example_line(example, path),
                        article(*shown)
                    ),
                )
                .raw(written.to_owned()),
            );
        }
    }
    // Fields the example shows that no row covers: leaves, and containers none of whose
    // descendants is listed either. The common `header` belongs to the common table.
    let listed: BTreeSet<&str> = rows.iter().map(|(_, res)| res.path()).collect();
    for (path, ty) in &paths {
        if table != Table::CommonResponse && (path == "header" || path.starts_with("header.")) {
            continue;
        }
        if listed.contains(path.as_str()) {
            continue;
        }
        let prefix = format!("{path}.");
        let has_listed_descendant = listed.iter().any(|l| l.starts_with(&prefix));
        let container = matches!(ty, JsonType::Object | JsonType::Array);
        if container && has_listed_descendant {
            continue;
        }
        // Report only the top-most unlisted path of a subtree.
        let parent_unlisted = path.rsplit_once('.').is_some_and(|(parent, _)| {
            !listed.contains(parent) && !listed.iter().any(|l| l.starts_with(&format!("{parent}.")))
        });
        if parent_unlisted {
            continue;
        }
        out.push(diag(
            SourceRef::new(&doc.path, example_line(example, path)),
            "api/not-in-table",
            path,
            format!(
                "the example shows `{path}` ({}) but the {table_name} table does not list it",
                article(*ty)
            ),
        ));
    }
}

/// A table of one guide as `path -> record`, resolved against that guide's example.
fn table_by_path<'a>(
    doc: &'a ApiGuideDocument,
    v: Option<&'a str>,
    table: Table,
    kind: ExampleKind,
) -> BTreeMap<String, &'a Record> {
    let paths = example_of(doc, v, kind)
        .and_then(|e| parse_example(&e.text))
        .map(|e| example_paths(&e))
        .unwrap_or_default();
    let mut out = BTreeMap::new();
    for (r, res) in resolved(doc, v, table, &paths) {
        out.entry(res.path().to_owned()).or_insert(r);
    }
    out
}

fn loc(doc: &ApiGuideDocument) -> String {
    doc.locale.map(Locale::code).unwrap_or("?").to_owned()
}

fn normal(t: Option<&str>) -> Option<String> {
    let t = t?;
    Some(
        JsonType::from_written(t)
            .map(|(j, f)| format!("{j}{}", f.map(|f| format!("/{f}")).unwrap_or_default()))
            .unwrap_or_else(|| t.to_owned()),
    )
}

/// How a required flag reads in a message.
fn mark(required: Option<bool>) -> &'static str {
    match required {
        Some(true) => "required",
        Some(false) => "optional",
        None => "(required unknown)",
    }
}

fn compare_locales(
    a: &ApiGuideDocument,
    b: &ApiGuideDocument,
    v: Option<&str>,
    out: &mut Vec<Diagnostic>,
) {
    let (la, lb) = (loc(a), loc(b));
    let pairs: &[(Table, ExampleKind)] = if v.is_none() {
        &[(Table::CommonResponse, ExampleKind::CommonResponse)]
    } else {
        &[
            (Table::Request, ExampleKind::Request),
            (Table::Response, ExampleKind::Response),
        ]
    };
    for &(table, kind) in pairs {
        let ta = table_by_path(a, v, table, kind);
        let tb = table_by_path(b, v, table, kind);
        if ta.is_empty() && tb.is_empty() {
            continue;
        }
        let (section, subject) = match v {
            Some(v) => (v, v),
            None => ("the common response", "common"),
        };
        if ta.is_empty() || tb.is_empty() {
            // One locale lacks the whole table: one finding, not one per field.
            let (has, lacks, has_doc, rows) = if tb.is_empty() {
                (&la, &lb, a, &ta)
            } else {
                (&lb, &la, b, &tb)
            };
            let line = rows.values().map(|r| r.line).min().unwrap_or(1);
            let lacking_doc = if tb.is_empty() { b } else { a };
            out.push(diag(
                SourceRef::new(&lacking_doc.path, 1),
                "api/locale-missing-table",
                subject,
                format!(
                    "the {has} guide has a {} table for {section} ({}:{line}), the {lacks} guide has none",
                    table.as_str(),
                    has_doc.path
                ),
            ));
            continue;
        }
        let first_line =
            |t: &BTreeMap<String, &Record>| t.values().map(|r| r.line).min().unwrap_or(1);
        for (path, ra) in &ta {
            match tb.get(path) {
                None => out.push(diag(
                    SourceRef::new(&b.path, first_line(&tb)),
                    "api/locale-missing-field",
                    path,
                    format!(
                        "the {la} {} table lists `{}` ({}:{}), this {lb} table does not",
                        table.as_str(),
                        ra.key,
                        a.path,
                        ra.line
                    ),
                )),
                Some(rb) => {
                    let (na, nb) = (normal(ra.r#type.as_deref()), normal(rb.r#type.as_deref()));
                    if na != nb {
                        out.push(diag(
                            SourceRef::new(&b.path, rb.line),
                            "api/locale-type",
                            path,
                            format!(
                                "`{}` is typed {} here but {} in the {la} table ({}:{})",
                                rb.key,
                                rb.r#type.as_deref().unwrap_or("-"),
                                ra.r#type.as_deref().unwrap_or("-"),
                                a.path,
                                ra.line
                            ),
                        ));
                    }
                    if table == Table::Request && ra.required != rb.required {
                        out.push(diag(
                            SourceRef::new(&b.path, rb.line),
                            "api/locale-required",
                            path,
                            format!(
                                "`{}` is {} here but {} in the {la} table ({}:{})",
                                rb.key,
                                mark(rb.required),
                                mark(ra.required),
                                a.path,
                                ra.line
                            ),
                        ));
                    }
                }
            }
        }
        for (path, rb) in &tb {
            if !ta.contains_key(path) {
                out.push(diag(
                    SourceRef::new(&b.path, rb.line),
                    "api/locale-missing-field",
                    path,
                    format!(
                        "this {lb} {} table lists `{}`, the {la} table ({}) does not",
                        table.as_str(),
                        rb.key,
                        a.path
                    ),
                ));
            }
        }
        // The examples' shapes.
        let (Some(ea), Some(eb)) = (example_of(a, v, kind), example_of(b, v, kind)) else {
            continue;
        };
        let (Some(va), Some(vb)) = (parse_example(&ea.text), parse_example(&eb.text)) else {
            continue;
        };
        let (pa, pb) = (example_paths(&va), example_paths(&vb));
        let mut reported: Vec<String> = Vec::new();
        let keys: BTreeSet<&String> = pa.keys().chain(pb.keys()).collect();
        for path in keys {
            if reported.iter().any(|r| path.starts_with(&format!("{r}."))) {
                continue;
            }
            let (ta, tb) = (pa.get(path), pb.get(path));
            if ta == tb {
                continue;
            }
            let show = |t: Option<&JsonType>| t.map(|t| article(*t)).unwrap_or("nothing");
            let line = if tb.is_some() {
                example_line(eb, path)
            } else {
                eb.line
            };
            out.push(diag(
                SourceRef::new(&b.path, line),
                "api/locale-example",
                path,
                format!(
                    "this {lb} example shows {} at `{path}`, the {la} example ({}:{}) {}",
                    show(tb),
                    a.path,
                    if ta.is_some() {
                        example_line(ea, path)
                    } else {
                        ea.line
                    },
                    show(ta)
                ),
            ));
            reported.push(path.clone());
        }
    }
    if let Some(v) = v {
        let documents = |d: &ApiGuideDocument| rows(d, Some(v), Table::Endpoint).next().is_some();
        if !documents(a) || !documents(b) {
            // A version one guide does not document at all: its tables were reported above.
            return;
        }
        for table in [
            Table::Endpoint,
            Table::Header,
            Table::PathVariable,
            Table::Permission,
        ] {
            let keys = |d: &ApiGuideDocument| -> BTreeMap<String, (String, u32)> {
                rows(d, Some(v), table)
                    .map(|r| {
                        let value = if table == Table::Endpoint {
                            r.description.clone()
                        } else {
                            String::new()
                        };
                        (r.key.clone(), (value, r.line))
                    })
                    .collect()
            };
            let (ka, kb) = (keys(a), keys(b));
            let code = if table == Table::Endpoint {
                "api/locale-endpoint"
            } else {
                "api/locale-param"
            };
            if ka
                .iter()
                .map(|(k, (val, _))| (k, val))
                .ne(kb.iter().map(|(k, (val, _))| (k, val)))
            {
                let line = kb.values().map(|(_, l)| *l).min().unwrap_or(1);
                let show = |k: &BTreeMap<String, (String, u32)>| {
                    k.iter()
                        .map(|(k, (val, _))| {
                            if val.is_empty() {
                                k.clone()
                            } else {
                                format!("{k} {val}")
                            }
                        })
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                out.push(diag(
                    SourceRef::new(&b.path, line),
                    code,
                    v,
                    format!(
                        "{v} {}: this {lb} guide gives [{}], the {la} guide ({}) [{}]",
                        table.as_str(),
                        show(&kb),
                        a.path,
                        show(&ka)
                    ),
                ));
            }
        }
    }
}

/// `required Integer`, `optional String`, or just the type where the table has no Required column.
fn shape(r: &Record) -> String {
    let ty = r.r#type.as_deref().unwrap_or("-");
    match (r.table, r.required) {
        (Table::Request, req) => format!("{} {ty}", mark(req)),
        _ => ty.to_owned(),
    }
}

fn compare_revisions(
    old: &ApiGuideDocument,
    now: &ApiGuideDocument,
    v: Option<&str>,
    out: &mut Vec<Diagnostic>,
) {
    let pairs: &[(Table, ExampleKind)] = if v.is_none() {
        &[(Table::CommonResponse, ExampleKind::CommonResponse)]
    } else {
        &[
            (Table::Request, ExampleKind::Request),
            (Table::Response, ExampleKind::Response),
        ]
    };
    for &(table, kind) in pairs {
        let to = table_by_path(old, v, table, kind);
        if to.is_empty() {
            continue;
        }
        let tn = table_by_path(now, v, table, kind);
        for (path, ro) in &to {
            let at = SourceRef::new(&old.path, ro.line);
            match tn.get(path) {
                None => out.push(diag(
                    at,
                    "api/revision-differs",
                    path,
                    format!(
                        "this older revision lists `{}`, the current guide ({}) does not",
                        ro.key, now.path
                    ),
                )),
                Some(rn)
                    if normal(ro.r#type.as_deref()) != normal(rn.r#type.as_deref())
                        || ro.required != rn.required =>
                {
                    out.push(diag(
                        at,
                        "api/revision-differs",
                        path,
                        format!(
                            "this older revision has `{}` as {}, the current guide ({}:{}) as {}",
                            ro.key,
                            shape(ro),
                            now.path,
                            rn.line,
                            shape(rn)
                        ),
                    ))
                }
                Some(_) => {}
            }
        }
        for (path, rn) in &tn {
            if !to.contains_key(path) {
                out.push(diag(
                    SourceRef::new(&old.path, to.values().map(|r| r.line).min().unwrap_or(1)),
                    "api/revision-differs",
                    path,
                    format!(
                        "the current guide lists `{}` ({}:{}), this older revision does not",
                        rn.key, now.path, rn.line
                    ),
                ));
            }
        }
    }
}
