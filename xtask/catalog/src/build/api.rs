//! The search API from the API guides (every locale).
//!
//! Only guides whose path names a locale (`nhn/ko/api-guide.md`) are current;
//! the others (the seeds) are older revisions, compared by the cross-checks but
//! not merged. When no guide names a locale, every guide is used.
//!
//! Merging is "first locale wins" in catalogue order (ko, en, ja, zh): the
//! type, required flag and endpoint come from the first guide that gives them;
//! descriptions are kept per locale. Where the locales disagree, the
//! cross-checks say so (`api/locale-*`); building never reports what checking does.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;
use trail_sources::api_guide::{ApiGuideDocument, ExampleKind, Note, Record, Table};
use trail_sources::{Diagnostic, Locale, SourceRef};

use crate::model::api::{
    ApiField, ApiParam, ApiSpec, ApiVersion, FieldOrigin, JsonExample, JsonType, RequestRule,
    RuleKind,
};

/// The guides to merge: those whose path names a locale, sorted by locale then path; every guide
/// when none does.
pub fn current<'a>(docs: &[&'a ApiGuideDocument]) -> Vec<&'a ApiGuideDocument> {
    let mut cur: Vec<&ApiGuideDocument> = docs
        .iter()
        .copied()
        .filter(|d| d.locale_from_path)
        .collect();
    if cur.is_empty() {
        cur = docs.to_vec();
    }
    cur.sort_by(|a, b| (a.locale, &a.path).cmp(&(b.locale, &b.path)));
    cur
}

/// Removes `/* */` and `//` comments outside strings, then commas before `}` or `]`.
pub(crate) fn clean_json(text: &str) -> String {
    let without_comments = scan(text, |chars, i, out| match (chars[i], chars.get(i + 1)) {
        ('/', Some('*')) => {
            let mut j = i + 2;
            while j < chars.len() && !(chars[j] == '*' && chars.get(j + 1) == Some(&'/')) {
                j += 1;
            }
            (j + 2).min(chars.len())
        }
        ('/', Some('/')) => {
            let mut j = i;
            while j < chars.len() && chars[j] != '\n' {
                j += 1;
            }
            j
        }
        (c, _) => {
            out.push(c);
            i + 1
        }
    });
    scan(&without_comments, |chars, i, out| {
        let c = chars[i];
        let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
        if !(c == ',' && matches!(next, Some('}') | Some(']'))) {
            out.push(c);
        }
        i + 1
    })
}

/// Copies `text`, handing every character outside a JSON string to `step` (which pushes what it
/// keeps and returns the next index); strings are copied verbatim.
fn scan(text: &str, mut step: impl FnMut(&[char], usize, &mut String) -> usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '"' {
            out.push('"');
            i += 1;
            while i < chars.len() {
                let c = chars[i];
                out.push(c);
                i += 1;
                if c == '\\' && i < chars.len() {
                    out.push(chars[i]);
                    i += 1;
                } else if c == '"' {
                    break;
                }
            }
            continue;
        }
        i = step(&chars, i, &mut out);
    }
    out
}

/// Parses an example: the text with comments and trailing commas removed; `None` when that is not JSON.
pub fn parse_example(text: &str) -> Option<Value> {
    serde_json::from_str(&clean_json(text)).ok()
}

pub use crate::model::api_shape::example_paths;

/// How a table key was found in an example.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// The example has the key at this path, spelled the same.
    Exact(String),
    /// The example has it at this path, spelled with different case (`UserId` vs `userId`).
    Case(String),
    /// The example has, under the same parent, a key with the same letters in another order
    /// (`sort.emtpy` vs `sort.empty`): a misspelling in the table; this is the example's path.
    Spelling(String),
    /// The example does not have it; this is where it would go (its parent's path, or the table's root).
    Missing(String),
}

impl Resolution {
    /// The resolved path.
    pub fn path(&self) -> &str {
        match self {
            Resolution::Exact(p)
            | Resolution::Case(p)
            | Resolution::Spelling(p)
            | Resolution::Missing(p) => p,
        }
    }
}

