//! What a downstream user relies on, against whatever catalogue `generated/` holds.

use cloud_trail_events::nhn::api::v2_0::{
    MemberType, RequestMember, RequestPage, SearchRequest, SearchResponse,
};
use cloud_trail_events::nhn::api::{IntOrString, RequestError, StringOr, Timestamp};
use cloud_trail_events::nhn::{AnyEventId, EventId, Locale};
use downstream::{GUIDE_RESPONSE_V2, instance_action, summarise};

#[test]
fn the_guides_response_example_deserialises_exactly() {
    let response: SearchResponse = serde_json::from_str(GUIDE_RESPONSE_V2).unwrap();
    let header = response.header.as_ref().unwrap();
    assert_eq!(
        (header.is_successful, header.result_code),
        (Some(true), Some(0))
    );
    let page = response.page.as_ref().unwrap();
    assert_eq!(page.total_elements, Some(1));
    let event = &page.content.as_ref().unwrap()[0];
    let id = event.event_id.as_ref().unwrap();
    assert_eq!(id.as_str(), "event_id.iam.member.role.update");
    // Known in the real catalogue, unknown in the fixture one: either way typed consistently.
    assert_eq!(
        id.known(),
        EventId::lookup("event_id.iam.member.role.update")
    );
    let target = &event
        .event_target
        .as_ref()
        .unwrap()
        .target_members
        .as_ref()
        .unwrap()[0];
    assert_eq!(
        target.user_code,
        Some(IntOrString::String("test_user".into()))
    );
    assert_eq!(page.pageable, Some(StringOr::String("INSTANCE".into())));
    let time = event.event_time.as_ref().unwrap().valid().unwrap();
    assert_eq!(
        (time.year(), time.month(), time.day(), time.offset_minutes()),
        (2019, 9, 4, 0)
    );
    assert_eq!(time.as_str(), "2019-09-04T10:31:49.348+0000");
    // Nothing lost: serialising gives the same JSON back.
    let original: serde_json::Value = serde_json::from_str(GUIDE_RESPONSE_V2).unwrap();
    assert_eq!(serde_json::to_value(&response).unwrap(), original);
}

#[test]
fn matching_on_event_id_variants() {
    let created: EventId = "event_id.iaas.instance.create".parse().unwrap();
    assert_eq!(instance_action(created), Some("created"));
    assert_eq!(
        instance_action(EventId::IaasInstanceDelete),
        Some("deleted")
    );
    assert_eq!(
        EventId::ALL
            .iter()
            .filter(|id| instance_action(**id).is_some())
            .count(),
        2
    );
    assert_eq!(created.as_str(), "event_id.iaas.instance.create");
    assert_eq!(created.to_string(), "event_id.iaas.instance.create");
    assert_eq!(created.name(Locale::En), Some("Create Instance"));
    assert_eq!(created.name(Locale::Ko), Some("인스턴스 생성"));
    assert!(!created.services().is_empty() && !created.is_retired());
    let err = "event_id.iaas.instance.createx"
        .parse::<EventId>()
        .unwrap_err();
    assert_eq!(err.input(), "event_id.iaas.instance.createx");
}

#[test]
fn an_unknown_id_round_trips_unchanged() {
    let json = GUIDE_RESPONSE_V2.replace(
        "event_id.iam.member.role.update",
        "event_id.brand_new.Thing-2",
    );
    let response: SearchResponse = serde_json::from_str(&json).unwrap();
    let id = response.page.as_ref().unwrap().content.as_ref().unwrap()[0]
        .event_id
        .clone()
        .unwrap();
    assert_eq!(id, AnyEventId::new("event_id.brand_new.Thing-2"));
    assert!(
        matches!(&id, AnyEventId::Unknown(key) if key.as_str() == "event_id.brand_new.Thing-2")
    );
    let back = serde_json::to_value(&response).unwrap();
    assert_eq!(
        back,
        serde_json::from_str::<serde_json::Value>(&json).unwrap()
    );
    assert_eq!(
        summarise(&json).unwrap()[0],
        "2019-09-04T10:31:49.348+0000 event_id.brand_new.Thing-2 (unknown to this catalogue)"
    );
    // Strict parsing rejects it; lenient keeps it byte for byte.
    assert!(serde_json::from_str::<EventId>("\"event_id.brand_new.Thing-2\"").is_err());
    let kept: AnyEventId = serde_json::from_str("\"event_id.brand_new.Thing-2\"").unwrap();
    assert_eq!(
        serde_json::to_string(&kept).unwrap(),
        "\"event_id.brand_new.Thing-2\""
    );
}

