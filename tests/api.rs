//! The NHN CloudTrail search API: the guide reader, the API model, the cross-checks and the
//! OpenAPI emitter, on small fixture guides (`tests/fixtures/api/`) and the fixture catalogue.
//!
//! What a user relies on: every table row is read with its line (tabs, `O`/`X` marks); each way
//! the guide's tables contradict its JSON examples is reported at the row, with the field's path
//! as subject; the request rules are data; the OpenAPI document has both versions, the path
//! variable, v2.0's auth headers and permission, and stays a valid OpenAPI 3.1 document whatever
//! the event names hold; bad input is refused with exit code 2.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use trail_catalog::Catalog;
use trail_catalog::model::api::{ApiSpec, JsonType, RuleKind};
use trail_catalog::model::kakao::KakaoName;
use trail_catalog::model::{KakaoEvent, NhnEvent, Scope, Status};
use trail_sources::api_guide::{self, ApiGuideDocument, Table};
use trail_sources::{Diagnostic, Extracted, Locale, Severity, SourceRef};

use common::{fixture_catalog, stamp, workspace};

fn fixtures() -> PathBuf {
    workspace().join("tests/fixtures")
}

/// Reads a fixture guide, reported under `shown` (which decides its locale and whether it is current).
fn read(name: &str, shown: &str) -> ApiGuideDocument {
    let bytes = std::fs::read(fixtures().join("api").join(name)).unwrap();
    let doc = trail_sources::decode(shown, &bytes).unwrap();
    api_guide::read(&doc).unwrap()
}

fn docs() -> Vec<Extracted> {
    vec![
        Extracted::ApiGuide(read("ko-guide.md", "nhn/ko/api-guide.md")),
        Extracted::ApiGuide(read("en-guide.md", "nhn/en/api-guide.md")),
        Extracted::ApiGuide(read("old-guide.md", "seeds/old-guide.md")),
    ]
}

fn guides(docs: &[Extracted]) -> Vec<&ApiGuideDocument> {
    docs.iter()
        .filter_map(|d| {
            if let Extracted::ApiGuide(d) = d {
                Some(d)
            } else {
                None
            }
        })
        .collect()
}

/// The API model from the fixture guides, and the findings of building and checking it.
fn spec_and_findings() -> (ApiSpec, Vec<Diagnostic>) {
    let docs = docs();
    let mut diags = Vec::new();
    let spec = trail_catalog::build::api::build(&guides(&docs), &mut diags);
    let catalog = Catalog {
        api: spec.clone(),
        ..Default::default()
    };
    trail_checks::api::check(&docs, &catalog, &mut diags);
    diags.sort();
    diags.dedup();
    (spec, diags)
}

fn find<'a>(diags: &'a [Diagnostic], code: &str, subject: &str) -> Vec<&'a Diagnostic> {
    diags
        .iter()
        .filter(|d| d.code == code && d.subject.as_deref() == Some(subject))
        .collect()
}

fn at(path: &str, line: u32) -> SourceRef {
    SourceRef::new(path, line)
}

#[test]
fn every_row_is_read_with_its_line_tabs_trimmed_and_o_x_marks_as_booleans() {
    let ko = read("ko-guide.md", "nhn/ko/api-guide.md");
    assert!(ko.diagnostics.is_empty(), "{:#?}", ko.diagnostics);
    insta::assert_yaml_snapshot!("ko_records", ko.records);
    let limit = ko.records.iter().find(|r| r.key == "page.limit").unwrap();
    assert_eq!(
        (limit.required, limit.line, limit.r#type.as_deref()),
        (Some(true), 63, Some("Integer"))
    );
    let header = ko
        .records
        .iter()
        .find(|r| r.table == Table::Header)
        .unwrap();
    assert_eq!(
        (header.key.as_str(), header.version.as_deref()),
        ("X-TC-AUTHENTICATION-ID", Some("v2.0"))
    );
    let examples: Vec<(Option<&str>, u32)> = ko
        .examples
        .iter()
        .map(|e| (e.version.as_deref(), e.line))
        .collect();
    assert_eq!(
        examples,
        [
            (None, 6),
            (Some("v1.0"), 37),
            (Some("v1.0"), 66),
            (Some("v2.0"), 122),
            (Some("v2.0"), 131)
        ]
    );
    assert_eq!(ko.notes.len(), 4);
}

#[test]
fn an_older_guide_takes_its_version_from_the_uri_and_reports_every_odd_row() {
    let old = read("old-guide.md", "seeds/old-guide.md");
    assert_eq!(old.locale, Some(Locale::Ko));
    assert!(!old.locale_from_path);
    assert!(
        old.records
            .iter()
            .all(|r| r.version.as_deref() == Some("v1.0"))
    );
    let codes: Vec<(&str, u32)> = old
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.at.line))
        .collect();
    assert_eq!(
        codes,
        [
            ("api/locale-guessed", 1),
            ("api/bad-required", 19),
            ("api/missing-required", 20),
            ("api/cell-count", 21),
            ("api/unknown-table", 25),
        ]
    );
    insta::assert_yaml_snapshot!("old_guide", (&old.records, &old.diagnostics));
}

