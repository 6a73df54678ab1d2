//! The reader's state, shared by both forms: the document being filled, the hints, and what every
//! form does the same way: raising a diagnostic, keeping an event row or a role table with the
//! notes the hints give on it, telling an event table's scope, noting an event example.
//!
//! How a form finds its tables and rows is not here (`text` for page text, `blocks` for markdown
//! and HTML), nor who may view what (`roles`). It knows nothing of the catalogue.

use super::headers::Header;
use super::{Hints, KakaoDocument, Record, RoleCondition, RoleTable, Scope};
use crate::{Diagnostic, Severity, SourceRef};

/// Fills one [`KakaoDocument`] from a page: the state every reading pass shares.
pub(crate) struct Reader<'a> {
    pub(crate) doc: &'a mut KakaoDocument,
    pub(crate) hints: &'a Hints,
    /// Sentences about "the following" roles, for the next role table.
    pub(crate) conditions: Vec<(RoleCondition, String)>,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(doc: &'a mut KakaoDocument, hints: &'a Hints) -> Self {
        Reader {
            doc,
            hints,
            conditions: Vec::new(),
        }
    }
}

impl Reader<'_> {
    /// Raises a diagnostic at `line` of the page, quoting `raw` unless it is empty.
    pub(crate) fn diag(
        &mut self,
        line: u32,
        code: &str,
        severity: Severity,
        message: String,
        raw: &str,
    ) {
        let d = Diagnostic::new(
            SourceRef::new(self.doc.path.clone(), line),
            code,
            severity,
            message,
        );
        self.doc
            .diagnostics
            .push(if raw.is_empty() { d } else { d.raw(raw) });
    }

    /// The scope of an event table's rows: the header's, else the section's; a header naming the
    /// other scope than its section, or no scope anywhere, is reported.
    pub(crate) fn header_scope(
        &mut self,
        section: Option<Scope>,
        h: Header,
        line: u32,
        raw: &str,
    ) -> Option<Scope> {
        let scope = match (section, h.scope) {
            (Some(s), Some(hs)) if s != hs => {
                self.diag(
                    line,
                    "kakao/scope-mismatch",
                    Severity::Error,
                    format!(
                        "the header names {} events but the table is in the {} events section; \
                         its rows are read with the header's scope",
                        hs.as_str(),
                        s.as_str()
                    ),
                    raw,
                );
                Some(hs)
            }
            (s, hs) => hs.or(s),
        };
        if scope.is_none() {
            self.diag(
                line,
                "kakao/no-scope",
                Severity::Error,
                "event table outside the Organization events and Project events sections, and its \
                 header names no scope; its rows are skipped"
                    .into(),
                raw,
            );
        }
        scope
    }

    /// Keeps a role table, reporting roles the hints do not know or give another kind.
    pub(crate) fn role_table(&mut self, table: RoleTable, raw: &str) {
        let line = table.line;
        for role in &table.roles {
            match self.hints.role(role) {
                None => self.diag(
                    line,
                    "kakao/unknown-role",
                    Severity::Warning,
                    format!(
                        "role `{role}` is not in catalog/kakao/hints.yaml; add it with its kind"
                    ),
                    raw,
                ),
                Some(h) if table.kind.is_some_and(|k| k != h.kind) => self.diag(
                    line,
                    "kakao/role-kind-mismatch",
                    Severity::Warning,
                    format!(
                        "role `{role}` is listed under the wrong heading for its kind in the hints"
                    ),
                    raw,
                ),
                Some(_) => {}
            }
        }
        self.doc.role_tables.push(table);
    }

    /// Keeps a row that was read, with its notes (a skipped row has its error, said once).
    pub(crate) fn push_record(
        &mut self,
        record: Record,
        raw: &str,
        heading: Option<&(String, u32)>,
    ) {
        let line = record.line;
        if record.stray_spaces {
            self.diag(
                line,
                "kakao/stray-spaces",
                Severity::Info,
                "runs of spaces between cells were skipped".into(),
                raw,
            );
        }
        if let Some((h, hline)) = heading
            && self.hints.services.iter().any(|s| &s.name == h)
            && h != &record.service
        {
            self.diag(
                line,
                "kakao/heading-mismatch",
                Severity::Warning,
                format!(
                    "row of service `{}` under the sub-heading `{h}` (line {hline})",
                    record.service
                ),
                raw,
            );
        }
        self.doc.records.push(record);
    }

    /// Notes an event example (JSON): not events; the catalogue does not record it.
    pub(crate) fn example(&mut self, line: u32, raw: &str) {
        self.diag(
            line,
            "kakao/event-example",
            Severity::Info,
            "an example of an event log record (JSON); not events, the catalogue does not record it".into(),
            raw,
        );
    }
}
