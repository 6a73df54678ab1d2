//! Ingest: deserialising a v2.0 search response of 1,000 events into the crate's types (event IDs
//! resolved to `EventId` variants through `AnyEventId`, timestamps parsed) against the same
//! types with the event ID left a `String`. The typed path should cost about what the untyped
//! one does: resolving an ID is one perfect-hash lookup, next to the allocation a `String` needs.
//!
//! ```text
//! cargo xtask gen && cargo bench -p downstream --features bench --bench ingest
//! ```
//!
//! The response is the English guide's v2.0 example with its one event repeated 1,000 times,
//! each with another event ID (every known ID in turn, every tenth one unknown) and another
//! `eventTime`. Needs the real catalogue's API shape in `generated/` (the field types named
//! below).

use cloud_trail_events::nhn::EventId;
use cloud_trail_events::nhn::api::v2_0::{
    ResponsePageContentEventTarget, ResponsePagePageable, ResponsePageSort, SearchResponse,
};
use cloud_trail_events::nhn::api::{AnyTimestamp, ResponseHeader, StringOr};
use divan::counter::ItemsCount;
use divan::{Bencher, black_box};
use downstream::GUIDE_RESPONSE_V2;
use serde::Deserialize;

fn main() {
    divan::main();
}

const EVENTS: usize = 1_000;

/// The response body: the guide's example with 1,000 events.
fn body() -> String {
    let mut json: serde_json::Value = serde_json::from_str(GUIDE_RESPONSE_V2).unwrap();
    let one = json["page"]["content"][0].clone();
    let step = EventId::ALL.len() / EVENTS + 1;
    let content: Vec<serde_json::Value> = (0..EVENTS)
        .map(|i| {
            let mut e = one.clone();
            e["eventId"] = if i % 10 == 9 {
                format!("event_id.not.yet.listed_{i}").into()
            } else {
                EventId::ALL[(i * step) % EventId::ALL.len()]
                    .as_str()
                    .into()
            };
            e["eventTime"] =
                format!("2019-09-04T10:{:02}:{:02}.348+0000", i / 60 % 60, i % 60).into();
            e
        })
        .collect();
    json["page"]["content"] = content.into();
    json["page"]["numberOfElements"] = EVENTS.into();
    serde_json::to_string(&json).unwrap()
}

/// `v2_0::ResponsePageContent` with `eventId` a `String`: every other field as the crate types it.
#[allow(dead_code)]
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ContentStringId {
    app_key: Option<String>,
    event_id: Option<String>,
    event_log_uuid: Option<String>,
    event_source_type: Option<String>,
    event_target: Option<ResponsePageContentEventTarget>,
    event_time: Option<AnyTimestamp>,
    org_id: Option<String>,
    product_id: Option<String>,
    project_id: Option<String>,
    project_name: Option<String>,
    region: Option<String>,
    request: Option<String>,
    response: Option<String>,
    tenant_id: Option<String>,
    user_agent: Option<String>,
    user_id: Option<String>,
    user_id_no: Option<String>,
    user_ip: Option<String>,
    user_name: Option<String>,
}

/// `v2_0::ResponsePage` holding [`ContentStringId`]s.
#[allow(dead_code)]
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PageStringId {
    content: Option<Vec<ContentStringId>>,
    empty: Option<bool>,
    first: Option<bool>,
    last: Option<bool>,
    number: Option<i64>,
    number_of_elements: Option<i64>,
    pageable: Option<StringOr<ResponsePagePageable>>,
    size: Option<i64>,
    sort: Option<ResponsePageSort>,
    total_elements: Option<i64>,
    total_pages: Option<i64>,
}

/// `v2_0::SearchResponse` holding a [`PageStringId`].
#[allow(dead_code)]
#[derive(Deserialize)]
struct ResponseStringId {
    header: Option<ResponseHeader>,
    page: Option<PageStringId>,
}

/// The crate's types: each `eventId` resolved (`AnyEventId::Known` or kept as `Unknown`).
#[divan::bench]
fn typed_ids(b: Bencher) {
    let body = body();
    let parsed: SearchResponse = serde_json::from_str(&body).unwrap();
    let content = parsed.page.unwrap().content.unwrap();
    assert_eq!(content.len(), EVENTS);
    let known = content
        .iter()
        .filter(|e| e.event_id.as_ref().is_some_and(|id| id.known().is_some()))
        .count();
    assert_eq!(known, EVENTS - EVENTS / 10);
    b.counter(ItemsCount::new(EVENTS))
        .bench(|| serde_json::from_str::<SearchResponse>(black_box(&body)).unwrap());
}

/// The same types with the event ID a `String`.
#[divan::bench]
fn string_ids(b: Bencher) {
    let body = body();
    let parsed: ResponseStringId = serde_json::from_str(&body).unwrap();
    assert_eq!(parsed.page.unwrap().content.unwrap().len(), EVENTS);
    b.counter(ItemsCount::new(EVENTS))
        .bench(|| serde_json::from_str::<ResponseStringId>(black_box(&body)).unwrap());
}