#[test]
fn the_model_resolves_table_keys_to_example_paths_and_prefers_the_examples_types() {
    let (spec, _) = spec_and_findings();
    insta::assert_yaml_snapshot!("spec", spec);
    let v1 = spec.version("v1.0").unwrap();
    let user_id = v1.response_field("page.content.userId").unwrap();
    assert_eq!(user_id.key.as_deref(), Some("UserId"));
    let members = v1
        .response_field("page.content.eventTarget.targetMembers")
        .unwrap();
    assert_eq!(
        (members.table_type, members.json_type),
        (Some(JsonType::Object), JsonType::Array)
    );
    let code = v1
        .response_field("page.content.eventTarget.targetMembers.userCode")
        .unwrap();
    assert_eq!(
        (code.table_type, code.json_type),
        (Some(JsonType::Integer), JsonType::String)
    );
    let empty = v1.response_field("page.sort.empty").unwrap();
    assert_eq!(empty.key.as_deref(), Some("sort.emtpy"));
    assert_eq!(
        v1.request_field("page.limit").unwrap().descriptions.len(),
        2,
        "ko and en descriptions"
    );
    assert_eq!(v1.permission, None);
    assert!(v1.headers.is_empty());
    let v2 = spec.version("v2.0").unwrap();
    assert_eq!(v2.path, "/cloud-trail/v2.0/appkeys/{appKey}/events/search");
    assert_eq!(v2.permission.as_deref(), Some("CloudTrail:EventLog.List"));
    let headers: Vec<&str> = v2.headers.iter().map(|h| h.name.as_str()).collect();
    assert_eq!(
        headers,
        ["X-TC-AUTHENTICATION-ID", "X-TC-AUTHENTICATION-SECRET"]
    );
    assert_eq!(v2.path_variables[0].name, "appKey");
    // The request example's comments are dropped for the parsed value, kept in the text.
    let ex = &v1.request_examples[&Locale::Ko];
    assert!(ex.text.contains("/* TOAST, IAM 중 선택 */"));
    assert_eq!(ex.value.as_ref().unwrap()["page"]["limit"], 20);
}

#[test]
fn the_request_rules_are_data() {
    let (spec, _) = spec_and_findings();
    let rules: Vec<&RuleKind> = spec
        .version("v1.0")
        .unwrap()
        .rules
        .iter()
        .map(|r| &r.rule)
        .collect();
    let s = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert!(rules.contains(&&RuleKind::Conditional {
        field: "member.memberType".into(),
        values: s(&["NHN Cloud", "TOAST"]),
        requires: s(&["member.emailAddress"]),
        forbids: s(&["member.userCode"]),
    }));
    assert!(rules.contains(&&RuleKind::Conditional {
        field: "member.memberType".into(),
        values: s(&["IAM"]),
        requires: s(&["member.userCode"]),
        forbids: s(&["member.emailAddress"]),
    }));
    assert!(rules.contains(&&RuleKind::Precedence {
        field: "idNo".into(),
        over: s(&["member"])
    }));
    assert!(rules.contains(&&RuleKind::Range {
        field: "page.limit".into(),
        max: Some(1000),
        default: Some(20)
    }));
    assert!(rules.contains(&&RuleKind::OptionalFilter {
        field: "member".into()
    }));
    // ko and en state the same member-type rule: one rule, both sentences, both places.
    let iam = spec
        .version("v1.0")
        .unwrap()
        .rules
        .iter()
        .find(|r| matches!(&r.rule, RuleKind::Conditional { values, .. } if values == &["IAM"]))
        .unwrap();
    assert_eq!(
        iam.descriptions.keys().copied().collect::<Vec<_>>(),
        [Locale::Ko, Locale::En]
    );
    assert_eq!(
        iam.sources,
        [at("nhn/en/api-guide.md", 32), at("nhn/ko/api-guide.md", 52)]
    );
}