/// Finds a table key (`targetMembers.userCode`) in an example's paths: the shortest path ending in
/// the key's segments, exactly, else ignoring case; else under the nearest parent that resolves,
/// else under `root`.
pub fn resolve(key: &str, paths: &BTreeMap<String, JsonType>, root: &str) -> Resolution {
    let find = |key: &str, fold: bool| -> Option<String> {
        let want: Vec<String> = key
            .split('.')
            .map(|s| if fold { s.to_lowercase() } else { s.to_owned() })
            .collect();
        paths
            .keys()
            .filter(|p| {
                let segs: Vec<String> = p
                    .split('.')
                    .map(|s| if fold { s.to_lowercase() } else { s.to_owned() })
                    .collect();
                segs.len() >= want.len() && segs[segs.len() - want.len()..] == want[..]
            })
            .min_by_key(|p| (p.matches('.').count(), (*p).clone()))
            .cloned()
    };
    if let Some(p) = find(key, false) {
        return Resolution::Exact(p);
    }
    if let Some(p) = find(key, true) {
        return Resolution::Case(p);
    }
    let segs: Vec<&str> = key.split('.').collect();
    for n in (1..segs.len()).rev() {
        let parent = segs[..n].join(".");
        if let Some(p) = find(&parent, false).or_else(|| find(&parent, true)) {
            if n + 1 == segs.len()
                && let Some(sibling) = anagram_child(paths, &p, segs[n])
            {
                return Resolution::Spelling(sibling);
            }
            return Resolution::Missing(format!("{p}.{}", segs[n..].join(".")));
        }
    }
    Resolution::Missing(if root.is_empty() {
        key.to_owned()
    } else {
        format!("{root}.{key}")
    })
}

/// The one child of `parent` in `paths` whose name has the letters of `name` in another order.
fn anagram_child(paths: &BTreeMap<String, JsonType>, parent: &str, name: &str) -> Option<String> {
    let letters = |s: &str| {
        let mut v: Vec<char> = s.to_lowercase().chars().collect();
        v.sort_unstable();
        v
    };
    let want = letters(name);
    let prefix = format!("{parent}.");
    let hits: Vec<&String> = paths
        .keys()
        .filter(|p| {
            p.strip_prefix(&prefix)
                .is_some_and(|rest| !rest.contains('.') && rest != name && letters(rest) == want)
        })
        .collect();
    match hits.as_slice() {
        [one] => Some((*one).clone()),
        _ => None,
    }
}

/// The path most single-segment keys of a table resolve under: `page.content` for the response
/// tables, the root for the request tables.
pub fn table_root(keys: &[&str], paths: &BTreeMap<String, JsonType>) -> String {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for key in keys.iter().filter(|k| !k.contains('.')) {
        if let Resolution::Exact(p) | Resolution::Case(p) | Resolution::Spelling(p) =
            resolve(key, paths, "")
        {
            let parent = p
                .rsplit_once('.')
                .map(|(a, _)| a.to_owned())
                .unwrap_or_default();
            *counts.entry(parent).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by_key(|(p, n)| (*n, std::cmp::Reverse(p.clone())))
        .map(|(p, _)| p)
        .unwrap_or_default()
}

/// The example of `kind` for `version` in `doc`, if any (the first).
pub fn example_of<'a>(
    doc: &'a ApiGuideDocument,
    version: Option<&str>,
    kind: ExampleKind,
) -> Option<&'a trail_sources::api_guide::Example> {
    doc.examples
        .iter()
        .find(|e| e.kind == kind && e.version.as_deref() == version)
}

/// The rows of `table` for `version` in `doc`.
pub fn rows<'a>(
    doc: &'a ApiGuideDocument,
    version: Option<&'a str>,
    table: Table,
) -> impl Iterator<Item = &'a Record> {
    doc.records
        .iter()
        .filter(move |r| r.table == table && r.version.as_deref() == version)
}

