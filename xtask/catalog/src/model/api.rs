//! The NHN CloudTrail search API, as described by the API guide.
//! (Owned by the API guide work; this is a placeholder so the workspace builds.)

use serde::{Deserialize, Serialize};

/// The search API: versions, endpoints, headers, request and response fields.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ApiSpec {}