#[test]
fn each_table_versus_example_mismatch_is_reported_at_its_row() {
    let (_, diags) = spec_and_findings();
    insta::assert_yaml_snapshot!("findings", diags);
    let ko = "nhn/ko/api-guide.md";
    let one = |code: &str, subject: &str| {
        let hits: Vec<&Diagnostic> = find(&diags, code, subject)
            .into_iter()
            .filter(|d| d.at.path == ko)
            .collect();
        assert_eq!(hits.len(), 1, "{code} {subject}: {hits:#?}");
        hits[0].at.line
    };
    assert_eq!(one("api/key-case", "page.content.userId"), 89);
    assert_eq!(one("api/type-mismatch", "page.content.userIdNo"), 88);
    assert_eq!(
        one(
            "api/type-mismatch",
            "page.content.eventTarget.targetMembers"
        ),
        92
    );
    assert_eq!(
        one(
            "api/type-mismatch",
            "page.content.eventTarget.targetMembers.userCode"
        ),
        93
    );
    assert_eq!(one("api/key-typo", "page.sort.empty"), 94);
    assert_eq!(one("api/not-in-example", "page.content.productId"), 90);
    assert_eq!(one("api/not-in-table", "page.content.userAgent"), 74);
    let userid = &find(&diags, "api/key-case", "page.content.userId")[0];
    assert!(
        userid.message.contains("`UserId`") && userid.message.contains("`userId`"),
        "{}",
        userid.message
    );
    assert_eq!(userid.severity, Severity::Warning);
    let object_as_array = find(
        &diags,
        "api/type-mismatch",
        "page.content.eventTarget.targetMembers",
    );
    assert!(
        object_as_array
            .iter()
            .all(|d| d.message.contains("typed Object") && d.message.contains("an array"))
    );
}

#[test]
fn ko_and_en_tables_are_compared_row_by_row() {
    let (_, diags) = spec_and_findings();
    let en = "nhn/en/api-guide.md";
    let type_diff = find(&diags, "api/locale-type", "page.limit");
    assert_eq!(type_diff.len(), 1);
    assert_eq!(type_diff[0].at, at(en, 39));
    assert!(type_diff[0].message.contains("String") && type_diff[0].message.contains("Integer"));
    assert_eq!(
        find(&diags, "api/locale-required", "page")[0].at,
        at(en, 38)
    );
    for field in [
        "member",
        "member.memberType",
        "member.userCode",
        "member.emailAddress",
    ] {
        assert_eq!(
            find(&diags, "api/locale-missing-field", field).len(),
            1,
            "{field}"
        );
    }
    assert_eq!(
        find(&diags, "api/locale-example", "page.pageable")[0].at,
        at(en, 48)
    );
    // The older guide is compared with the current ko guide, not merged.
    assert!(
        find(&diags, "api/revision-differs", "page.page")
            .iter()
            .any(|d| d.at.path == "seeds/old-guide.md")
    );
    let (spec, _) = spec_and_findings();
    assert!(
        spec.version("v1.0")
            .unwrap()
            .request_field("page.page")
            .is_none(),
        "older revisions are not merged"
    );
}

/// The fixture catalogue with the API model built from the fixture guides.
fn catalog() -> Catalog {
    let mut catalog = fixture_catalog();
    catalog.api = spec_and_findings().0;
    catalog.roles.nhn.api_permission = Some("CloudTrail:EventLog.List".into());
    catalog
}

#[test]
fn every_openapi_file_matches_its_snapshot_and_starts_with_the_stamp() {
    let catalog = catalog();
    let tree = trail_emit_openapi::emit(&catalog, &stamp());
    let names: Vec<&str> = tree.keys().map(String::as_str).collect();
    insta::assert_yaml_snapshot!("openapi_files", names);
    for (path, text) in &tree {
        assert!(path.starts_with("openapi/"), "{path}");
        let head = format!(
            "{{\n  \"x-generated\": [\n    \"{}\",\n    \"{}\"\n  ],",
            stamp().lines()[0],
            stamp().lines()[1]
        );
        assert!(
            text.starts_with(&head),
            "{path} does not start with the stamp:\n{}",
            &text[..200.min(text.len())]
        );
        insta::assert_snapshot!(format!("openapi__{}", path.replace('/', "__")), text);
    }
    assert_eq!(
        tree,
        trail_emit_openapi::emit(&catalog, &stamp()),
        "output is the same every run"
    );
}