/// Merges API guides into the API model.
pub fn build(docs: &[&ApiGuideDocument], diags: &mut Vec<Diagnostic>) -> ApiSpec {
    let cur = current(docs);
    let mut spec = ApiSpec::default();
    for doc in &cur {
        for e in doc
            .examples
            .iter()
            .filter(|e| e.version.is_none() && e.kind == ExampleKind::CommonResponse)
        {
            if let Some(l) = doc.locale {
                spec.common_examples
                    .entry(l)
                    .or_insert_with(|| example(doc, e, diags));
            }
        }
    }
    spec.common_response = fields(
        &cur,
        None,
        Table::CommonResponse,
        ExampleKind::CommonResponse,
        diags,
    );

    let versions: BTreeSet<String> = cur
        .iter()
        .flat_map(|d| d.records.iter())
        .filter(|r| r.table == Table::Endpoint)
        .filter_map(|r| r.version.clone())
        .collect();
    for v in versions {
        spec.versions.push(version(&cur, &v, diags));
    }
    spec
}

fn example(
    doc: &ApiGuideDocument,
    e: &trail_sources::api_guide::Example,
    diags: &mut Vec<Diagnostic>,
) -> JsonExample {
    let value = parse_example(&e.text);
    if value.is_none() {
        let err = serde_json::from_str::<Value>(&clean_json(&e.text))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        diags.push(
            Diagnostic::raise(
                SourceRef::new(&doc.path, e.line),
                "api/example-not-json",
                format!("the example is not JSON even with its comments removed ({err}); kept verbatim only"),
            )
            .raw(e.text.lines().find(|l| !l.trim().is_empty()).unwrap_or_default()),
        );
    }
    JsonExample {
        text: e.text.clone(),
        value,
        source: SourceRef::new(&doc.path, e.line),
    }
}

fn version(cur: &[&ApiGuideDocument], v: &str, diags: &mut Vec<Diagnostic>) -> ApiVersion {
    let endpoint = cur
        .iter()
        .flat_map(|d| rows(d, Some(v), Table::Endpoint).map(move |r| (*d, r)));
    let mut method = String::new();
    let mut path = String::new();
    let mut sources = Vec::new();
    for (d, r) in endpoint {
        if method.is_empty() {
            method = r.key.to_uppercase();
            path = r.description.clone();
        }
        sources.push(SourceRef::new(&d.path, r.line));
    }
    sources.sort();
    let mut request_examples = BTreeMap::new();
    let mut response_examples = BTreeMap::new();
    for doc in cur {
        let Some(l) = doc.locale else { continue };
        if let Some(e) = example_of(doc, Some(v), ExampleKind::Request) {
            request_examples
                .entry(l)
                .or_insert_with(|| example(doc, e, diags));
        }
        if let Some(e) = example_of(doc, Some(v), ExampleKind::Response) {
            response_examples
                .entry(l)
                .or_insert_with(|| example(doc, e, diags));
        }
    }
    let request = fields(cur, Some(v), Table::Request, ExampleKind::Request, diags);
    let response = fields(cur, Some(v), Table::Response, ExampleKind::Response, diags);
    let rules = rules(cur, v, &request);
    let permission = cur
        .iter()
        .flat_map(|d| rows(d, Some(v), Table::Permission))
        .map(|r| r.key.clone())
        .next();
    ApiVersion {
        version: v.to_owned(),
        method,
        path,
        path_variables: params(cur, v, Table::PathVariable),
        headers: params(cur, v, Table::Header),
        permission,
        request,
        response,
        rules,
        request_examples,
        response_examples,
        sources,
    }
}

fn params(cur: &[&ApiGuideDocument], v: &str, table: Table) -> Vec<ApiParam> {
    let mut by_name: BTreeMap<String, ApiParam> = BTreeMap::new();
    for doc in cur {
        for r in rows(doc, Some(v), table) {
            let p = by_name.entry(r.key.clone()).or_insert_with(|| ApiParam {
                name: r.key.clone(),
                descriptions: BTreeMap::new(),
                sources: Vec::new(),
            });
            if let Some(l) = doc.locale {
                p.descriptions
                    .entry(l)
                    .or_insert_with(|| r.description.clone());
            }
            p.sources.push(SourceRef::new(&doc.path, r.line));
        }
    }
    by_name
        .into_values()
        .map(|mut p| {
            p.sources.sort();
            p
        })
        .collect()
}