#[test]
fn a_search_request_is_checked_before_sending() {
    let request = SearchRequest::builder()
        .start_date("2019-09-01T02:00:00.000Z".parse().unwrap())
        .end_date("2019-09-12T03:13:00.000Z".parse().unwrap())
        .event_id(EventId::IaasInstanceCreate.into())
        .page(RequestPage::builder().page(0).limit(100).build().unwrap())
        .member(
            RequestMember::builder()
                .member_type(MemberType::Iam)
                .user_code("test_user".into())
                .build()
                .unwrap(),
        )
        .build()
        .unwrap();
    let body = serde_json::to_value(&request).unwrap();
    assert_eq!(body["eventId"], "event_id.iaas.instance.create");
    assert_eq!(body["member"]["userCode"], "test_user");
    assert!(body["member"].get("emailAddress").is_none());
    assert_eq!(body["page"]["limit"], 100);
}

/// The builder names every field, so the dates cannot be swapped silently: a range given end
/// first, or a required field left out, is an error that names the fields.
#[test]
fn a_request_with_its_dates_swapped_or_a_field_missing_is_refused() {
    let at = |s: &str| s.parse::<Timestamp>().unwrap();
    let builder = || {
        SearchRequest::builder()
            .event_id(EventId::IaasInstanceCreate.into())
            .page(RequestPage::new(0))
    };
    let swapped = builder()
        .start_date(at("2019-09-12T03:13:00.000Z"))
        .end_date(at("2019-09-01T02:00:00.000Z"))
        .build();
    assert_eq!(
        swapped,
        Err(RequestError::NotBefore {
            field: "startDate",
            other: "endDate"
        })
    );
    // The same instant written in two offsets is no range either.
    let empty = builder()
        .start_date(at("2019-09-01T11:00:00+0900"))
        .end_date(at("2019-09-01T02:00:00Z"))
        .build();
    assert!(matches!(empty, Err(RequestError::NotBefore { .. })));
    let missing = builder().start_date(at("2019-09-01T02:00:00Z")).build();
    assert_eq!(missing, Err(RequestError::Missing { field: "endDate" }));
    // `validate` checks the order too, for a request changed after it was built.
    let mut ok = builder()
        .start_date(at("2019-09-01T02:00:00Z"))
        .end_date(at("2019-09-02T02:00:00Z"))
        .build()
        .unwrap();
    ok.end_date = at("2019-08-01T00:00:00Z");
    assert!(matches!(ok.validate(), Err(RequestError::NotBefore { .. })));
}

/// One event whose `eventTime` is no timestamp costs that field, not the page: the text is kept
/// and the error says what is wrong.
#[test]
fn a_bad_event_time_is_kept_and_reported_not_a_failed_page() {
    let mut json: serde_json::Value = serde_json::from_str(GUIDE_RESPONSE_V2).unwrap();
    json["page"]["content"][0]["eventTime"] = "2019-09-04 10:31:49".into();
    let response: SearchResponse = serde_json::from_value(json.clone()).unwrap();
    let event = &response.page.as_ref().unwrap().content.as_ref().unwrap()[0];
    let time = event.event_time.as_ref().unwrap();
    assert_eq!(time.valid(), None);
    assert_eq!(time.error().map(|e| e.input()), Some("2019-09-04 10:31:49"));
    assert!(
        time.error()
            .unwrap()
            .to_string()
            .contains("not a timestamp")
    );
    // Written back unchanged.
    assert_eq!(serde_json::to_value(&response).unwrap(), json);
}

#[test]
fn the_program_summarises_the_guides_example() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_downstream"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("2019-09-04T10:31:49.348+0000 event_id.iam.member.role.update "),
        "{text}"
    );
    assert_eq!(text.lines().count(), 1);
}