#[test]
fn the_document_has_both_versions_the_path_variable_auth_headers_and_permission() {
    let catalog = catalog();
    let tree = trail_emit_openapi::emit(&catalog, &stamp());
    let doc: Value = serde_json::from_str(&tree[trail_emit_openapi::DOCUMENT]).unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    let v1 = &doc["paths"]["/cloud-trail/v1.0/appkeys/{appKey}/events/search"]["post"];
    let v2 = &doc["paths"]["/cloud-trail/v2.0/appkeys/{appKey}/events/search"]["post"];
    assert_eq!(v1["parameters"][0]["name"], "appKey");
    assert_eq!(v1["parameters"][0]["in"], "path");
    // v1.0 needs no auth header: an explicit empty requirement, not an undefined one.
    assert_eq!(v1["security"], serde_json::json!([]));
    assert!(v1.get("x-permission").is_none());
    assert_eq!(v2["x-permission"], "CloudTrail:EventLog.List");
    assert!(
        v2["description"]
            .as_str()
            .unwrap()
            .contains("CloudTrail:EventLog.List")
    );
    assert_eq!(
        v2["security"],
        serde_json::json!([{ "X-TC-AUTHENTICATION-ID": [], "X-TC-AUTHENTICATION-SECRET": [] }])
    );
    let schemes = &doc["components"]["securitySchemes"];
    assert_eq!(schemes["X-TC-AUTHENTICATION-SECRET"]["in"], "header");
    let schemas = &doc["components"]["schemas"];
    // Every object is a named component; a nullable one is `oneOf` its `$ref` and null, and the
    // field keeps its documentation.
    let named = |field: &Value| -> Value {
        let r = field["$ref"]
            .as_str()
            .or_else(|| field["oneOf"][0]["$ref"].as_str())
            .unwrap_or_else(|| panic!("no component: {field}"));
        schemas[r.rsplit('/').next().unwrap()].clone()
    };
    let request = &schemas["EventSearchRequestV1_0"];
    let request_page = named(&request["properties"]["page"]);
    let limit = &request_page["properties"]["limit"];
    assert_eq!(
        (limit["maximum"].as_i64(), limit["default"].as_i64()),
        (Some(1000), Some(20))
    );
    // Integers are 64-bit.
    assert_eq!(limit["format"], "int64");
    assert_eq!(request_page["properties"].as_object().unwrap().len(), 1);
    // The member rules apply unless a top-level idNo is given, as `validate` does; they sit in
    // the body's own `if`/`else` (no `allOf` a generator would read as fields, no boolean
    // subschema but the `properties` that name required fields).
    assert!(request.get("allOf").is_none());
    assert_eq!(
        request["if"],
        serde_json::json!({ "properties": { "idNo": true }, "required": ["idNo"] })
    );
    let member_rules = &request["else"]["properties"]["member"]["allOf"];
    assert_eq!(member_rules.as_array().map(Vec::len), Some(2));
    assert_eq!(
        member_rules[0]["then"]["not"],
        serde_json::json!({ "properties": { "emailAddress": true }, "required": ["emailAddress"] })
    );
    assert_eq!(
        schemas["EventSearchRequestV2_0"]["properties"]["eventId"]["$ref"],
        "#/components/schemas/EventId"
    );
    let page_field = &schemas["EventSearchResponseV1_0"]["properties"]["page"];
    assert_eq!(
        page_field["oneOf"][1],
        serde_json::json!({ "type": "null" })
    );
    let page = named(page_field);
    let content = &page["properties"]["content"];
    assert_eq!(content["type"], serde_json::json!(["array", "null"]));
    let item = named(&content["items"]);
    assert_eq!(
        item["properties"]["userIdNo"]["type"],
        serde_json::json!(["string", "null"])
    );
    assert_eq!(
        item["properties"]["userIdNo"]["x-documented-type"],
        "Object"
    );
    // ko shows `sort` as an object, en as a string: by JSON type, the named object or a string;
    // no `oneOf`, which generators cannot decode.
    let sort = &page["properties"]["sort"];
    assert_eq!(sort["if"], serde_json::json!({ "type": "object" }));
    assert_eq!(sort["then"]["$ref"], "#/components/schemas/Sort");
    assert_eq!(
        sort["else"],
        serde_json::json!({ "type": ["string", "null"] })
    );
    assert!(sort.get("oneOf").is_none() && sort.get("type").is_none());
    assert_eq!(
        schemas["Sort"]["properties"]["empty"]["type"],
        serde_json::json!(["boolean", "null"])
    );
    // An event ID is a plain string; the known IDs are `x-extensible-enum` and, with their
    // names, the `KnownEventId` enum.
    let event_id = &schemas["EventId"];
    assert_eq!(event_id["type"], "string");
    assert!(event_id.get("anyOf").is_none() && event_id.get("enum").is_none());
    let want: Vec<&str> = catalog.nhn.events.iter().map(|e| e.id.as_str()).collect();
    let strings = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(strings(&event_id["x-extensible-enum"]), want);
    assert_eq!(strings(&schemas["KnownEventId"]["enum"]), want);
    assert_eq!(
        schemas["KnownEventId"]["x-enum-descriptions"]
            .as_array()
            .map(Vec::len),
        Some(want.len())
    );
    assert!(!strings(&event_id["examples"]).is_empty());
    // The examples are components the operations refer to.
    let en = &v1["responses"]["200"]["content"]["application/json"]["examples"]["en"]["$ref"];
    assert_eq!(en, "#/components/examples/EventSearchResponseV1_0.en");
    assert!(doc["components"]["examples"]["EventSearchResponseV1_0.en"]["value"].is_object());
    // No component goes unused but `KnownEventId`, the list for documentation and constants; the
    // KakaoCloud keys are not part of this API.
    let text = serde_json::to_string(&doc).unwrap();
    for name in schemas
        .as_object()
        .unwrap()
        .keys()
        .filter(|n| *n != "KnownEventId")
    {
        assert!(
            text.contains(&format!("\"#/components/schemas/{name}\"")),
            "{name} is never referenced"
        );
    }
    assert!(schemas.get("KakaoEventKey").is_none() && schemas.get("NhnEventId").is_none());
}

