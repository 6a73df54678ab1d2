//! NHN CloudTrail markdown: event lists in every layout the vendor has used.
//! (Owned by the NHN importer work; this is a placeholder so the workspace builds.)

use crate::{Diagnostic, ReadError, SourceDoc};

/// What was read from one NHN document.
#[derive(Debug, Clone, Default)]
pub struct NhnDocument {
    /// The document's path relative to the sources root.
    pub path: String,
    /// One record per table row understood, in document order.
    pub records: Vec<Record>,
    /// Problems found while reading.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads an NHN CloudTrail markdown document.
pub fn read(doc: &SourceDoc) -> Result<NhnDocument, ReadError> {
    Err(ReadError::invalid(&doc.path, None, "the NHN reader is not written yet"))
}

/// One row as read. (Placeholder.)
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Record {
    /// 1-based line of the row.
    pub line: u32,
}
