//! What a downstream user relies on, against whatever catalogue `generated/` holds.

use cloud_trail_events::nhn::api::v2_0::{RequestMember, RequestPage, SearchRequest, SearchResponse};
use cloud_trail_events::nhn::{AnyEventId, EventId, Locale};
use downstream::{GUIDE_RESPONSE_V2, instance_action, summarise};

#[test]
fn the_guides_response_example_deserialises_exactly() {
    let response: SearchResponse = serde_json::from_str(GUIDE_RESPONSE_V2).unwrap();
    let header = response.header.as_ref().unwrap();
    assert_eq!((header.is_successful, header.result_code), (Some(true), Some(0)));
    let page = response.page.as_ref().unwrap();
    assert_eq!(page.total_elements, Some(1));
    let event = &page.content.as_ref().unwrap()[0];
    let id = event.event_id.as_ref().unwrap();
    assert_eq!(id.as_str(), "event_id.iam.member.role.update");
    // Known in the real catalogue, unknown in the fixture one: either way typed consistently.
    assert_eq!(id.known(), EventId::lookup("event_id.iam.member.role.update"));
    let target = &event.event_target.as_ref().unwrap().target_members.as_ref().unwrap()[0];
    assert_eq!(target.user_code.as_deref(), Some("test_user"));
    // Nothing lost: serialising gives the same JSON back.
    let original: serde_json::Value = serde_json::from_str(GUIDE_RESPONSE_V2).unwrap();
    assert_eq!(serde_json::to_value(&response).unwrap(), original);
}

#[test]
fn matching_on_event_id_variants() {
    let created: EventId = "event_id.iaas.instance.create".parse().unwrap();
    assert_eq!(instance_action(created), Some("created"));
    assert_eq!(instance_action(EventId::IaasInstanceDelete), Some("deleted"));
    assert_eq!(EventId::ALL.iter().filter(|id| instance_action(**id).is_some()).count(), 2);
    assert_eq!(created.as_str(), "event_id.iaas.instance.create");
    assert_eq!(created.to_string(), "event_id.iaas.instance.create");
    assert_eq!(created.name(Locale::En), Some("Create Instance"));
    assert_eq!(created.name(Locale::Ko), Some("인스턴스 생성"));
    assert!(!created.services().is_empty() && !created.is_retired());
    let err = "event_id.iaas.instance.createx".parse::<EventId>().unwrap_err();
    assert_eq!(err.input(), "event_id.iaas.instance.createx");
}

#[test]
fn an_unknown_id_round_trips_unchanged() {
    let json = GUIDE_RESPONSE_V2.replace("event_id.iam.member.role.update", "event_id.brand_new.Thing-2");
    let response: SearchResponse = serde_json::from_str(&json).unwrap();
    let id = response.page.as_ref().unwrap().content.as_ref().unwrap()[0].event_id.clone().unwrap();
    assert_eq!(id, AnyEventId::new("event_id.brand_new.Thing-2"));
    assert!(matches!(&id, AnyEventId::Unknown(key) if key.as_str() == "event_id.brand_new.Thing-2"));
    let back = serde_json::to_value(&response).unwrap();
    assert_eq!(back, serde_json::from_str::<serde_json::Value>(&json).unwrap());
    assert_eq!(summarise(&json).unwrap()[0], "2019-09-04T10:31:49.348+0000 event_id.brand_new.Thing-2 (unknown to this catalogue)");
    // Strict parsing rejects it; lenient keeps it byte for byte.
    assert!(serde_json::from_str::<EventId>("\"event_id.brand_new.Thing-2\"").is_err());
    let kept: AnyEventId = serde_json::from_str("\"event_id.brand_new.Thing-2\"").unwrap();
    assert_eq!(serde_json::to_string(&kept).unwrap(), "\"event_id.brand_new.Thing-2\"");
}

#[test]
fn a_search_request_is_checked_before_sending() {
    let mut request = SearchRequest::new(
        "2019-09-12T03:13:00.000Z".into(),
        EventId::IaasInstanceCreate.into(),
        RequestPage::new(100, 0),
        "2019-09-01T02:00:00.000Z".into(),
    );
    request.member = Some(RequestMember { member_type: Some("IAM".into()), user_code: Some("test_user".into()), ..RequestMember::new() });
    let request = request.validate().unwrap();
    let body = serde_json::to_value(&request).unwrap();
    assert_eq!(body["eventId"], "event_id.iaas.instance.create");
    assert_eq!(body["member"]["userCode"], "test_user");
    assert!(body["member"].get("emailAddress").is_none());
    assert_eq!(body["page"]["limit"], 100);
}

#[test]
fn the_program_summarises_the_guides_example() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_downstream")).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("2019-09-04T10:31:49.348+0000 event_id.iam.member.role.update "), "{text}");
    assert_eq!(text.lines().count(), 1);
}
