//! JSON Schemas for the catalogue files, written to `generated/schema/` by `cargo xtask gen`.
//!
//! Every file written by import names its schema in a `yaml-language-server`
//! comment, so editors with YAML support validate hand edits as they are typed.

use schemars::schema_for;
use serde_json::Value;

use crate::model::{self, hand};

/// `(file name, schema)` for every catalogue file kind, sorted by file name.
pub fn schemas() -> Vec<(&'static str, Value)> {
    let mut out = vec![
        ("api.schema.json", to_value(schema_for!(model::ApiSpec))),
        (
            "classification.schema.json",
            to_value(schema_for!(hand::ClassificationOverrides)),
        ),
        (
            "findings.schema.json",
            to_value(schema_for!(model::Findings)),
        ),
        (
            "kakao-events.schema.json",
            to_value(schema_for!(Vec<model::KakaoEvent>)),
        ),
        (
            "kakao-hints.schema.json",
            to_value(schema_for!(trail_sources::kakao::Hints)),
        ),
        (
            "kakao-overrides.schema.json",
            to_value(schema_for!(hand::KakaoOverrides)),
        ),
        (
            "kakao-versions.schema.json",
            to_value(schema_for!(Vec<model::kakao::ResourceVersions>)),
        ),
        (
            "nhn-events.schema.json",
            to_value(schema_for!(Vec<model::NhnEvent>)),
        ),
        (
            "nhn-lists.schema.json",
            to_value(schema_for!(Vec<model::nhn::ListObservation>)),
        ),
        (
            "nhn-overrides.schema.json",
            to_value(schema_for!(hand::NhnOverrides)),
        ),
        (
            "nhn-services.schema.json",
            to_value(schema_for!(Vec<model::NhnService>)),
        ),
        ("roles.schema.json", to_value(schema_for!(model::Roles))),
        ("waivers.schema.json", to_value(schema_for!(hand::Waivers))),
    ];
    out.sort_by(|a, b| a.0.cmp(b.0));
    out
}

fn to_value(schema: schemars::Schema) -> Value {
    schema.to_value()
}
