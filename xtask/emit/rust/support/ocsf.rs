// Constant behaviour of the `ocsf` module, written by hand: `cargo xtask gen` copies this file
// into the generated crate as `src/ocsf.rs` below the stamp (this block of `//` lines is left
// out). The per-event tables that use these types are generated in `src/nhn/mod.rs` and
// `src/kakao.rs`.
//! What every event means in OCSF (the Open Cybersecurity Schema Framework) 1.x terms: its
//! [`Class`] and activity, the kind of resource it acts on and its action, as a [`Meaning`]
//! (see [`crate::nhn::EventId::meaning`] and [`crate::kakao::Event::meaning`]).
//!
//! With the `ocsf` feature, `from_v1_0` and `from_v2_0` turn a record of the NHN search API (an
//! item of `page.content`) into an OCSF event (`Event`) that serialises as OCSF 1.5.0 JSON.

// Generated from the catalogue's classification (formatted by prettyplease when written).
#[rustfmt::skip]
mod classes;

use classes::CLASSES;

/// An OCSF class the catalogue's events belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// 3001 Account Change: a user account's lifecycle, permissions and credentials.
    AccountChange,
    /// 3002 Authentication: sign-in and sign-out, interactive sessions.
    Authentication,
    /// 6003 API Activity: every other operation.
    ApiActivity,
}

impl Class {
    /// Every class, in `class_uid` order.
    pub const ALL: [Class; 3] = [
        Class::AccountChange,
        Class::Authentication,
        Class::ApiActivity,
    ];

    /// The OCSF `class_uid`: 3001, 3002 or 6003.
    pub fn uid(self) -> u32 {
        CLASSES[self as usize].uid
    }

    /// The class with this `class_uid`, if it is one of the three.
    pub fn from_uid(uid: u32) -> Option<Class> {
        Class::ALL.into_iter().find(|c| c.uid() == uid)
    }

    /// The OCSF class name (`API Activity`).
    pub fn name(self) -> &'static str {
        CLASSES[self as usize].name
    }

    /// The OCSF `category_uid`: 3 (Identity & Access Management) or 6 (Application Activity).
    pub fn category_uid(self) -> u32 {
        CLASSES[self as usize].category_uid
    }

    /// The OCSF category name.
    pub fn category_name(self) -> &'static str {
        CLASSES[self as usize].category_name
    }

    /// The activities of the class, `(activity_id, name)`, as OCSF 1.x enumerates them.
    pub fn activities(self) -> &'static [(u8, &'static str)] {
        CLASSES[self as usize].activities
    }

    /// The name of an activity of this class (`Create`), if the class has it.
    pub fn activity_name(self, activity_id: u8) -> Option<&'static str> {
        self.activities()
            .iter()
            .find(|(id, _)| *id == activity_id)
            .map(|(_, name)| *name)
    }
}

/// What the generated table (`src/ocsf/classes.rs`) holds of one class.
struct ClassInfo {
    uid: u32,
    category_uid: u32,
    category_name: &'static str,
    name: &'static str,
    activities: &'static [(u8, &'static str)],
}

impl core::fmt::Display for Class {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name())
    }
}

/// What an event means: the kind of resource it acts on, what it did, and its OCSF class and
/// activity. Derived by the catalogue's rules (and reviewed overrides) from the event's ID and
/// names; see the project README, "What every event means".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Meaning {
    /// The kind of resource, English snake_case (`instance`, `security_group_rule`).
    pub resource_type: &'static str,
    /// The verb (`create`, `modify`, `delete`, `login`, `start`, ...); `unknown` for an event
    /// the catalogue could not place.
    pub action: &'static str,
    /// The OCSF class.
    pub class: Class,
    /// The OCSF `activity_id` in that class (`0`, Unknown, only for an event the catalogue could
    /// not place).
    pub activity_id: u8,
}

impl Meaning {
    /// The OCSF activity name (`Create`, `Logon`, `Password Reset`).
    pub fn activity_name(&self) -> &'static str {
        self.class
            .activity_name(self.activity_id)
            .unwrap_or("Unknown")
    }

    /// The OCSF `type_uid`: `class_uid * 100 + activity_id` (600301 for API Activity: Create).
    pub fn type_uid(&self) -> u32 {
        self.class.uid() * 100 + self.activity_id as u32
    }
}

