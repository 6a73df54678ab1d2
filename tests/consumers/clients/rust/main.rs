//! The check program of the Rust client that openapi-generator writes (`check_clients.py` builds
//! it against the generated crate `cloudtrail`).
//!
//! Usage: main CASES BASE_URL EVENT_ID. CASES is a JSON array of `{"schema": NAME, "value": ...}`;
//! each value is decoded with the client's model of NAME and encoded again, and the results are
//! printed as one JSON array (`{"ok": value}` or `{"error": text}`). Then one search request with
//! EVENT_ID is sent to BASE_URL with the client's API function, and the decoded answer printed.

use cloudtrail::apis::configuration::Configuration;
use cloudtrail::apis::events_api;
use cloudtrail::models;
use serde_json::{Value, json};

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(v: &Value) -> Value {
    match serde_json::from_value::<T>(v.clone()) {
        Ok(t) => json!({ "ok": serde_json::to_value(&t).expect("a model serialises") }),
        Err(e) => json!({ "error": e.to_string() }),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let cases: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(&args[1]).expect("cases file")).expect("cases JSON");
    let results: Vec<Value> = cases
        .iter()
        .map(|c| match c["schema"].as_str().unwrap_or_default() {
            "EventSearchRequestV1_0" => round_trip::<models::EventSearchRequestV10>(&c["value"]),
            "EventSearchRequestV2_0" => round_trip::<models::EventSearchRequestV20>(&c["value"]),
            "EventSearchResponseV1_0" => round_trip::<models::EventSearchResponseV10>(&c["value"]),
            "EventSearchResponseV2_0" => round_trip::<models::EventSearchResponseV20>(&c["value"]),
            other => json!({ "error": format!("no model for {other}") }),
        })
        .collect();
    println!("{}", Value::Array(results));

    let config = Configuration {
        base_path: args[2].clone(),
        api_key: Some(cloudtrail::apis::configuration::ApiKey {
            prefix: None,
            key: "check-key".into(),
        }),
        ..Configuration::default()
    };
    let mut page = models::EventSearchRequestV20Page::new(0);
    page.limit = Some(10);
    let request = models::EventSearchRequestV20::new(
        "2026-01-02T00:00:00.000Z".into(),
        args[3].clone(),
        page,
        "2026-01-01T00:00:00.000Z".into(),
    );
    let sent = match events_api::search_events_v20(&config, "check-app-key", request) {
        Ok(answer) => json!({ "ok": serde_json::to_value(&answer).expect("a model serialises") }),
        Err(e) => json!({ "error": e.to_string() }),
    };
    println!("{sent}");
}
