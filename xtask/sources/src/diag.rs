//! Diagnostics: every problem found in a document or the catalogue.
//!
//! A diagnostic has a stable `code` (kebab-case, namespaced by provider, for
//! example `nhn/malformed-id`), a severity, and the place it was found. Codes
//! never change meaning once released; waivers in the catalogue refer to them.

use serde::{Deserialize, Serialize};

/// How bad a finding is. `cargo xtask check` fails on any unwaived error.
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
pub enum Severity {
    /// The vendor docs are wrong in a way that changes the catalogue's meaning.
    Error,
    /// Probably wrong or inconsistent; the catalogue is still sound.
    Warning,
    /// Worth knowing (a cleaning applied, a coverage figure).
    Info,
}

impl Severity {
    /// Lowercase name, as printed and serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A place in a source document: path relative to the sources root and a 1-based line.
///
/// Serialised as the string `path:line`, the form editors and terminals link.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SourceRef {
    /// Path relative to the sources root, `/`-separated.
    pub path: String,
    /// 1-based line number.
    pub line: u32,
}

impl SourceRef {
    /// A place in `path` at 1-based `line`.
    pub fn new(path: impl Into<String>, line: u32) -> Self {
        SourceRef {
            path: path.into(),
            line,
        }
    }
}

impl std::fmt::Display for SourceRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.path, self.line)
    }
}

impl std::str::FromStr for SourceRef {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (path, line) = s
            .rsplit_once(':')
            .ok_or_else(|| format!("expected `path:line`, got `{s}`"))?;
        let line = line
            .parse()
            .map_err(|_| format!("expected a line number after `:` in `{s}`"))?;
        Ok(SourceRef {
            path: path.to_owned(),
            line,
        })
    }
}

impl Serialize for SourceRef {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for SourceRef {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for SourceRef {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "SourceRef".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^.+:[0-9]+$",
            "description": "A place in a source document: `path:line`, path relative to the sources root."
        })
    }
}

/// One finding: a problem in a document or in the catalogue built from it.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
pub struct Diagnostic {
    /// Where it was found. Catalogue-wide findings point at the first place involved.
    pub at: SourceRef,
    /// Stable code, e.g. `nhn/malformed-id`. See the README's table of codes.
    pub code: String,
    /// How bad it is.
    pub severity: Severity,
    /// What the finding is about (an event ID, a KakaoCloud event key, a field), used by waivers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// One sentence: what is wrong and, where it helps, what to do.
    pub message: String,
    /// The raw source text involved (a cell or a row), verbatim: one line at most, and at most
    /// [`MAX_RAW_CHARS`] characters (a longer one is cut and ends with `…`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw: Option<String>,
}

impl Diagnostic {
    /// A diagnostic at `at` with `code`, `severity` and `message`; add `subject` and `raw` with the builders.
    pub fn new(at: SourceRef, code: &str, severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            at,
            code: code.to_owned(),
            severity,
            subject: None,
            message: message.into(),
            raw: None,
        }
    }

    /// A diagnostic at `at` with `code`, raised with the severity the registry gives the code
    /// ([`crate::codes::CODES`]), and `message`; add `subject` and `raw` with the builders.
    /// Use [`Diagnostic::new`] only for a code's documented other severity (`adjusted`).
    ///
    /// # Panics
    ///
    /// When `code` is not registered: a bug that the registry's test (which reads every code
    /// literal of the workspace) reports first.
    pub fn raise(at: SourceRef, code: &str, message: impl Into<String>) -> Self {
        let info = crate::codes::lookup(code)
            .unwrap_or_else(|| panic!("`{code}` is not in trail_sources::codes::CODES"));
        Diagnostic::new(at, code, info.severity, message)
    }

    /// Sets what the finding is about.
    pub fn subject(mut self, subject: impl Into<String>) -> Self {
        self.subject = Some(subject.into());
        self
    }

    /// Sets the raw source text involved: its first line (a line ends at `\n`, `\r\n` or a lone
    /// `\r`), cut to [`MAX_RAW_CHARS`] characters. A cut text ends with `…`, so a diagnostic never
    /// quotes more than one line, however the document is broken.
    pub fn raw(mut self, raw: impl Into<String>) -> Self {
        self.raw = Some(quote(&raw.into()));
        self
    }
}

/// The most characters a diagnostic's `raw` quotes.
pub const MAX_RAW_CHARS: usize = 300;

/// The first line of `raw`, at most [`MAX_RAW_CHARS`] characters; `…` marks a cut.
fn quote(raw: &str) -> String {
    let line = crate::lines::first_line(raw);
    let mut out: String = line.chars().take(MAX_RAW_CHARS).collect();
    if out.len() < raw.trim_end_matches(['\n', '\r']).len() {
        out.push('…');
    }
    out
}

impl std::fmt::Display for Diagnostic {
    /// `path:line: severity[code]: message [subject: ...] (raw: "...")`, one line. The subject
    /// is what a waiver names, so it is shown wherever there is one.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {}[{}]: {}",
            self.at, self.severity, self.code, self.message
        )?;
        if let Some(subject) = &self.subject {
            write!(f, " [subject: {subject}]")?;
        }
        if let Some(raw) = &self.raw {
            write!(f, " (raw: {raw:?})")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_is_one_line_and_capped() {
        let d = |raw: &str| {
            Diagnostic::new(
                SourceRef::new("x", 1),
                "nhn/stray-row",
                Severity::Warning,
                "m",
            )
            .raw(raw)
            .raw
            .unwrap()
        };
        assert_eq!(d("| a | b |"), "| a | b |");
        assert_eq!(d("| a |\r| b |\r"), "| a |…");
        assert_eq!(d("| a |\r\n| b |"), "| a |…");
        let long = "가".repeat(1000);
        let cut = d(&long);
        assert_eq!(cut.chars().count(), MAX_RAW_CHARS + 1);
        assert!(cut.ends_with('…'));
        assert_eq!(d(""), "");
        assert_eq!(d("| a |\n"), "| a |", "a line end alone is no cut");
    }
}
