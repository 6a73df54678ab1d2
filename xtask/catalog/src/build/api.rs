//! The search API from the API guides (every locale).
//! (Owned by the API guide work; placeholder so the workspace builds.)

use trail_sources::api_guide::ApiGuideDocument;
use trail_sources::{Diagnostic, SourceRef};

use crate::model::ApiSpec;

/// Merges API guides into the API model.
pub fn build(_docs: &[&ApiGuideDocument], _diags: &mut Vec<Diagnostic>) -> ApiSpec {
    ApiSpec::default()
}

/// The IAM permission the v2.0 API needs, e.g. `CloudTrail:EventLog.List`.
pub fn permission(_docs: &[&ApiGuideDocument]) -> Option<String> {
    None
}

/// Where the permission is stated.
pub fn permission_sources(_docs: &[&ApiGuideDocument]) -> Vec<SourceRef> {
    Vec::new()
}
