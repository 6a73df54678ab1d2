//! Markdown and saved HTML, once `markup` has made blocks of them: sections and sub-headings from
//! text blocks; event, versions and role tables (with their check marks) by their header cells;
//! event examples from code blocks; every other table row and text block as prose for `roles`.
//!
//! Markdown and HTML are parsed in `markup`, not here, and no cell is split: the cells are apart,
//! and the hints only check each row's service and resource type. It knows nothing of the
//! catalogue.

use super::headers::{is_fields_header, is_version, is_versions_header, parse_header};
use super::markup::{Block, CellRow, CellTable};
use super::reader::Reader;
use super::roles::{Prose, concept_scope};
use super::{Record, RoleKind, RoleTable, Scope, Split, VersionsRow};
use crate::Severity;

/// A role table cell as a check mark: `Some(true)` for a mark, `Some(false)` for none, `None`
/// for a cell that is neither.
fn mark(cell: &str) -> Option<bool> {
    match cell.trim() {
        "✓" | "✔" | "✔️" | "☑" | "✅" | "O" | "o" | "Y" | "Yes" | "yes" | "check" => {
            Some(true)
        }
        "" | "-" | "–" | "—" | "✗" | "✕" | "×" | "X" | "x" | "N" | "No" | "no" => {
            Some(false)
        }
        _ => None,
    }
}

