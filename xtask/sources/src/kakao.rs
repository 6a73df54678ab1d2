//! KakaoCloud Cloud Trail page text: glued table cells split with hints.
//! (Owned by the KakaoCloud importer work; this is a placeholder so the workspace builds.)

use crate::{Diagnostic, ReadError, SourceDoc};

/// What was read from one KakaoCloud page.
#[derive(Debug, Clone, Default)]
pub struct KakaoDocument {
    /// The document's path relative to the sources root.
    pub path: String,
    /// One record per table row understood, in document order.
    pub records: Vec<Record>,
    /// Problems found while reading.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads a KakaoCloud Cloud Trail page.
pub fn read(doc: &SourceDoc, _hints: &Hints) -> Result<KakaoDocument, ReadError> {
    Err(ReadError::invalid(&doc.path, None, "the KakaoCloud reader is not written yet"))
}

/// Known services and resource types used to split glued cells (`catalog/kakao/hints.yaml`).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Hints {}

/// One row as read. (Placeholder.)
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Record {
    /// 1-based line of the row.
    pub line: u32,
}