/// The accessors an event type with a `meaning()` gets: its action, OCSF class and activity.
macro_rules! meaning_accessors {
    () => {
        /// What the event did (`create`, `modify`, `login`, ...).
        pub fn action(self) -> &'static str {
            self.meaning().action
        }

        /// The event's OCSF class.
        pub fn ocsf_class(self) -> crate::ocsf::Class {
            self.meaning().class
        }

        /// The event's OCSF `activity_id` in its class (see
        /// [`crate::ocsf::Meaning::activity_name`]).
        pub fn ocsf_activity(self) -> u8 {
            self.meaning().activity_id
        }
    };
}
pub(crate) use meaning_accessors;

#[cfg(feature = "ocsf")]
pub use convert::{
    Actor, Api, ApiService, Cloud, ConvertError, Endpoint, Event, HttpRequest, Metadata,
    Organization, Original, Product, Resource, User, from_v1_0, from_v2_0,
};

#[cfg(feature = "ocsf")]
mod convert {
    use alloc::vec::Vec;

    use super::{Class, Meaning};
    use crate::nhn::AnyEventId;
    use crate::nhn::api::{AnyTimestamp, v1_0, v2_0};

    /// The OCSF schema version the events follow.
    pub const OCSF_VERSION: &str = "1.5.0";