/// A tool a test needs is missing: a failure in CI (`.ci/run` installs it), a printed note elsewhere.
fn missing_tool(what: &str) {
    if std::env::var_os("CI").is_some() {
        panic!("{what} is not available, but CI is set: .ci/run must install it");
    }
    eprintln!("note: {what} is not available; this check is skipped (CI installs it)");
}

/// Runs a consumer script of `tests/consumers/` on the committed OpenAPI document and these
/// fixtures; returns its output when it passed, `None` when a tool it needs is missing (exit 3).
fn consumer(script: &str, fixtures_: &[&str]) -> Option<String> {
    let root = workspace();
    let out = Command::new("python3")
        .arg(root.join("tests/consumers").join(script))
        .arg(root.join("generated/openapi/cloudtrail.openapi.json"))
        .args(fixtures_.iter().map(|f| fixtures().join(f)))
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    if out.status.code() == Some(3) {
        missing_tool(&format!(
            "a tool of tests/consumers/{script} ({})",
            stdout.trim()
        ));
        return None;
    }
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("; 0 failures"), "{stdout}");
    Some(stdout)
}

/// Real consumers of the committed OpenAPI document (`tests/consumers/check_openapi.py`): every
/// guide example validates with JSON Schema format checks on, the request schemas agree with
/// `validate()` on the shared member-rule cases, and a client generated by datamodel-code-generator
/// parses every example and dumps it back unchanged.
#[test]
fn real_consumers_accept_every_guide_example() {
    consumer(
        "check_openapi.py",
        &["api/member-rule-cases.json", "api/timestamps.json"],
    );
}

/// Clients generated by openapi-generator (`tests/consumers/check_clients.py`): Rust, TypeScript,
/// Go and Java clients are generated without a warning a user would have to look into, have one
/// model per component, build, decode every guide example and every real-shaped message of
/// `client-messages.json` and give it back unchanged, and send a search request with an event ID
/// that the request schema accepts. About 30 s once cargo's folder holds the client's
/// dependencies (about 90 s before).
#[test]
fn generated_clients_in_four_languages_round_trip_every_message() {
    if let Some(out) = consumer("check_clients.py", &["api/client-messages.json"]) {
        assert!(out.contains("4 clients,"), "{out}");
        println!("{out}");
    }
}

