//! The NHN CloudTrail search API, as described by the API guide (`catalog/nhn/api.yaml`).
//!
//! Field types, required flags and descriptions come from the guide's tables
//! (ko and en, ja and zh descriptions when given); the JSON examples are kept
//! verbatim next to a cleaned, parsed copy. Every list is sorted so that the
//! YAML is stable:
//!
//! * versions by version string (`v1.0`, `v2.0`);
//! * fields by `path`;
//! * parameters and headers by name;
//! * rules by their serialised form (kind, then field).
//!
//! ## Field paths
//!
//! `ApiField::path` is the dotted path from the body's root, resolved against
//! the JSON example: the response table's `eventTime` is
//! `page.content.eventTime`, `targetMembers.userCode` is
//! `page.content.eventTarget.targetMembers.userCode`. Arrays are not marked in
//! the path: a field whose `json_type` is `array` holds objects whose fields are
//! its children (`page.content` is an array of events). Fields the example
//! shows but no table lists (`page`, `page.content`) are included with
//! `origin: example`, so that the fields form a complete tree.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use trail_sources::{Locale, SourceRef};

/// The search API: common response header, and each version's endpoint, headers, fields and rules.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApiSpec {
    /// The `header` object every response carries (the guide's "Common Response Body"), sorted by path.
    #[serde(default)]
    pub common_response: Vec<ApiField>,
    /// The common response example, per locale.
    #[serde(default)]
    pub common_examples: BTreeMap<Locale, JsonExample>,
    /// The versions of the search endpoint, sorted (`v1.0`, `v2.0`).
    #[serde(default)]
    pub versions: Vec<ApiVersion>,
}

/// One version of the event search endpoint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApiVersion {
    /// The version as it appears in the path, e.g. `v2.0`.
    pub version: String,
    /// The HTTP method, upper case (`POST`).
    pub method: String,
    /// The path template, e.g. `/cloud-trail/v2.0/appkeys/{appKey}/events/search`.
    pub path: String,
    /// The path template's variables (`appKey`), sorted by name.
    pub path_variables: Vec<ApiParam>,
    /// Required request headers (v2.0: `X-TC-AUTHENTICATION-ID`, `X-TC-AUTHENTICATION-SECRET`), sorted by name.
    #[serde(default)]
    pub headers: Vec<ApiParam>,
    /// The IAM permission the call needs (v2.0: `CloudTrail:EventLog.List`), if the guide names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permission: Option<String>,
    /// Request body fields, sorted by path.
    pub request: Vec<ApiField>,
    /// Response body fields (besides the common `header`), sorted by path.
    pub response: Vec<ApiField>,
    /// Rules on the request the guide states in prose, as data.
    #[serde(default)]
    pub rules: Vec<RequestRule>,
    /// The request body example, per locale.
    #[serde(default)]
    pub request_examples: BTreeMap<Locale, JsonExample>,
    /// The response body example, per locale (they differ: ko v2.0 shows `pageable` as an object, en as `"INSTANCE"`).
    #[serde(default)]
    pub response_examples: BTreeMap<Locale, JsonExample>,
    /// Where the endpoint is stated (its Method/URI row in each guide), sorted.
    pub sources: Vec<SourceRef>,
}

/// A named parameter: a path variable or a request header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApiParam {
    /// The name as written, e.g. `appKey` or `X-TC-AUTHENTICATION-ID`.
    pub name: String,
    /// What to pass, per locale (the guide's Value column).
    pub descriptions: BTreeMap<Locale, String>,
    /// Every row that lists it, sorted.
    pub sources: Vec<SourceRef>,
}

/// A JSON type, as a schema would name it.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum JsonType {
    /// A string (the guide's `String`, and `Date`, with a format).
    String,
    /// An integer (`Integer`, `int`, `Long`).
    Integer,
    /// A number with a fraction (`Double`, `Float`).
    Number,
    /// `true` or `false` (`boolean`, `Boolean`).
    Boolean,
    /// An object (`Object`).
    Object,
    /// An array (`Array`, `List`).
    Array,
    /// `null` (only ever seen in examples).
    Null,
}

impl JsonType {
    /// The lowercase name used by JSON Schema and OpenAPI.
    pub fn as_str(self) -> &'static str {
        match self {
            JsonType::String => "string",
            JsonType::Integer => "integer",
            JsonType::Number => "number",
            JsonType::Boolean => "boolean",
            JsonType::Object => "object",
            JsonType::Array => "array",
            JsonType::Null => "null",
        }
    }

    /// Normalises a type as the guide writes it (`String`, `int`, `Date`, `boolean`, ...).
    ///
    /// Returns the JSON type and, for `Date`, the string format (`date-time`).
    /// `None` for a name it does not know: the caller reports it.
    pub fn from_written(written: &str) -> Option<(JsonType, Option<&'static str>)> {
        let t = written.trim().to_ascii_lowercase();
        Some(match t.as_str() {
            "string" | "str" | "uuid" => (JsonType::String, None),
            "date" | "datetime" | "date-time" | "timestamp" => {
                (JsonType::String, Some("date-time"))
            }
            "int" | "integer" | "long" | "short" => (JsonType::Integer, None),
            "double" | "float" | "number" | "decimal" => (JsonType::Number, None),
            "boolean" | "bool" => (JsonType::Boolean, None),
            "object" | "map" | "json" => (JsonType::Object, None),
            "array" | "list" => (JsonType::Array, None),
            _ => return None,
        })
    }

    /// The type of a JSON value.
    pub fn of(value: &serde_json::Value) -> JsonType {
        match value {
            serde_json::Value::Null => JsonType::Null,
            serde_json::Value::Bool(_) => JsonType::Boolean,
            serde_json::Value::Number(n) if n.is_i64() || n.is_u64() => JsonType::Integer,
            serde_json::Value::Number(_) => JsonType::Number,
            serde_json::Value::String(_) => JsonType::String,
            serde_json::Value::Array(_) => JsonType::Array,
            serde_json::Value::Object(_) => JsonType::Object,
        }
    }
}