    /// An NHN search API record as an OCSF 1.5.0 event of class 3001, 3002 or 6003. Serialise it
    /// with any serde format (JSON: the OCSF wire format).
    #[derive(Debug, Clone, PartialEq, serde::Serialize)]
    pub struct Event<'a> {
        /// 3001, 3002 or 6003.
        pub class_uid: u32,
        /// The class name.
        pub class_name: &'static str,
        /// 3 or 6.
        pub category_uid: u32,
        /// The category name.
        pub category_name: &'static str,
        /// The activity in the class: the event's catalogued one; 99 (Other) for an event ID this
        /// crate does not know or the catalogue could not place (OCSF validators reject 0).
        pub activity_id: u8,
        /// The activity's name.
        pub activity_name: &'static str,
        /// `class_uid * 100 + activity_id`.
        pub type_uid: u32,
        /// When the event happened, milliseconds since the Unix epoch (`eventTime`).
        pub time: i64,
        /// Always 1, Informational: the audit trail does not grade its events.
        pub severity_id: u8,
        /// `Informational`.
        pub severity: &'static str,
        /// The product, the OCSF version, the record's `eventLogUuid` and event ID.
        pub metadata: Metadata<'a>,
        /// Who did it: the member of `userId`, `userIdNo`, `userName`.
        pub actor: Actor<'a>,
        /// For 3002 Authentication, the member who signed in (the actor); for 3001 Account
        /// Change, the account changed (the first `eventTarget.targetMembers` entry, else the
        /// actor). Absent for API Activity.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub user: Option<User<'a>>,
        /// The operation: the event ID, and the product it belongs to.
        pub api: Api<'a>,
        /// Where the call came from (`userIp`).
        pub src_endpoint: Endpoint<'a>,
        /// The caller's user agent, when the record has one.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub http_request: Option<HttpRequest<'a>>,
        /// NHN Cloud, the region, project and organization.
        pub cloud: Cloud<'a>,
        /// The kind of resource acted on, from the catalogue; empty when it does not know the ID.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        pub resources: Vec<Resource>,
        /// The original record, unchanged.
        pub unmapped: Original<'a>,
    }

    /// OCSF `metadata`.
    #[derive(Debug, Clone, PartialEq, serde::Serialize)]
    pub struct Metadata<'a> {
        /// NHN Cloud CloudTrail.
        pub product: Product,
        /// The OCSF version, `1.5.0`.
        pub version: &'static str,
        /// The record's `eventLogUuid`.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub uid: Option<&'a str>,
        /// The record's event ID.
        pub event_code: &'a str,
        /// `cloud`: the event carries the cloud profile's `cloud` object.
        pub profiles: [&'static str; 1],
    }

    /// OCSF `product`.
    #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
    pub struct Product {
        /// `CloudTrail`.
        pub name: &'static str,
        /// `NHN Cloud`.
        pub vendor_name: &'static str,
    }

    /// OCSF `actor`.
    #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
    pub struct Actor<'a> {
        /// The member who did it.
        pub user: User<'a>,
    }

    /// OCSF `user`.
    #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
    pub struct User<'a> {
        /// The member's UUID (`userIdNo`, `idNo`).
        #[serde(skip_serializing_if = "Option::is_none")]
        pub uid: Option<&'a str>,
        /// The member's name (`userName`, `name`), else their ID (`userId`).
        #[serde(skip_serializing_if = "Option::is_none")]
        pub name: Option<&'a str>,
        /// The member's email address, when the ID is one (NHN Cloud members) or the target
        /// gives one (`emailAddress`).
        #[serde(skip_serializing_if = "Option::is_none")]
        pub email_addr: Option<&'a str>,
    }

    /// OCSF `api`.
    #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
    pub struct Api<'a> {
        /// The event ID (`event_id.iaas.instance.create`).
        pub operation: &'a str,
        /// The product (`productId`), when the record names one.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub service: Option<ApiService<'a>>,
    }

    /// OCSF `api.service`.
    #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
    pub struct ApiService<'a> {
        /// The record's `productId`.
        pub name: &'a str,
    }

    /// OCSF `network_endpoint` (`src_endpoint`).
    #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
    pub struct Endpoint<'a> {
        /// The caller's IP address (`userIp`).
        #[serde(skip_serializing_if = "Option::is_none")]
        pub ip: Option<&'a str>,
    }

    /// OCSF `http_request`.
    #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
    pub struct HttpRequest<'a> {
        /// The record's `userAgent`.
        pub user_agent: &'a str,
    }

    /// OCSF `cloud`.
    #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
    pub struct Cloud<'a> {
        /// `NHN Cloud`.
        pub provider: &'static str,
        /// The record's `region`.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub region: Option<&'a str>,
        /// The record's `projectId`.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub project_uid: Option<&'a str>,
        /// The record's organization (`orgId`).
        #[serde(skip_serializing_if = "Option::is_none")]
        pub org: Option<Organization<'a>>,
    }

    /// OCSF `organization`.
    #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
    pub struct Organization<'a> {
        /// The record's `orgId`.
        pub uid: &'a str,
    }

    /// OCSF `resource_details` (an entry of `resources`).
    #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
    pub struct Resource {
        /// The catalogue's resource type (`instance`).
        #[serde(rename = "type")]
        pub kind: &'static str,
    }

    /// The record an [`Event`] was made from, serialised as it was read.
    #[derive(Debug, Clone, PartialEq, serde::Serialize)]
    #[serde(untagged)]
    pub enum Original<'a> {
        /// A v1.0 record.
        V1_0(&'a v1_0::ResponsePageContent),
        /// A v2.0 record.
        V2_0(&'a v2_0::ResponsePageContent),
    }

    /// Why a record cannot become an OCSF event: a field OCSF requires is missing.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum ConvertError {
        /// The record has no `eventId`.
        MissingEventId,
        /// The record has no `eventTime` (OCSF's `time` is required).
        MissingEventTime,
        /// The record's `eventTime` is not a timestamp the API writes (kept as text in the
        /// record's `AnyTimestamp::Invalid`); OCSF's `time` needs one.
        InvalidEventTime,
    }

    impl core::fmt::Display for ConvertError {
        fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
            f.write_str(match self {
                ConvertError::MissingEventId => "the record has no eventId",
                ConvertError::MissingEventTime => "the record has no eventTime",
                ConvertError::InvalidEventTime => "the record's eventTime is not a valid timestamp",
            })
        }
    }

    impl core::error::Error for ConvertError {}

    /// The fields both API versions' records share, borrowed.
    struct Fields<'a> {
        event_id: Option<&'a AnyEventId>,
        event_time: Option<&'a AnyTimestamp>,
        event_log_uuid: Option<&'a str>,
        product_id: Option<&'a str>,
        user_id: Option<&'a str>,
        user_id_no: Option<&'a str>,
        user_name: Option<&'a str>,
        user_ip: Option<&'a str>,
        user_agent: Option<&'a str>,
        region: Option<&'a str>,
        project_id: Option<&'a str>,
        org_id: Option<&'a str>,
        target: Option<User<'a>>,
    }

    macro_rules! fields {
        ($r:expr) => {{
            let r = $r;
            Fields {
                event_id: r.event_id.as_ref(),
                event_time: r.event_time.as_ref(),
                event_log_uuid: r.event_log_uuid.as_deref(),
                product_id: r.product_id.as_deref(),
                user_id: r.user_id.as_deref(),
                user_id_no: r.user_id_no.as_deref(),
                user_name: r.user_name.as_deref(),
                user_ip: r.user_ip.as_deref(),
                user_agent: r.user_agent.as_deref(),
                region: r.region.as_deref(),
                project_id: r.project_id.as_deref(),
                org_id: r.org_id.as_deref(),
                target: r
                    .event_target
                    .as_ref()
                    .and_then(|t| t.target_members.as_ref())
                    .and_then(|m| m.first())
                    .map(|m| User {
                        uid: m.id_no.as_deref(),
                        name: m.name.as_deref(),
                        email_addr: m.email_address.as_deref(),
                    }),
            }
        }};
    }

    /// A v1.0 search API record (an item of `page.content`) as an OCSF event.
    pub fn from_v1_0(record: &v1_0::ResponsePageContent) -> Result<Event<'_>, ConvertError> {
        event(fields!(record), Original::V1_0(record))
    }

    /// A v2.0 search API record (an item of `page.content`) as an OCSF event.
    pub fn from_v2_0(record: &v2_0::ResponsePageContent) -> Result<Event<'_>, ConvertError> {
        event(fields!(record), Original::V2_0(record))
    }

    fn event<'a>(f: Fields<'a>, original: Original<'a>) -> Result<Event<'a>, ConvertError> {
        let id = f.event_id.ok_or(ConvertError::MissingEventId)?;
        let at = f
            .event_time
            .ok_or(ConvertError::MissingEventTime)?
            .valid()
            .ok_or(ConvertError::InvalidEventTime)?;
        let time = at.unix_seconds() * 1000 + i64::from(at.nanosecond() / 1_000_000);
        let meaning = id.known().map(|k| k.meaning());
        // An ID this crate does not know, or an event the catalogue could not place: API
        // Activity, Other (OCSF validators accept no activity 0).
        let (class, activity_id) = match meaning {
            Some(Meaning {
                class, activity_id, ..
            }) if activity_id != 0 => (class, activity_id),
            _ => (Class::ApiActivity, 99),
        };
        let actor = User {
            uid: f.user_id_no,
            name: f.user_name.or(f.user_id),
            email_addr: f.user_id.filter(|u| u.contains('@')),
        };
        let user = match class {
            Class::Authentication => Some(actor.clone()),
            Class::AccountChange => Some(f.target.unwrap_or_else(|| actor.clone())),
            Class::ApiActivity => None,
        };
        let mut resources = Vec::new();
        if let Some(m) = meaning.filter(|m| !m.resource_type.is_empty()) {
            resources.push(Resource {
                kind: m.resource_type,
            });
        }
        Ok(Event {
            class_uid: class.uid(),
            class_name: class.name(),
            category_uid: class.category_uid(),
            category_name: class.category_name(),
            activity_id,
            activity_name: class.activity_name(activity_id).unwrap_or("Other"),
            type_uid: class.uid() * 100 + u32::from(activity_id),
            time,
            severity_id: 1,
            severity: "Informational",
            metadata: Metadata {
                product: Product {
                    name: "CloudTrail",
                    vendor_name: "NHN Cloud",
                },
                version: OCSF_VERSION,
                uid: f.event_log_uuid,
                event_code: id.as_str(),
                profiles: ["cloud"],
            },
            actor: Actor { user: actor },
            user,
            api: Api {
                operation: id.as_str(),
                service: f.product_id.map(|name| ApiService { name }),
            },
            src_endpoint: Endpoint { ip: f.user_ip },
            http_request: f.user_agent.map(|user_agent| HttpRequest { user_agent }),
            cloud: Cloud {
                provider: "NHN Cloud",
                region: f.region,
                project_uid: f.project_id,
                org: f.org_id.map(|uid| Organization { uid }),
            },
            resources,
            unmapped: original,
        })
    }
}