/// Validates a document with openapi-spec-validator when python3 has it; `None` when it does not.
fn validate(path: &Path) -> Option<Result<(), String>> {
    let out = Command::new("python3")
        .args(["-m", "openapi_spec_validator"])
        .arg(path)
        .output()
        .ok()?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    if stderr.contains("No module named") {
        return None;
    }
    if out.status.success() {
        Some(Ok(()))
    } else {
        Some(Err(format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            stderr
        )))
    }
}

#[test]
fn adversarial_names_keep_the_document_valid_and_round_trip() {
    let mut catalog = catalog();
    let nasty = [
        "pipe | name",
        "line\nbreak\r\nand tab\t",
        "{{ template }} {% block %}",
        "</td><script>alert(1)</script>",
        "\"quoted\" 'single' \\backslash",
        "emoji 🔥👩‍💻 and RTL مرحبا",
        "$ref",
    ];
    for (i, name) in nasty.iter().enumerate() {
        catalog.nhn.events.push(NhnEvent {
            id: format!("event_id.zz.{i}.{name}"),
            services: vec!["console".into()],
            names: Locale::ALL
                .iter()
                .map(|l| (*l, format!("{l}: {name}")))
                .collect(),
            untranslated: vec![],
            missing: vec![],
            status: Status::Listed,
            sources: vec![at("nhn/ko/event-list.md", 1)],
            ..Default::default()
        });
        catalog.kakao.events.push(KakaoEvent {
            key: format!("zz/{i}/{name}"),
            scope: Scope::Project,
            service: name.to_string(),
            resource_type: name.to_string(),
            name: KakaoName {
                en: name.to_string(),
                ko: Some(name.to_string()),
            },
            aliases: vec![],
            variant: String::new(),
            former_names: vec![],
            description: Some(name.to_string()),
            meaning: None,
            reclassified: Vec::new(),
            sources: vec![at("seeds/002.txt", 1)],
            removed: None,
        });
    }
    catalog.nhn.events.sort_by(|a, b| a.id.cmp(&b.id));
    catalog.kakao.events.sort_by(|a, b| a.key.cmp(&b.key));
    let tree = trail_emit_openapi::emit(&catalog, &stamp());
    let doc: Value = serde_json::from_str(&tree[trail_emit_openapi::DOCUMENT]).unwrap();
    let ids: Vec<&str> = doc["components"]["schemas"]["KnownEventId"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for (i, name) in nasty.iter().enumerate() {
        assert!(
            ids.contains(&format!("event_id.zz.{i}.{name}").as_str()),
            "{name:?} lost"
        );
    }
    assert!(
        !tree[trail_emit_openapi::DOCUMENT].contains("zz/0/"),
        "KakaoCloud keys are not part of the NHN search API"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cloudtrail.openapi.json");
    std::fs::write(&path, &tree[trail_emit_openapi::DOCUMENT]).unwrap();
    match validate(&path) {
        Some(result) => result.expect("openapi-spec-validator accepts the document"),
        None => missing_tool("python3 -m openapi_spec_validator"),
    }
}

#[test]
fn an_invalid_document_is_rejected_by_the_validator() {
    // The validation above means something only if the validator fails on a bad document.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.json");
    std::fs::write(
        &path,
        r#"{"openapi": "3.1.0", "info": {"title": "x"}, "paths": {}}"#,
    )
    .unwrap();
    match validate(&path) {
        Some(result) => assert!(
            result.is_err(),
            "a document without info.version must not validate"
        ),
        None => missing_tool("python3 -m openapi_spec_validator"),
    }
}

#[test]
fn a_guide_without_tables_or_endpoint_is_refused() {
    let bytes = std::fs::read(fixtures().join("api/prose-only.md")).unwrap();
    let doc = trail_sources::decode("nhn/ko/api-guide.md", &bytes).unwrap();
    let err = api_guide::read(&doc).unwrap_err();
    assert!(
        err.no_data && err.message.contains("no markdown table"),
        "{err}"
    );
    let doc = trail_sources::SourceDoc {
        path: "x.md".into(),
        text: "|a|b|\n|---|---|\n|1|2|\n".into(),
    };
    let err = api_guide::read(&doc).unwrap_err();
    assert!(
        !err.no_data && err.message.contains("Method | URI"),
        "{err}"
    );
}

fn extract(file: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["extract", "--kind", "api-guide", "--format", "json"])
        .arg(file)
        .current_dir(fixtures())
        .output()
        .unwrap()
}

#[test]
fn bad_guides_exit_2_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8], &str); 4] = [
        ("empty.md", b"", "empty"),
        ("binary.md", b"\x89PNG\r\n\x1a\n\0\0\0", "binary"),
        (
            "latin1.md",
            b"|Method|URI|\n|---|---|\n|POST|caf\xe9|\n",
            "invalid UTF-8",
        ),
        (
            "prose.md",
            "## API 가이드\n\n설명만 있습니다.\n".as_bytes(),
            "no markdown table",
        ),
    ];
    for (name, bytes, says) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = extract(&path);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        assert!(stderr.contains(says), "{name}: {stderr}");
        assert!(out.stdout.is_empty(), "{name}: nothing on stdout");
    }
    let out = extract(&fixtures().join("api/ko-guide.md"));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let records: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        records.as_array().unwrap().len(),
        read("ko-guide.md", "nhn/ko/api-guide.md").records.len()
    );
}