/// The guide's examples, as the OpenAPI document carries them: `(version, "request"|"response", locale, value)`.
fn guide_examples() -> Vec<(String, &'static str, String, serde_json::Value)> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../generated/openapi/cloudtrail.openapi.json"
    );
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut out = Vec::new();
    for (uri, item) in doc["paths"].as_object().unwrap() {
        let version = uri
            .split('/')
            .find(|s| s.starts_with('v'))
            .unwrap()
            .to_owned();
        let op = &item["post"];
        let bodies = [
            ("request", &op["requestBody"]["content"]["application/json"]),
            (
                "response",
                &op["responses"]["200"]["content"]["application/json"],
            ),
        ];
        for (kind, media) in bodies {
            for (locale, e) in media["examples"].as_object().into_iter().flatten() {
                // An example is inline, or a `$ref` to a named one in `components/examples`.
                let e = match e["$ref"].as_str() {
                    Some(r) => {
                        let name = r.strip_prefix("#/components/examples/").unwrap();
                        &doc["components"]["examples"][name]
                    }
                    None => e,
                };
                out.push((version.clone(), kind, locale.clone(), e["value"].clone()));
            }
        }
    }
    out
}

/// Deserialises into `T`, serialises back, and compares with the original.
fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(
    value: &serde_json::Value,
    what: &str,
) {
    let typed: T = serde_json::from_value(value.clone())
        .unwrap_or_else(|e| panic!("{what} does not deserialise: {e}"));
    assert_eq!(
        &serde_json::to_value(&typed).unwrap(),
        value,
        "{what} changes on the round trip"
    );
}

#[test]
fn every_guide_example_deserialises_into_its_versions_types_and_round_trips() {
    use cloud_trail_events::nhn::api::{v1_0, v2_0};
    let examples = guide_examples();
    let responses = examples.iter().filter(|e| e.1 == "response").count();
    assert!(
        responses >= 2 && examples.len() > responses,
        "the document carries the guide's examples ({} found)",
        examples.len()
    );
    for (version, kind, locale, value) in &examples {
        let what = format!("the {locale} {version} {kind} example");
        match (version.as_str(), *kind) {
            ("v1.0", "request") => round_trip::<v1_0::SearchRequest>(value, &what),
            ("v1.0", "response") => round_trip::<v1_0::SearchResponse>(value, &what),
            ("v2.0", "request") => round_trip::<v2_0::SearchRequest>(value, &what),
            ("v2.0", "response") => round_trip::<v2_0::SearchResponse>(value, &what),
            other => panic!("no types for {other:?}"),
        }
    }
}

#[test]
fn a_paged_v1_response_and_the_korean_pageable_object_deserialise() {
    let json = GUIDE_RESPONSE_V2.replace(
        "\"pageable\": \"INSTANCE\"",
        "\"pageable\": {\"sort\": {\"sorted\": false, \"unsorted\": true, \"empty\": true}, \"pageNumber\": 0, \"pageSize\": 20, \"offset\": 0, \"paged\": true, \"unpaged\": false}",
    );
    let v1: cloud_trail_events::nhn::api::v1_0::SearchResponse =
        serde_json::from_str(&json).unwrap();
    match v1.page.unwrap().pageable.unwrap() {
        StringOr::Value(p) => assert_eq!((p.page_size, p.paged), (Some(20), Some(true))),
        other => panic!("the object form is read as an object, not {other:?}"),
    }
    // Nulls are accepted wherever the API may send them, and user codes may be integers.
    let json = GUIDE_RESPONSE_V2
        .replace("\"region\": \"string\"", "\"region\": null")
        .replace("\"userCode\": \"test_user\"", "\"userCode\": 42");
    let v2: SearchResponse = serde_json::from_str(&json).unwrap();
    let event = &v2.page.as_ref().unwrap().content.as_ref().unwrap()[0];
    assert_eq!(event.region, None);
    assert_eq!(
        event
            .event_target
            .as_ref()
            .unwrap()
            .target_members
            .as_ref()
            .unwrap()[0]
            .user_code,
        Some(IntOrString::Int(42))
    );
}

