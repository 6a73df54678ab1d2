//! Telling document kinds apart from their text alone.

use crate::{ReadError, SourceDoc};

/// The kinds of document the readers understand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DocKind {
    /// NHN CloudTrail markdown: an event list, or an overview page with an event table.
    Nhn,
    /// A KakaoCloud Cloud Trail page: page text (tables without cell separators), markdown or
    /// saved HTML.
    Kakao,
    /// NHN CloudTrail API guide markdown.
    ApiGuide,
}

impl DocKind {
    /// The name used on the command line (`--kind nhn|kakao|api-guide`).
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Nhn => "nhn",
            DocKind::Kakao => "kakao",
            DocKind::ApiGuide => "api-guide",
        }
    }

    /// Parses a command-line name.
    pub fn from_name(name: &str) -> Option<DocKind> {
        [DocKind::Nhn, DocKind::Kakao, DocKind::ApiGuide]
            .into_iter()
            .find(|k| k.as_str() == name)
    }
}

/// Decides what kind of document `doc` is.
///
/// A page that names KakaoCloud, in any form (markdown, saved HTML, page text), is a KakaoCloud
/// page (no NHN document names it). Markdown with pipe tables is NHN (an API guide when it names
/// the search endpoint); text without pipe tables that speaks of KakaoCloud or its "Cloud Trail"
/// is a KakaoCloud page. Anything else is refused so that the caller can say so instead of
/// reading nonsense.
pub fn detect_kind(doc: &SourceDoc) -> Result<DocKind, ReadError> {
    let text = &doc.text;
    if text.contains("KakaoCloud") {
        return Ok(DocKind::Kakao);
    }
    if crate::kakao::Form::of(text) == crate::kakao::Form::Html {
        return Err(ReadError::invalid(
            &doc.path,
            None,
            "an HTML page that does not name KakaoCloud: only KakaoCloud Cloud Trail pages are read as HTML; \
             NHN documents are markdown (pass --kind kakao to read it as a KakaoCloud page anyway)",
        ));
    }
    let has_pipe_table = crate::lines::split(text).any(|l| is_delimiter_row(l.text));
    if has_pipe_table || text.contains("CloudTrail") {
        if text.contains("/cloud-trail/v") || text.contains("[Request Body]") {
            return Ok(DocKind::ApiGuide);
        }
        if has_pipe_table || crate::lines::split(text).any(|l| l.text.starts_with('#')) {
            return Ok(DocKind::Nhn);
        }
    }
    if text.contains("Cloud Trail") || text.contains("KakaoCloud") {
        return Ok(DocKind::Kakao);
    }
    Err(ReadError::invalid(
        &doc.path,
        None,
        "not a CloudTrail document: no markdown table and no mention of NHN CloudTrail or \
                  KakaoCloud Cloud Trail; pass --kind nhn|kakao|api-guide to force a reader",
    ))
}

/// A markdown table delimiter row such as `| --- | :---: |` or `---|---`.
fn is_delimiter_row(line: &str) -> bool {
    let t = line.trim();
    t.contains('-')
        && t.contains('|')
        && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> SourceDoc {
        SourceDoc {
            path: "x.md".into(),
            text: text.into(),
        }
    }

    #[test]
    fn tells_kinds_apart() {
        assert_eq!(
            detect_kind(&doc("|a|b|\n|---|---|\n|1|2|\n")).unwrap(),
            DocKind::Nhn
        );
        assert_eq!(
            detect_kind(&doc(
                "|Method|URI|\n|---|---|\n|POST|/cloud-trail/v1.0/x|\n"
            ))
            .unwrap(),
            DocKind::ApiGuide
        );
        assert_eq!(
            detect_kind(&doc("Key Concepts\nCloud Trail in KakaoCloud\n")).unwrap(),
            DocKind::Kakao
        );
        assert!(detect_kind(&doc("hello world\n")).is_err());
        // KakaoCloud pages in their other forms.
        assert_eq!(
            detect_kind(&doc(
                "# Key Concepts\n\nKakaoCloud\n\n| a | b |\n| --- | --- |\n"
            ))
            .unwrap(),
            DocKind::Kakao
        );
        assert_eq!(
            detect_kind(&doc(
                "<html><p>KakaoCloud</p><table><tr><td>x</td></tr></table>"
            ))
            .unwrap(),
            DocKind::Kakao
        );
        assert!(detect_kind(&doc("<html><table><tr><td>x</td></tr></table>")).is_err());
        // A lone CR ends a line: CR-only documents are told apart like LF ones.
        assert_eq!(
            detect_kind(&doc("|a|b|\r|---|---|\r|1|2|\r")).unwrap(),
            DocKind::Nhn
        );
        assert_eq!(
            detect_kind(&doc("# CloudTrail\rtext\r")).unwrap(),
            DocKind::Nhn
        );
    }
}
