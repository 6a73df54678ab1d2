//! NHN CloudTrail API guide: endpoints, field tables and JSON examples.
//! (Owned by the API guide work; this is a placeholder so the workspace builds.)

use crate::{Diagnostic, ReadError, SourceDoc};

/// What was read from one API guide.
#[derive(Debug, Clone, Default)]
pub struct ApiGuideDocument {
    /// The document's path relative to the sources root.
    pub path: String,
    /// One record per table row understood, in document order.
    pub records: Vec<Record>,
    /// Problems found while reading.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads an NHN CloudTrail API guide.
pub fn read(doc: &SourceDoc) -> Result<ApiGuideDocument, ReadError> {
    Err(ReadError::invalid(&doc.path, None, "the API guide reader is not written yet"))
}

/// One row as read. (Placeholder.)
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Record {
    /// 1-based line of the row.
    pub line: u32,
}
