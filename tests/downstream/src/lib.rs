//! Proof that a downstream crate can use the generated crate `cloud-trail-events` by path:
//! typed event IDs, matching on variants, names, the search API types, and unknown IDs kept.
//!
//! Works against whatever catalogue `generated/` was built from: the IDs it names
//! (`event_id.iaas.instance.create`, `event_id.iaas.instance.delete`) are in both the fixture
//! catalogue and the real one.

use cloud_trail_events::nhn::api::v2_0::SearchResponse;
use cloud_trail_events::nhn::{EventId, Locale};

/// The v2.0 response example of the English API guide (`nhn/en/api-guide.md`), verbatim.
pub const GUIDE_RESPONSE_V2: &str = r#"{
    "header": {
        "resultCode": 0,
        "resultMessage": "SUCCESS",
        "isSuccessful": true
    },
    "page": {
        "content": [
            {
                "eventTime": "2019-09-04T10:31:49.348+0000",
                "userIdNo": "24bfb870-46da-11e9-aafd-005056ac7022",
                "userIp":"10.162.5.18",
                "userAgent":"ReactorNetty/0.8.4.RELEASE",
                "userName": "Hong kildong",
                "userId": "test_email@nhn.com",
                "eventSourceType": "API",
                "productId": "M0XnzOFE",
                "region": "string",
                "orgId": "Y4PbNFUlBsRgAxcU",
                "projectId": "string",
                "projectName": "string",
                "appKey": "string",
                "tenantId": "string",
                "eventId": "event_id.iam.member.role.update",
                "eventLogUuid": "17278c08-8338-4fd9-9693-931290adb9ec",
                "request": "{\n\t\"id\" : \"2\",\n\t\"productId\" : \"M0XnzOFE\",\n\t\"uuid\" : \"24bfb870-46da-11e9-aafd-005056ac7022\"\n\t\n}",
                "response": "{\"header\":{\"resultCode\":0,\"resultMessage\":\"SUCCESS\",\"isSuccessful\":true}}",
                "eventTarget": {
                    "targetMembers": [
                        {
                            "idNo": "9c30dff8-53ba-4f18-8b44-22ab3b1678d7",
                            "name": "Lim kkukjeong",
                            "userCode": "test_user",
                            "emailAddress": "test_email2@nhn.com"
                        }
                    ]
                }
            }
        ],
        "pageable": "INSTANCE",
        "totalPages": 1,
        "totalElements": 1,
        "last": true,
        "size": 0,
        "number": 0,
        "numberOfElements": 1,
        "first": true,
        "sort": {
            "sorted": false,
            "unsorted": true,
            "empty": true
        },
        "empty": false
    }
}"#;

/// What happened to an instance, by matching on event ID variants.
pub fn instance_action(id: EventId) -> Option<&'static str> {
    match id {
        EventId::IaasInstanceCreate => Some("created"),
        EventId::IaasInstanceDelete => Some("deleted"),
        _ => None,
    }
}

/// One line per event of a v2.0 search response: time, event ID, and the English name when the
/// catalogue knows the ID (`(unknown to this catalogue)` otherwise).
pub fn summarise(json: &str) -> Result<Vec<String>, serde_json::Error> {
    let response: SearchResponse = serde_json::from_str(json)?;
    let events = response.page.and_then(|p| p.content).unwrap_or_default();
    Ok(events
        .iter()
        .map(|e| {
            let id = e.event_id.as_ref().map(|id| id.as_str()).unwrap_or("-");
            let name = e
                .event_id
                .as_ref()
                .and_then(|id| id.known())
                .map(|k| {
                    k.name(Locale::En)
                        .or(k.name(Locale::Ko))
                        .unwrap_or("(no name)")
                })
                .unwrap_or("(unknown to this catalogue)");
            format!(
                "{} {id} {name}",
                e.event_time.as_ref().map_or("-", |t| t.as_str())
            )
        })
        .collect())
}