/// The parsed example a locale's rows are resolved against: its own, else the first guide's.
fn example_value(
    cur: &[&ApiGuideDocument],
    doc: &ApiGuideDocument,
    v: Option<&str>,
    kind: ExampleKind,
) -> Option<Value> {
    example_of(doc, v, kind)
        .and_then(|e| parse_example(&e.text))
        .or_else(|| {
            cur.iter()
                .find_map(|d| example_of(d, v, kind).and_then(|e| parse_example(&e.text)))
        })
}

/// The table rows of every guide, each resolved to a path against that guide's example, merged by
/// path; plus the example-only fields of the first guide's example.
fn fields(
    cur: &[&ApiGuideDocument],
    v: Option<&str>,
    table: Table,
    kind: ExampleKind,
    diags: &mut Vec<Diagnostic>,
) -> Vec<ApiField> {
    let mut by_path: BTreeMap<String, ApiField> = BTreeMap::new();
    for doc in cur {
        let paths = example_value(cur, doc, v, kind)
            .map(|e| example_paths(&e))
            .unwrap_or_default();
        let records: Vec<&Record> = rows(doc, v, table).collect();
        let keys: Vec<&str> = records.iter().map(|r| r.key.as_str()).collect();
        let root = table_root(&keys, &paths);
        for r in records {
            let at = SourceRef::new(&doc.path, r.line);
            let res = resolve(&r.key, &paths, &root);
            let path = res.path().to_owned();
            let written = r.r#type.clone().filter(|t| !t.is_empty());
            let normal = written.as_deref().and_then(JsonType::from_written);
            if let (Some(w), None) = (&written, normal) {
                diags.push(
                    Diagnostic::raise(
                        at.clone(),
                        "api/unknown-type",
                        format!("type `{w}` is not one the guide uses elsewhere; the example's type is used, or string"),
                    )
                    .subject(path.clone()),
                );
            }
            let f = by_path.entry(path.clone()).or_insert_with(|| {
                let example_type = paths.get(&path).copied();
                let table_type = normal.map(|n| n.0);
                let json_type = example_type.or(table_type).unwrap_or(JsonType::String);
                let format = match (json_type, normal) {
                    (JsonType::String, Some((_, Some(f)))) => Some(f.to_owned()),
                    _ => None,
                };
                ApiField {
                    path: path.clone(),
                    key: Some(r.key.clone()),
                    origin: FieldOrigin::Table,
                    type_written: written.clone(),
                    table_type,
                    example_type,
                    json_type,
                    format,
                    required: r.required,
                    descriptions: BTreeMap::new(),
                    sources: Vec::new(),
                }
            });
            if let Some(l) = doc.locale {
                f.descriptions
                    .entry(l)
                    .or_insert_with(|| r.description.clone());
            }
            f.sources.push(at);
        }
    }
    // Parents and unlisted fields the first guide's example shows, so the fields form a tree.
    let first = cur
        .iter()
        .find_map(|d| example_of(d, v, kind).and_then(|e| parse_example(&e.text)));
    let skip_header = kind != ExampleKind::CommonResponse;
    if let Some(value) = first {
        for (path, ty) in example_paths(&value) {
            if skip_header && (path == "header" || path.starts_with("header.")) {
                continue;
            }
            by_path.entry(path.clone()).or_insert_with(|| ApiField {
                path,
                key: None,
                origin: FieldOrigin::Example,
                type_written: None,
                table_type: None,
                example_type: Some(ty),
                json_type: ty,
                format: None,
                required: None,
                descriptions: BTreeMap::new(),
                sources: Vec::new(),
            });
        }
    }
    by_path
        .into_values()
        .map(|mut f| {
            f.sources.sort();
            f.sources.dedup();
            f
        })
        .collect()
}

/// Words that say a field is required, in the guide's four languages.
const REQUIRED_WORDS: &[&str] = &["필수", "required", "必須", "必需", "必填"];
/// Words that say a field must be absent.
const FORBID_WORDS: &[&str] = &["않아야", "must not", "いけません", "不能", "不得", "不应"];
/// Words that say a field takes precedence.
const PRECEDENCE_WORDS: &[&str] = &[
    "우선",
    "beforehand",
    "precedence",
    "priority",
    "優先",
    "优先",
];