#[test]
fn validate_applies_the_member_rules_unless_id_no_wins() {
    let request = || {
        SearchRequest::builder()
            .start_date("2019-09-01T02:00:00+0900".parse().unwrap())
            .end_date("2019-09-12T03:13:00.000Z".parse().unwrap())
            .event_id(EventId::IaasInstanceCreate.into())
            .page(RequestPage::new(0))
            .build()
            .unwrap()
    };
    let iam_without_code = RequestMember::builder()
        .member_type(MemberType::Iam)
        .build()
        .unwrap();
    let mut r = request();
    r.member = Some(iam_without_code.clone());
    assert!(r.validate().is_err(), "IAM needs userCode");
    let mut r = request();
    r.member = Some(iam_without_code);
    r.id_no = Some("9c30dff8-53ba-4f18-8b44-22ab3b1678d7".into());
    let checked = r.validate().expect("idNo wins over member");
    assert_eq!(checked.member, None);
    let mut r = request();
    r.page.limit = Some(1001);
    assert!(r.validate().is_err(), "page.limit is at most 1000");
}

/// A cases file shared with `tests/consumers/check_openapi.py` (`tests/fixtures/api/NAME`).
fn shared_cases(name: &str) -> Vec<serde_json::Value> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/api")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The member-rule cases the OpenAPI document is checked against too (`tests/consumers/check_openapi.py`):
/// `validate()` accepts and rejects exactly the same requests, in both versions.
#[test]
fn validate_agrees_with_the_shared_member_rule_cases() {
    use cloud_trail_events::nhn::api::{v1_0, v2_0};
    let cases = shared_cases("member-rule-cases.json");
    assert!(cases.len() >= 8);
    for case in &cases {
        let (name, valid, request) = (
            &case["name"],
            case["valid"].as_bool().unwrap(),
            &case["request"],
        );
        let v1: v1_0::SearchRequest =
            serde_json::from_value(request.clone()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let v2: v2_0::SearchRequest =
            serde_json::from_value(request.clone()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(v1.validate().is_ok(), valid, "v1.0 {name}");
        assert_eq!(v2.validate().is_ok(), valid, "v2.0 {name}");
    }
}

/// The timestamp cases the OpenAPI pattern is checked against too: `Timestamp` accepts what the
/// cases say, which is what the pattern accepts except days a month does not have.
#[test]
fn timestamps_parse_as_the_shared_cases_say() {
    use cloud_trail_events::nhn::api::Timestamp;
    let cases = shared_cases("timestamps.json");
    assert!(cases.len() >= 10);
    for case in &cases {
        let text = case["text"].as_str().unwrap();
        let parsed = text.parse::<Timestamp>();
        assert_eq!(
            parsed.is_ok(),
            case["rust"].as_bool().unwrap(),
            "{text} ({})",
            case["why"]
        );
        if let Ok(t) = parsed {
            assert_eq!(t.as_str(), text, "the text is kept");
        }
    }
}

/// Every key of the committed catalogue finds its own variant through the perfect hash, and
/// near misses of each (one byte changed at either end, one byte more or less, the key followed
/// by the bytes the lookup table stores after it) that are not keys themselves find nothing, or
/// the variant they are a former key of: the lookup compares the whole key.
#[test]
fn every_key_parses_to_itself_and_near_misses_do_not() {
    use cloud_trail_events::kakao::Event;
    let keys: std::collections::BTreeSet<&str> = EventId::ALL
        .iter()
        .map(|id| id.as_str())
        .chain(Event::ALL.iter().map(|e| e.as_str()))
        .collect();
    // `lookup` is the perfect hash; `former` says whether a string is a former key of a variant.
    fn check<T: Copy + PartialEq + std::fmt::Debug>(
        all: &[T],
        keys: &std::collections::BTreeSet<&str>,
        key: impl Fn(T) -> &'static str,
        lookup: impl Fn(&str) -> Option<T>,
        former: impl Fn(T, &str) -> bool,
    ) {
        for &v in all {
            let b = key(v).as_bytes();
            assert_eq!(lookup(key(v)), Some(v), "{}", key(v));
            let flip = |i: usize| {
                let mut m = b.to_vec();
                m[i] ^= 0x01;
                m
            };
            let mut misses = vec![
                flip(0),
                flip(b.len() - 1),
                b[..b.len() - 1].to_vec(),
                [b, b"x"].concat(),
            ];
            misses.extend((0..4u16).map(|i| [b, &i.to_le_bytes()[..]].concat()));
            for miss in &misses {
                let Ok(miss) = std::str::from_utf8(miss) else {
                    continue;
                };
                if keys.contains(miss) {
                    continue;
                }
                let found = lookup(miss);
                assert!(
                    found.is_none_or(|f| former(f, miss)),
                    "{miss:?} found {found:?}"
                );
            }
        }
    }
    check(
        EventId::ALL,
        &keys,
        EventId::as_str,
        |s| s.parse().ok(),
        |f, m| f.aliases().any(|a| a == m),
    );
    check(
        Event::ALL,
        &keys,
        Event::as_str,
        |s| s.parse().ok(),
        |f, m| f.aliases().any(|a| a == m),
    );
    // `ALL` is in key order (what its docs say); the enums cannot be cast to numbers (a
    // `compile_fail` doctest of the crate proves it), so no order is part of the API.
    assert!(
        EventId::ALL
            .windows(2)
            .all(|w| w[0].as_str() < w[1].as_str())
    );
    for junk in ["", "e", "event_id.", "\0\0", "\u{FFFF}"] {
        assert_eq!(EventId::lookup(junk), None, "{junk:?}");
        assert_eq!(Event::lookup(junk), None, "{junk:?}");
    }
}

/// Every form the docs ever gave resolves to its event: an ID the NHN lists misspelt parses to
/// the ID it means, and a name the KakaoCloud page misspells finds its event; what is no event
/// (a truncated ID, a test row, a misspelt or `null` service) is no variant.
#[test]
fn documented_misspellings_resolve_and_junk_is_no_variant() {
    use cloud_trail_events::kakao::Event;
    use cloud_trail_events::nhn::Service;
    for (form, means) in [
        (
            "evnet_id.short_url.url_disable",
            "event_id.short_url.url_disable",
        ),
        (
            "event_id.notification_hub.event_id.notification_hub.unsubscribe_phone_number_external_registered",
            "event_id.notification_hub.unsubscribe_phone_number_external_registered",
        ),
    ] {
        let id: EventId = form.parse().unwrap();
        assert_eq!(id.as_str(), means, "{form}");
        assert!(id.aliases().any(|a| a == form));
        let any: AnyEventId = form.parse().unwrap();
        assert_eq!(any.known(), Some(id));
        // A look-alike of a former ID (its length, so the former IDs are searched) is no event.
        let near = format!("{}#", &form[..form.len() - 1]);
        assert!(near.parse::<EventId>().is_err(), "{near}");
        assert_eq!(EventId::lookup(&form[..form.len() - 1]), None);
    }
    for id in EventId::ALL {
        for alias in id.aliases() {
            assert_eq!(EventId::lookup(alias), Some(*id), "{alias}");
        }
    }
    let health = Event::from_service_and_name("Load Balancing", "Health Check Create").unwrap();
    assert_eq!(
        Event::from_service_and_name("Load Balancing", "Heath Check Create"),
        Some(health),
        "as the page spells it"
    );
    assert_eq!(
        Event::from_service_and_name("Kubernetes Engine", "Create cluster Request")
            .map(Event::as_str),
        Some("kubernetes-engine/cluster/create-cluster-request")
    );
    for junk in ["event_id.iaas", "event_id.tstprd01.test03"] {
        assert_eq!(EventId::lookup(junk), None, "{junk}");
    }
    let services: Vec<&str> = Service::ALL.iter().map(|s| s.as_str()).collect();
    for junk in ["null", "secure-key-manger", "systemmonitoring"] {
        assert!(!services.contains(&junk), "{junk} in {services:?}");
    }
    assert!(services.contains(&"secure-key-manager"));
}