impl std::fmt::Display for JsonType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a field's entry comes from.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum FieldOrigin {
    /// A row of a field table (and, usually, the example too).
    Table,
    /// Only the JSON example shows it (a parent object such as `page.content`, or a field no table lists).
    Example,
}

/// One field of a request or response body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApiField {
    /// Dotted path from the body's root, resolved against the example (see the module docs), e.g. `page.limit`.
    pub path: String,
    /// The key as the table writes it (`UserId`, `targetMembers.userCode`), when a table lists the field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Whether a table lists the field or only the example shows it.
    pub origin: FieldOrigin,
    /// The type as the table writes it (`String`, `Integer`, `Date`, `Object`, `boolean`, `int`), verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_written: Option<String>,
    /// `type_written` normalised, when it is a known type name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table_type: Option<JsonType>,
    /// The type the JSON example shows, when the example has the field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example_type: Option<JsonType>,
    /// The type to use: the example's when it has the field (the examples are captured responses, the
    /// tables hand-written: `userIdNo` is typed Object but is a UUID string), else the table's.
    /// Disagreements are reported by `cargo xtask check` (`api/type-mismatch`).
    pub json_type: JsonType,
    /// String format, e.g. `date-time` for the guide's `Date`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// Whether the request must give it (request tables' `O`/`X`); `None` where the table has no such column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    /// The table's description, per locale.
    #[serde(default)]
    pub descriptions: BTreeMap<Locale, String>,
    /// Every table row that lists it, sorted (empty for `origin: example`).
    #[serde(default)]
    pub sources: Vec<SourceRef>,
}

/// A JSON example from the guide: verbatim, and parsed when it can be.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JsonExample {
    /// The code block's text exactly as published (with its `/* comments */`).
    pub text: String,
    /// The text with comments removed, parsed; `None` when even that is not JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<serde_json::Value>,
    /// Where the code block starts (its opening fence).
    pub source: SourceRef,
}

/// A rule on the request body that the guide states in prose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RequestRule {
    /// What the rule says, as data.
    pub rule: RuleKind,
    /// The sentence stating it, per locale.
    pub descriptions: BTreeMap<Locale, String>,
    /// Every place it is stated, sorted.
    pub sources: Vec<SourceRef>,
}

/// The kinds of request rule. Field names are full dotted paths (`member.emailAddress`).
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum RuleKind {
    /// When `field` is one of `values`, every field of `requires` must be given and none of `forbids`.
    ///
    /// The guide names the NHN Cloud member type `NHN Cloud` in prose and `TOAST` in the example's
    /// comment; which spelling the server accepts is not stated, so both are listed.
    Conditional {
        /// The field tested, e.g. `member.memberType`.
        field: String,
        /// The values that trigger the rule, sorted.
        values: Vec<String>,
        /// Fields that must then be given, sorted.
        requires: Vec<String>,
        /// Fields that must then be absent, sorted.
        forbids: Vec<String>,
    },
    /// When `field` is given it wins: the fields in `over` are ignored.
    Precedence {
        /// The winning field, e.g. `idNo`.
        field: String,
        /// The fields it overrides, sorted.
        over: Vec<String>,
    },
    /// A numeric bound on `field`, and its default.
    Range {
        /// The field, e.g. `page.limit`.
        field: String,
        /// The largest value allowed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<i64>,
        /// The value used when the field is not given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        default: Option<i64>,
    },
    /// Leaving `field` out searches without that filter (all members).
    OptionalFilter {
        /// The field, e.g. `member`.
        field: String,
    },
}

impl RuleKind {
    /// The field the rule is about.
    pub fn field(&self) -> &str {
        match self {
            RuleKind::Conditional { field, .. }
            | RuleKind::Precedence { field, .. }
            | RuleKind::Range { field, .. }
            | RuleKind::OptionalFilter { field } => field,
        }
    }
}

impl ApiSpec {
    /// The version with this name (`v1.0`), if any.
    pub fn version(&self, version: &str) -> Option<&ApiVersion> {
        self.versions.iter().find(|v| v.version == version)
    }
}

impl ApiVersion {
    /// The request field at `path`, if any.
    pub fn request_field(&self, path: &str) -> Option<&ApiField> {
        self.request.iter().find(|f| f.path == path)
    }

    /// The response field at `path`, if any.
    pub fn response_field(&self, path: &str) -> Option<&ApiField> {
        self.response.iter().find(|f| f.path == path)
    }
}