/// ASCII identifiers in `text` that name a request field (by their last segment, case folded),
/// as `(position, path)`, in order of appearance; ambiguous names go to the shortest path.
fn mentioned(text: &str, request: &[ApiField]) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut start = None;
    let bytes = text.as_bytes();
    for i in 0..=bytes.len() {
        let is_id = i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_');
        match (start, is_id) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let word = &text[s..i];
                let hit = request
                    .iter()
                    .filter(|f| f.origin == FieldOrigin::Table)
                    .filter(|f| {
                        f.path
                            .rsplit('.')
                            .next()
                            .is_some_and(|last| last.eq_ignore_ascii_case(word))
                    })
                    .min_by_key(|f| (f.path.matches('.').count(), f.path.clone()));
                if let Some(f) = hit
                    && !out.iter().any(|(_, p): &(usize, String)| *p == f.path)
                {
                    out.push((s, f.path.clone()));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

fn position(text: &str, words: &[&str]) -> Option<usize> {
    let lower = text.to_lowercase();
    words.iter().filter_map(|w| lower.find(w)).min()
}

/// Reads a request rule from one bullet; `None` when the bullet states none this knows.
pub(crate) fn rule_of_note(
    note: &Note,
    request: &[ApiField],
    member_values: &[String],
) -> Option<RuleKind> {
    let text = &note.text;
    let fields = mentioned(text, request);
    let paths: Vec<&str> = fields.iter().map(|(_, p)| p.as_str()).collect();
    let type_field = paths.iter().find(|p| p.ends_with("memberType")).copied();
    let req = position(text, REQUIRED_WORDS);
    let forbid = position(text, FORBID_WORDS);
    if let (Some(tf), Some(req), Some(forbid)) = (type_field, req, forbid) {
        let others: Vec<&(usize, String)> = fields.iter().filter(|(_, p)| p != tf).collect();
        if others.len() == 2 {
            let (first, second) = (others[0].1.clone(), others[1].1.clone());
            let (requires, forbids) = if req < forbid {
                (first, second)
            } else {
                (second, first)
            };
            let tpos = fields
                .iter()
                .find(|(_, p)| p == tf)
                .map(|(i, _)| *i)
                .unwrap_or(0);
            let before = &text[..tpos];
            let values: Vec<String> = if before.contains("IAM") {
                vec!["IAM".to_owned()]
            } else if before.contains("NHN Cloud") || before.contains("TOAST") {
                let mut v = vec!["NHN Cloud".to_owned()];
                v.extend(member_values.iter().filter(|m| *m != "IAM").cloned());
                v.sort();
                v.dedup();
                v
            } else {
                return None;
            };
            return Some(RuleKind::Conditional {
                field: tf.to_owned(),
                values,
                requires: vec![requires],
                forbids: vec![forbids],
            });
        }
    }
    if position(text, PRECEDENCE_WORDS).is_some() && paths.len() >= 2 {
        // The guides list the member's fields one by one, each locale a different subset: what
        // the winner overrides is the object they belong to (`member`).
        let mut over: Vec<String> = paths[1..]
            .iter()
            .map(|p| p.split('.').next().unwrap_or(p).to_owned())
            .collect();
        over.sort();
        over.dedup();
        return Some(RuleKind::Precedence {
            field: paths[0].to_owned(),
            over,
        });
    }
    if paths.len() == 1
        && request
            .iter()
            .any(|f| f.path == paths[0] && f.required == Some(false))
    {
        return Some(RuleKind::OptionalFilter {
            field: paths[0].to_owned(),
        });
    }
    None
}

/// The member type values the request example's comments name (`TOAST`, `IAM`).
fn member_values(cur: &[&ApiGuideDocument], v: &str) -> Vec<String> {
    let mut out = Vec::new();
    for doc in cur {
        if let Some(e) = example_of(doc, Some(v), ExampleKind::Request) {
            for line in e.text.lines().filter(|l| l.contains("memberType")) {
                for word in ["TOAST", "IAM"] {
                    if line.contains(word) {
                        out.push(word.to_owned());
                    }
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The number after `word` in `text` (`최대 1000`, `max: 1000`, `最大 : 1000`).
fn number_after(text: &str, words: &[&str]) -> Option<i64> {
    let lower = text.to_lowercase();
    for w in words {
        if let Some(i) = lower.find(w) {
            let rest = lower[i + w.len()..]
                .trim_start_matches(|c: char| c.is_whitespace() || c == ':' || c == '：');
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            if let Ok(n) = digits.parse() {
                return Some(n);
            }
        }
    }
    None
}

fn rules(cur: &[&ApiGuideDocument], v: &str, request: &[ApiField]) -> Vec<RequestRule> {
    let mut by_rule: BTreeMap<RuleKind, RequestRule> = BTreeMap::new();
    let mut add = |rule: RuleKind, locale: Option<Locale>, text: &str, at: SourceRef| {
        let r = by_rule.entry(rule.clone()).or_insert_with(|| RequestRule {
            rule,
            descriptions: BTreeMap::new(),
            sources: Vec::new(),
        });
        if let Some(l) = locale {
            r.descriptions.entry(l).or_insert_with(|| text.to_owned());
        }
        r.sources.push(at);
    };
    let members = member_values(cur, v);
    for doc in cur {
        for note in doc.notes.iter().filter(|n| n.version.as_deref() == Some(v)) {
            if let Some(rule) = rule_of_note(note, request, &members) {
                add(
                    rule,
                    doc.locale,
                    &note.text,
                    SourceRef::new(&doc.path, note.line),
                );
            }
        }
        for r in rows(doc, Some(v), Table::Request) {
            let max = number_after(&r.description, &["최대", "max", "最大", "maximum"]);
            let default = number_after(&r.description, &["기본", "default", "基本", "默认"]);
            if max.is_some() || default.is_some() {
                let field = request
                    .iter()
                    .find(|f| f.key.as_deref() == Some(r.key.as_str()))
                    .map(|f| f.path.clone())
                    .unwrap_or_else(|| r.key.clone());
                add(
                    RuleKind::Range {
                        field,
                        max,
                        default,
                    },
                    doc.locale,
                    &r.description,
                    SourceRef::new(&doc.path, r.line),
                );
            }
        }
    }
    by_rule
        .into_values()
        .map(|mut r| {
            r.sources.sort();
            r.sources.dedup();
            r
        })
        .collect()
}

/// Notes under a request body that name request fields but state no rule this knows: the checks
/// report them (`api/unparsed-note`) so that no rule is dropped silently.
pub fn unparsed_notes<'a>(doc: &'a ApiGuideDocument, spec: &ApiSpec) -> Vec<&'a Note> {
    let mut out = Vec::new();
    for note in &doc.notes {
        let Some(v) = note.version.as_deref().and_then(|v| spec.version(v)) else {
            continue;
        };
        let members = vec!["IAM".to_owned(), "TOAST".to_owned()];
        if !mentioned(&note.text, &v.request).is_empty()
            && rule_of_note(note, &v.request, &members).is_none()
        {
            out.push(note);
        }
    }
    out
}

/// The IAM permission the v2.0 API needs, e.g. `CloudTrail:EventLog.List`: the first one the
/// current guides name (ko first).
pub fn permission(docs: &[&ApiGuideDocument]) -> Option<String> {
    current(docs)
        .iter()
        .flat_map(|d| d.records.iter())
        .find(|r| r.table == Table::Permission)
        .map(|r| r.key.clone())
}

/// Where the permission is stated, sorted.
pub(crate) fn permission_sources(docs: &[&ApiGuideDocument]) -> Vec<SourceRef> {
    let mut out: Vec<SourceRef> = current(docs)
        .iter()
        .flat_map(|d| {
            d.records
                .iter()
                .filter(|r| r.table == Table::Permission)
                .map(|r| SourceRef::new(&d.path, r.line))
        })
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_trailing_commas_are_cleaned_outside_strings() {
        let text =
            "{\n \"a\": \"x /* not a comment */\", /* TOAST, IAM */\n \"b\": [1, 2,], // end\n}";
        let v = parse_example(text).unwrap();
        assert_eq!(v["a"], "x /* not a comment */");
        assert_eq!(v["b"], serde_json::json!([1, 2]));
    }

    #[test]
    fn keys_resolve_by_suffix_then_case_then_parent() {
        let v = serde_json::json!({"page": {"content": [{"userId": "a", "eventTarget": {"targetMembers": [{"userCode": "u"}]}}],
            "sort": {"empty": true}, "pageable": {"sort": {"empty": true}}, "empty": false}});
        let paths = example_paths(&v);
        assert_eq!(
            resolve("targetMembers.userCode", &paths, ""),
            Resolution::Exact("page.content.eventTarget.targetMembers.userCode".into())
        );
        assert_eq!(
            resolve("UserId", &paths, ""),
            Resolution::Case("page.content.userId".into())
        );
        assert_eq!(
            resolve("empty", &paths, ""),
            Resolution::Exact("page.empty".into())
        );
        assert_eq!(
            resolve("sort.emtpy", &paths, ""),
            Resolution::Spelling("page.sort.empty".into())
        );
        assert_eq!(
            resolve("sort.absent", &paths, ""),
            Resolution::Missing("page.sort.absent".into())
        );
        assert_eq!(
            resolve("nowhere", &paths, "page.content"),
            Resolution::Missing("page.content.nowhere".into())
        );
        assert_eq!(
            paths["page.content.eventTarget.targetMembers"],
            JsonType::Array
        );
    }

    fn field(path: &str, required: bool) -> ApiField {
        ApiField {
            path: path.into(),
            key: Some(path.into()),
            origin: FieldOrigin::Table,
            type_written: Some("String".into()),
            table_type: Some(JsonType::String),
            example_type: None,
            json_type: JsonType::String,
            format: None,
            required: Some(required),
            descriptions: BTreeMap::new(),
            sources: Vec::new(),
        }
    }

    #[test]
    fn rules_are_read_from_japanese_sentences_too() {
        let request: Vec<ApiField> = [
            "idNo",
            "member",
            "member.memberType",
            "member.userCode",
            "member.emailAddress",
            "member.idNo",
        ]
        .iter()
        .map(|p| field(p, false))
        .collect();
        let note = |text: &str| Note {
            version: Some("v1.0".into()),
            text: text.into(),
            line: 1,
        };
        let members = vec!["IAM".to_owned(), "TOAST".to_owned()];
        let rule = rule_of_note(
            &note(
                "逆にIAM memberTypeの場合は、 userCodeの値は必須で、emailAddressの値は存在してはいけません。",
            ),
            &request,
            &members,
        );
        assert_eq!(
            rule,
            Some(RuleKind::Conditional {
                field: "member.memberType".into(),
                values: vec!["IAM".into()],
                requires: vec!["member.userCode".into()],
                forbids: vec!["member.emailAddress".into()],
            })
        );
        let rule = rule_of_note(
            &note(
                "idNo値がある場合、memberTypeとuserCode、emailAddress値と関係なく優先的に適用されます。",
            ),
            &request,
            &members,
        );
        assert_eq!(
            rule,
            Some(RuleKind::Precedence {
                field: "idNo".into(),
                over: vec!["member".into()]
            })
        );
        // A sentence naming fields but stating nothing known is not turned into a rule.
        assert_eq!(
            rule_of_note(
                &note("userCode and emailAddress are strings."),
                &request,
                &members
            ),
            None
        );
    }

    #[test]
    fn numbers_after_words() {
        assert_eq!(
            number_after("조회 결과의 사이즈 조건(기본: 20, 최대 1000)", &["최대"]),
            Some(1000)
        );
        assert_eq!(
            number_after("(default: 20, max: 1000))", &["max"]),
            Some(1000)
        );
        assert_eq!(
            number_after("(基本： 20, 最大 : 1000)", &["基本"]),
            Some(20)
        );
        assert_eq!(number_after("no bound", &["max"]), None);
    }
}