#[test]
fn the_model_reads_back_from_its_yaml_exactly() {
    // `catalog/nhn/api.yaml` is written by import and read by gen: nothing may change on the way,
    // examples' parsed JSON values included.
    let (spec, _) = spec_and_findings();
    let yaml = serde_yaml::to_string(&spec).unwrap();
    let back: ApiSpec = serde_yaml::from_str(&yaml).unwrap();
    assert_eq!(back, spec);
}

/// The real API guides in `../shared/sources` (beside the workspace), when they are there.
fn real_guides() -> Option<Vec<Extracted>> {
    let mut out = Vec::new();
    for rel in [
        "nhn/ko/api-guide.md",
        "nhn/en/api-guide.md",
        "nhn/ja/api-guide.md",
        "nhn/zh/api-guide.md",
        "seeds/004_3769c9bdc590385e.txt",
    ] {
        let bytes = std::fs::read(common::shared(&format!("sources/{rel}"))?).unwrap();
        let doc = trail_sources::decode(rel, &bytes).unwrap();
        out.push(Extracted::ApiGuide(api_guide::read(&doc).unwrap()));
    }
    Some(out)
}

#[test]
fn the_real_guides_give_both_versions_every_rule_and_the_four_documented_mismatches() {
    let Some(docs) = real_guides() else { return };
    let mut diags = Vec::new();
    let spec = trail_catalog::build::api::build(&guides(&docs), &mut diags);
    let catalog = Catalog {
        api: spec.clone(),
        ..Default::default()
    };
    trail_checks::api::check(&docs, &catalog, &mut diags);
    assert_eq!(
        spec.versions
            .iter()
            .map(|v| v.version.as_str())
            .collect::<Vec<_>>(),
        ["v1.0", "v2.0"]
    );
    let v2 = spec.version("v2.0").unwrap();
    assert_eq!(v2.permission.as_deref(), Some("CloudTrail:EventLog.List"));
    assert_eq!(v2.headers.len(), 2);
    for v in &spec.versions {
        assert_eq!(v.rules.len(), 5, "{}: {:#?}", v.version, v.rules);
        assert!(
            v.rules.iter().all(|r| r.descriptions.len() == 4),
            "every locale states every rule"
        );
    }
    let ko = "nhn/ko/api-guide.md";
    for (code, subject, line) in [
        ("api/key-case", "page.content.userId", 151),
        ("api/type-mismatch", "page.content.userIdNo", 149),
        (
            "api/type-mismatch",
            "page.content.eventTarget.targetMembers",
            167,
        ),
        (
            "api/type-mismatch",
            "page.content.eventTarget.targetMembers.userCode",
            170,
        ),
        ("api/key-typo", "page.sort.empty", 354),
    ] {
        assert!(
            find(&diags, code, subject)
                .iter()
                .any(|d| d.at == at(ko, line)),
            "{code} {subject} not reported at {ko}:{line}"
        );
    }
    assert!(
        diags.iter().all(|d| d.severity != Severity::Error),
        "the guide's slips are warnings"
    );
    // And the document built from them is valid.
    let mut catalog = catalog;
    catalog.roles.nhn.api_permission = trail_catalog::build::api::permission(&guides(&docs));
    let tree = trail_emit_openapi::emit(&catalog, &stamp());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cloudtrail.openapi.json");
    std::fs::write(&path, &tree[trail_emit_openapi::DOCUMENT]).unwrap();
    match validate(&path) {
        Some(result) => {
            result.expect("openapi-spec-validator accepts the document built from the real guides")
        }
        None => missing_tool("python3 -m openapi_spec_validator"),
    }
}