impl Reader<'_> {
    /// Reads the page as blocks (markdown, HTML): sections and sub-headings, event, versions and
    /// role tables by their header cells, code blocks; returns the prose for [`Self::read_roles`].
    pub(crate) fn read_blocks(&mut self, blocks: &[Block]) -> Vec<Prose> {
        let mut section: Option<Scope> = None;
        let mut heading: Option<(String, u32)> = None;
        let mut role_heading: Option<RoleKind> = None;
        let mut prose = Vec::new();
        for block in blocks {
            match block {
                Block::Text { text, line } => {
                    match text.as_str() {
                        "Organization events" => {
                            (section, heading) = (Some(Scope::Organization), None)
                        }
                        "Project events" => (section, heading) = (Some(Scope::Project), None),
                        "Organization role" => role_heading = Some(RoleKind::Organization),
                        "Project role" => role_heading = Some(RoleKind::Project),
                        t if t.split_whitespace().count() <= 4 && !t.ends_with(['.', ':']) => {
                            heading = Some((t.to_owned(), *line)); // a sub-heading such as `Virtual Machine`
                        }
                        _ => {}
                    }
                    prose.push(Prose {
                        text: text.clone(),
                        context: None,
                        line: *line,
                    });
                }
                Block::Code { text, line } => {
                    if text.trim_start().starts_with(['{', '[']) {
                        self.example(*line, crate::lines::first_line(text.trim_start()));
                    }
                }
                Block::Table(t) => {
                    let heading = heading.take();
                    self.cell_table(t, section, heading, role_heading, &mut prose);
                }
            }
        }
        prose
    }

    /// Reads one table whose cells are apart.
    fn cell_table(
        &mut self,
        t: &CellTable,
        section: Option<Scope>,
        heading: Option<(String, u32)>,
        role_heading: Option<RoleKind>,
        prose: &mut Vec<Prose>,
    ) {
        let joined = t.head.concat();
        if let Some(h) = parse_header(&joined) {
            if let Some(scope) = self.header_scope(section, h, t.line, &t.raw) {
                for row in &t.rows {
                    self.cell_row(row, scope, h.description, heading.as_ref());
                }
            }
            return;
        }
        if is_versions_header(&joined) {
            self.diag(
                t.line,
                "kakao/versions-table",
                Severity::Info,
                "a `Resource type / Versions` table: read as resource type -> versions, not as events".into(),
                &t.raw,
            );
            for row in &t.rows {
                self.cell_versions_row(row);
            }
            return;
        }
        if t.head.first().is_some_and(|c| c == "Permission") && t.head.len() > 1 {
            let mut marks = Vec::new();
            for row in &t.rows {
                let mut ticks = Vec::new();
                for i in 1..t.head.len() {
                    let cell = row.cells.get(i).map(String::as_str).unwrap_or_default();
                    ticks.push(mark(cell).unwrap_or_else(|| {
                        self.diag(
                            row.line,
                            "kakao/unknown-role-mark",
                            Severity::Warning,
                            format!("role table cell `{cell}` is neither a check mark (✓) nor empty; read as no mark"),
                            &row.raw,
                        );
                        false
                    }));
                }
                marks.push(ticks);
            }
            self.role_table(
                RoleTable {
                    kind: role_heading,
                    roles: t.head[1..].to_vec(),
                    permissions: t
                        .rows
                        .iter()
                        .map(|r| r.cells.first().cloned().unwrap_or_default())
                        .collect(),
                    marks: Some(marks),
                    condition: None,
                    line: t.line,
                },
                &t.raw,
            );
            return;
        }
        if is_fields_header(&joined) {
            let fields: Vec<&str> = t
                .rows
                .iter()
                .filter_map(|r| r.cells.first())
                .map(String::as_str)
                .collect();
            self.diag(
                t.line,
                "kakao/event-log-fields",
                Severity::Info,
                format!(
                    "a table of the event log's fields (not events): {}; the catalogue does not record it",
                    fields.join(", ")
                ),
                &t.raw,
            );
            return;
        }
        // Any other table (the key terms): its rows are prose, a concept row's cells with its scope.
        for row in &t.rows {
            let context = row.cells.first().and_then(|c| concept_scope(c));
            let cells = if context.is_some() {
                &row.cells[1..]
            } else {
                &row.cells[..]
            };
            prose.push(Prose {
                text: cells.join(" "),
                context,
                line: row.line,
            });
        }
    }

    /// An event row whose cells are apart: the hints must know its service and resource type.
    fn cell_row(
        &mut self,
        row: &CellRow,
        scope: Scope,
        description: bool,
        heading: Option<&(String, u32)>,
    ) {
        let cell = |i: usize| row.cells.get(i).map(String::as_str).unwrap_or_default();
        let Some(service) = self
            .hints
            .services
            .iter()
            .find(|s| !s.name.is_empty() && s.name == cell(0))
        else {
            self.diag(
                row.line,
                "kakao/unknown-service",
                Severity::Error,
                format!(
                    "service `{}` is not in catalog/kakao/hints.yaml; add the service and its resource types there; \
                     the row is skipped",
                    cell(0)
                ),
                &row.raw,
            );
            return;
        };
        if !service.resource_types.iter().any(|rt| rt == cell(1)) {
            self.diag(
                row.line,
                "kakao/unknown-resource-type",
                Severity::Error,
                format!(
                    "resource type `{}` is not known for service `{}`; add it to catalog/kakao/hints.yaml; the row \
                     is skipped",
                    cell(1),
                    service.name
                ),
                &row.raw,
            );
            return;
        }
        if cell(2).is_empty() {
            self.diag(
                row.line,
                "kakao/empty-name",
                Severity::Error,
                format!(
                    "the event name cell is empty (service `{}`, resource type `{}`); the row is skipped",
                    cell(0),
                    cell(1)
                ),
                &row.raw,
            );
            return;
        }
        let record = Record {
            scope,
            service: cell(0).to_owned(),
            resource_type: cell(1).to_owned(),
            name: cell(2).to_owned(),
            description: Some(cell(3))
                .filter(|d| description && !d.is_empty())
                .map(str::to_owned),
            line: row.line,
            split: Split::Cells,
            stray_spaces: false,
        };
        self.push_record(record, &row.raw, heading);
    }

    /// A row of the versions table whose cells are apart: resource type, comma list of versions.
    fn cell_versions_row(&mut self, row: &CellRow) {
        let rt = row.cells.first().map(String::as_str).unwrap_or_default();
        let versions = row.cells.get(1).map(String::as_str).unwrap_or_default();
        if rt.is_empty() || row.cells.len() != 2 || !versions.split(',').all(is_version) {
            self.diag(
                row.line,
                "kakao/bad-versions-row",
                Severity::Error,
                "expected a resource type cell and a cell with a comma list of versions (`1.0.0, 1.1.0`); the row \
                 is skipped"
                    .into(),
                &row.raw,
            );
            return;
        }
        self.doc.versions.push(VersionsRow {
            resource_type: rt.to_owned(),
            versions: versions.split(',').map(|v| v.trim().to_owned()).collect(),
            line: row.line,
        });
    }
}
