//! Stage 1 of the pipeline: vendor documents in, records and diagnostics out.
//!
//! ```text
//! docs --[trail-sources]--> records --[trail-catalog]--> catalogue --[trail-emit-*]--> outputs
//! ```
//!
//! Nothing here knows about the catalogue files or the generated outputs. Every
//! table row a reader sees becomes either a record or a [`Diagnostic`] with a
//! stable code, a severity and the file and line it came from.

pub mod api_guide;
pub mod codes;
pub mod detect;
pub mod diag;
pub mod git;
pub mod kakao;
mod lines;
pub mod locale;
pub mod nhn;
mod table;

pub use detect::{DocKind, detect_kind};
pub use diag::{Diagnostic, Severity, SourceRef};
pub use locale::Locale;

/// A document loaded into memory, with the path it will be reported under.
///
/// `path` is relative to the sources root (for example `nhn/ko/event-list.md`)
/// so that diagnostics and catalogue provenance never contain absolute paths.
#[derive(Debug, Clone)]
pub struct SourceDoc {
    /// Path used in diagnostics and provenance, `/`-separated.
    pub path: String,
    /// The full text of the document.
    pub text: String,
}

impl SourceDoc {
    /// The revision a snapshot's file name gives: its leading digits (`seeds/003_cad3.txt` is
    /// 3, `nhn/ko/event-list.md` none). Readers record it so that later snapshots of one page
    /// win over earlier ones.
    pub fn revision(&self) -> Option<u32> {
        revision_of(&self.path)
    }
}

/// The revision a file name gives (see [`SourceDoc::revision`]).
pub fn revision_of(path: &str) -> Option<u32> {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Everything read from one document, by kind.
#[derive(Debug, Clone)]
pub enum Extracted {
    /// An NHN CloudTrail event list or overview page.
    Nhn(nhn::NhnDocument),
    /// A KakaoCloud Cloud Trail "Key Concepts" page.
    Kakao(kakao::KakaoDocument),
    /// An NHN CloudTrail API guide.
    ApiGuide(api_guide::ApiGuideDocument),
}

impl Extracted {
    /// The diagnostics raised while reading the document.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Extracted::Nhn(d) => &d.diagnostics,
            Extracted::Kakao(d) => &d.diagnostics,
            Extracted::ApiGuide(d) => &d.diagnostics,
        }
    }

    /// The NHN event list this is, if it is one.
    pub fn nhn(&self) -> Option<&nhn::NhnDocument> {
        match self {
            Extracted::Nhn(d) => Some(d),
            _ => None,
        }
    }
}

/// A problem with a file or a folder outside a document's text (loading or writing the catalogue,
/// running git in a docs repository). Callers print it and exit with code 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IoError {
    /// The file or folder involved, as given.
    pub path: std::path::PathBuf,
    /// What went wrong and what to do.
    pub message: String,
}

impl std::fmt::Display for IoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for IoError {}

/// Why a document could not be read at all. `extract` exits with code 2 on any of these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// The document's path as given by the caller.
    pub path: String,
    /// The line the problem is on, when there is one.
    pub line: Option<u32>,
    /// What is wrong, and what to do about it.
    pub message: String,
    /// Whether the document is fine but holds nothing this reader wants (a prose-only page).
    /// Import notes and skips such a document; anything else stops import.
    pub no_data: bool,
}

impl ReadError {
    /// A document that cannot be read: import stops, extract exits 2.
    pub fn invalid(path: &str, line: Option<u32>, message: impl Into<String>) -> Self {
        ReadError {
            path: path.to_owned(),
            line,
            message: message.into(),
            no_data: false,
        }
    }

    /// A readable document with nothing for this reader (for example no table at all).
    pub fn no_data(path: &str, message: impl Into<String>) -> Self {
        ReadError {
            path: path.to_owned(),
            line: None,
            message: message.into(),
            no_data: true,
        }
    }
}

/// Documents larger than this are refused: the largest upstream page is about 160 KB.
pub const MAX_DOC_BYTES: usize = 4 << 20;

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.path, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

impl std::error::Error for ReadError {}

/// Decodes raw bytes as a document, refusing binary data and invalid UTF-8.
///
/// A UTF-8 byte-order mark is dropped. Line ends are kept as they are: the readers end a line at
/// `\n`, `\r\n` or a lone `\r`, as CommonMark does.
pub fn decode(path: &str, bytes: &[u8]) -> Result<SourceDoc, ReadError> {
    let err = |message: String| ReadError::invalid(path, None, message);
    if bytes.len() > MAX_DOC_BYTES {
        return Err(err(format!(
            "the file is {} bytes, more than the {} MiB limit for one document (the largest upstream \
             page is about 160 KB); check that this is the right file",
            bytes.len(),
            MAX_DOC_BYTES >> 20
        )));
    }
    if bytes.is_empty() {
        return Err(err(
            "the file is empty; expected a CloudTrail document (markdown or page text)".into(),
        ));
    }
    if bytes.contains(&0) {
        return Err(err(
            "the file contains NUL bytes and looks binary; expected a text document".into(),
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(SourceDoc {
            path: path.to_owned(),
            text: text.to_owned(),
        }),
        Err(e) => {
            let line = lines::line_of_offset(bytes, e.valid_up_to());
            Err(ReadError::invalid(
                path,
                Some(line),
                format!(
                    "invalid UTF-8 at byte {}; re-save the document as UTF-8",
                    e.valid_up_to()
                ),
            ))
        }
    }
}

/// Hand-written knowledge the readers need, loaded from the catalogue by the caller.
#[derive(Debug, Clone, Default)]
pub struct ReadContext {
    /// Known KakaoCloud services and resource types (`catalog/kakao/hints.yaml`).
    pub kakao_hints: kakao::Hints,
}

/// Reads one document of a known kind.
///
/// Returns an error when the document holds nothing a reader of that kind can
/// use (no tables at all, no event table); problems inside a usable document
/// are diagnostics in the result.
pub fn extract(doc: &SourceDoc, kind: DocKind, ctx: &ReadContext) -> Result<Extracted, ReadError> {
    match kind {
        DocKind::Nhn => nhn::read(doc).map(Extracted::Nhn),
        DocKind::Kakao => kakao::read(doc, &ctx.kakao_hints).map(Extracted::Kakao),
        DocKind::ApiGuide => api_guide::read(doc).map(Extracted::ApiGuide),
    }
}

#[cfg(test)]
mod tests {
    use super::revision_of;

    #[test]
    fn a_revision_is_the_leading_digits_of_the_file_name() {
        assert_eq!(revision_of("seeds/003_cad.txt"), Some(3));
        assert_eq!(revision_of("page.txt"), None);
    }
}