/// The body shapes are decided once, in the catalogue model: no emitter reaches into the build
/// stage (which is where the shapes used to be derived a second and third time).
#[test]
fn emitters_use_the_model_not_the_build_stage() {
    fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("emit"),
        &mut files,
    );
    assert!(files.len() >= 4, "{files:?}");
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        assert!(
            !text.contains("trail_catalog::build"),
            "{} imports the build stage",
            f.display()
        );
    }
}

/// The shapes both emitters render: decided once, from the fixture guides.
#[test]
fn the_model_decides_each_fields_shape_once_with_a_finding_per_decision() {
    use trail_catalog::model::api_shape::{Body, ShapeType, body_examples, body_shape};
    let (spec, findings) = spec_and_findings();
    let v1 = spec.version("v1.0").unwrap();
    let response = body_shape(&spec, v1, Body::Response);
    // ko shows `sort` as an object, en as a string.
    assert_eq!(
        response.at("page.sort").unwrap().ty,
        ShapeType::StringOrObject
    );
    // Typed Integer, shown as a string.
    let code = response
        .at("page.content.eventTarget.targetMembers.userCode")
        .unwrap();
    assert_eq!(
        (&code.ty, code.documented_type.as_deref()),
        (&ShapeType::IntegerOrString, Some("Integer"))
    );
    // Every response field may be absent or null; no request field may be null.
    assert!(
        response
            .walk()
            .iter()
            .skip(1)
            .all(|n| n.nullable && !n.required)
    );
    let request = body_shape(&spec, v1, Body::Request);
    assert!(request.walk().iter().all(|n| !n.nullable));
    assert_eq!(
        request.at("member.memberType").unwrap().ty,
        ShapeType::Enum(vec!["IAM".into(), "NHN Cloud".into(), "TOAST".into()])
    );
    // Required and defaulted at once: optional, with the default.
    let limit = request.at("page.limit").unwrap();
    assert_eq!(
        (limit.required, limit.default, limit.maximum),
        (false, Some(20), Some(1000))
    );
    // The template's `"memberType": "string"` is replaced in what the outputs show, and said so.
    let shown = body_examples(&spec, v1, Body::Request);
    assert!(
        shown
            .iter()
            .all(|e| e.value["member"]["memberType"] == "IAM")
    );
    assert!(shown.iter().all(|e| {
        e.placeholders
            .iter()
            .any(|p| p.path == "member.memberType" && p.written == "string")
    }));
    for code in [
        "api/string-or-object",
        "api/integer-or-string",
        "api/required-with-default",
        "api/response-nullable",
        "api/placeholder-example",
    ] {
        assert!(findings.iter().any(|d| d.code == code), "no {code} finding");
    }
}

/// A guide saved with old Mac line ends (a lone `\r`) builds the same model, with the same
/// findings on the same lines, as with `\n` (a lone CR once hid a third of the fields).
#[test]
fn a_guide_with_cr_line_ends_builds_the_same_model() {
    let build = |ends: &str| {
        let docs: Vec<Extracted> = [
            ("ko-guide.md", "nhn/ko/api-guide.md"),
            ("en-guide.md", "nhn/en/api-guide.md"),
            ("old-guide.md", "seeds/old-guide.md"),
        ]
        .into_iter()
        .map(|(name, shown)| {
            let text = std::fs::read_to_string(fixtures().join("api").join(name))
                .unwrap()
                .replace('\n', ends);
            Extracted::ApiGuide(
                api_guide::read(&trail_sources::decode(shown, text.as_bytes()).unwrap()).unwrap(),
            )
        })
        .collect();
        let mut diags: Vec<Diagnostic> =
            docs.iter().flat_map(|d| d.diagnostics().to_vec()).collect();
        let spec = trail_catalog::build::api::build(&guides(&docs), &mut diags);
        let catalog = Catalog {
            api: spec.clone(),
            ..Default::default()
        };
        trail_checks::api::check(&docs, &catalog, &mut diags);
        diags.sort();
        (spec, diags)
    };
    let lf = build("\n");
    assert!(!lf.1.is_empty());
    assert_eq!(build("\r"), lf, "CR-only");
    assert_eq!(build("\r\n"), lf, "CRLF");
}
