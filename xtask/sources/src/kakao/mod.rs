//! KakaoCloud Cloud Trail "Key Concepts" pages, as page text, markdown or saved HTML.
//!
//! The form is told by content ([`Form::of`]). Markdown and HTML keep the cells apart and the
//! role tables' check marks: they are read as blocks (`markup`), each event row's service and
//! resource type checked against the hints (an unknown one is the same error as in page text),
//! and give the same records as the page text of the same revision. The rest of this overview
//! is about page text.
//!
//! The page text's tables lost their cell separators: `Virtual MachineBlock StorageVolume Create`
//! is service `Virtual Machine`, resource type `Block Storage`, event `Volume Create`.
//! This reader splits such rows with hand-written [`Hints`] and never guesses: every
//! table row becomes a [`Record`] or a [`Diagnostic`] naming the file, line and raw row.
//!
//! # How the page is read
//!
//! * **Sections.** A line `Organization events` or `Project events` starts a section and
//!   gives the scope of the event tables in it, until the next such line.
//! * **Tables.** A table starts at a glued header line made of known column titles
//!   (`ServiceResource typeProject event name`, `Service NameResource TypeProject Event
//!   NameDescription`, ...) and ends at the next blank line. A header's event-name column
//!   (`Organization event name` / `Project event name`) must agree with the section.
//!   Inside a section, a glued line (no spaces at its cell boundaries, not a sentence) right
//!   after a blank line that splits with the hints starts a *header-less* table with the
//!   columns of the section's previous table (3 if none), reported as `kakao/headerless-table`.
//! * **Rows, three columns.** The service is the longest known service the row starts
//!   with; the resource type is the longest known resource type of that service that
//!   follows (it may not end mid-word); the rest is the event name. Runs of spaces at the
//!   cell boundaries (`IAM    Domain   Console Login`) are skipped and noted. A name in which a
//!   lowercase letter meets an uppercase one (`Virtual MachineInstance TemplateInstance Template
//!   Create` split after the known `Instance`) did not split cleanly: the row is an error
//!   (`kakao/glued-name`) naming the resource type to add to the hints, and is skipped.
//! * **Rows, four columns.** The name and the description are split at the one place where
//!   a lowercase letter is directly followed by an uppercase one (`Detail ViewView billing`):
//!   the page glued the description, which starts with a capitalised verb, to the name. A
//!   row with no such place, or several, is reported (`kakao/unsplit-description`).
//! * **`Resource typeVersions`.** Not events: each row is a resource type followed by a
//!   comma list of version numbers, kept in [`KakaoDocument::versions`].
//! * **Roles.** Role tables (`PermissionOrganization AdminTrail Viewer`) name roles, but
//!   their check marks are lost; who may view what comes from the prose: a sentence with
//!   "queryable", "viewable" or "can view" names roles (those in the hints) and scopes
//!   ("organization events", "project events", or the concept row the bullet belongs to).
//!   "All members/users of the project" means every project role of hints.yaml, named on the
//!   page or not (`kakao/project-members`).
//!   Each role table then gives one grant per role: from its marks where the form keeps them
//!   (checked against the prose, `kakao/role-marks-disagree`), else what the prose says of the
//!   role. A sentence about "the following" roles ("Users with a project role who also hold the
//!   following organization roles can view both project and organization events") qualifies
//!   the next role table: its scopes, held with a project role.
//! * **Other facts.** A retention period, the event log's fields table and a JSON event example
//!   are reported (`kakao/retention`, `kakao/event-log-fields`, `kakao/event-example`), not read
//!   as events; a page without event tables is noted (`kakao/no-event-tables`).
//! * **Revision.** The leading digits of the file name (`003_…` is revision 3); pages are
//!   ordered by revision, then path, and the later one wins.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::{Diagnostic, ReadError, Severity, SourceDoc, SourceRef};

mod hints;
mod markup;

pub use hints::{Hints, RoleHint, ServiceHint};
pub use markup::Form;
use markup::{Block, CellRow, CellTable};

/// What was read from one KakaoCloud page.
#[derive(Debug, Clone, Default)]
pub struct KakaoDocument {
    /// The document's path relative to the sources root.
    pub path: String,
    /// The page revision: the leading digits of the file name, if any (`003_x.txt` is 3).
    pub revision: Option<u32>,
    /// The form the page was captured in (page text, markdown, saved HTML), told by its content.
    pub form: Form,
    /// One record per event row understood, in document order.
    pub records: Vec<Record>,
    /// The rows of the `Resource type / Versions` table, in document order.
    pub versions: Vec<VersionsRow>,
    /// Role tables: header roles, permission rows, and their check marks where the form keeps them.
    pub role_tables: Vec<RoleTable>,
    /// Who may view which scope: one entry per role and prose statement, then one per role of
    /// each role table (from its marks, or from the prose where the marks are lost).
    pub role_grants: Vec<RoleGrant>,
    /// Problems found while reading, and notes on how rows were read.
    pub diagnostics: Vec<Diagnostic>,
}

/// Which event list a row belongs to, and so who may view the event.
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
pub enum Scope {
    /// Events of organization-wide services (the "Organization events" section).
    Organization,
    /// Events of project-wide services (the "Project events" section).
    Project,
}

impl Scope {
    /// Lowercase name, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Organization => "organization",
            Scope::Project => "project",
        }
    }
}

/// Whether a KakaoCloud role is held in an organization or in a project.
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
pub enum RoleKind {
    /// An organization role (Organization Admin, Trail Viewer, ...).
    Organization,
    /// A project role (Project Admin, Project Member, ...).
    Project,
}

/// How a row's cells were told apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Split {
    /// Service and resource type by longest match against the hints; the rest is the name.
    Hints,
    /// As `Hints`, then name and description at the single lowercase-to-uppercase boundary.
    HintsCaseBoundary,
    /// The form keeps the cells apart (markdown, HTML); the hints only check service and resource type.
    Cells,
}

/// One event row as read. The name is verbatim from the page (typos kept).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Record {
    /// The section the row is in.
    pub scope: Scope,
    /// The service, e.g. `Virtual Machine`.
    pub service: String,
    /// The resource type, e.g. `Block Storage`.
    pub resource_type: String,
    /// The event name, verbatim.
    pub name: String,
    /// The description, in tables with a Description column.
    pub description: Option<String>,
    /// 1-based line of the row.
    pub line: u32,
    /// How the row was split.
    pub split: Split,
    /// Whether runs of spaces between cells were skipped (`IAM    Domain   Console Login`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub stray_spaces: bool,
}

/// A row of the `Resource type / Versions` table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VersionsRow {
    /// The resource type, e.g. `Hadoop HDE`.
    pub resource_type: String,
    /// The versions, in page order.
    pub versions: Vec<String>,
    /// 1-based line of the row.
    pub line: u32,
}

/// A role table: `Permission` then one column per role; rows are permissions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoleTable {
    /// The kind, from the heading above the table (`Organization role` / `Project role`).
    pub kind: Option<RoleKind>,
    /// The role columns, in page order.
    pub roles: Vec<String>,
    /// The permission rows (`View organization events`, ...), in page order.
    pub permissions: Vec<String>,
    /// The check marks, one list per permission row with one entry per role; `None` where the
    /// form lost them (page text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marks: Option<Vec<Vec<bool>>>,
    /// The sentence just before the table that qualifies it ("Users with a project role who also
    /// hold the following organization roles can view both project and organization events").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<RoleCondition>,
    /// 1-based line of the header.
    pub line: u32,
}

/// A sentence that says what the roles of the next role table may view, and on what condition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoleCondition {
    /// The scopes the sentence grants, sorted.
    pub scopes: Vec<Scope>,
    /// The kind of role the user must hold as well ("users with a project role who also hold
    /// the following organization roles"), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub held_with: Option<RoleKind>,
    /// 1-based line of the sentence.
    pub line: u32,
}

/// Where a [`RoleGrant`] was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Via {
    /// A prose statement naming the role ("Viewable only by IAM roles: Organization Admin ...").
    Statement,
    /// A role table's check marks.
    Marks,
    /// A role table whose marks are lost (page text): its roles' rows as the prose states them.
    TableProse,
}

/// One prose statement that a role may view events of some scopes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoleGrant {
    /// The role, as named in the hints.
    pub role: String,
    /// Organization or project role (from the hints).
    pub kind: RoleKind,
    /// The scopes the statement grants, sorted.
    pub scopes: Vec<Scope>,
    /// The kind of role the user must hold as well for this grant (an organization role held
    /// with a project role), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub held_with: Option<RoleKind>,
    /// A statement in the prose, or a role table (its marks, or the prose for lost marks).
    pub via: Via,
    /// 1-based line of the statement, or of the role table's header.
    pub line: u32,
}

/// Column titles a glued event-table header is made of (lowercase, spaces removed).
const COLUMNS: &[(&str, Column)] = &[
    ("servicename", Column::Service),
    ("service", Column::Service),
    ("resourcetype", Column::ResourceType),
    (
        "organizationeventname",
        Column::Name(Some(Scope::Organization)),
    ),
    ("projecteventname", Column::Name(Some(Scope::Project))),
    ("eventname", Column::Name(None)),
    ("description", Column::Description),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Service,
    ResourceType,
    Name(Option<Scope>),
    Description,
}

/// A parsed event-table header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Header {
    scope: Option<Scope>,
    description: bool,
}

/// What the lines currently belong to.
#[derive(Debug, Clone)]
enum Table {
    None,
    Events {
        scope: Option<Scope>,
        description: bool,
        heading: Option<(String, u32)>,
    },
    Versions,
    Roles(usize),
    /// A table read as a whole (the event log's fields): its rows are not events.
    Skip,
}

/// Reads a KakaoCloud Cloud Trail page, in any of its forms ([`Form::of`] tells them apart):
/// page text, markdown or saved HTML. The same revision gives the same records in every form
/// (only lines and [`Split`] / [`Via`] say how they were read).
///
/// Fails with [`ReadError::no_data`] for a page with no event, versions or role table and no
/// role prose.
pub fn read(doc: &SourceDoc, hints: &Hints) -> Result<KakaoDocument, ReadError> {
    // A line ends at `\n`, `\r\n` or a lone `\r`; from here on, at `\n` only.
    let doc = &*crate::lines::normalized(doc);
    let form = Form::of(&doc.text);
    let mut out = KakaoDocument {
        path: doc.path.clone(),
        revision: doc.revision(),
        form,
        ..Default::default()
    };
    let mut r = Reader::new(&mut out, hints);
    let prose = match form {
        Form::Text => {
            r.read_tables(&doc.text);
            text_prose(&doc.text)
        }
        Form::Markdown => r.read_blocks(&markup::markdown(&doc.text)),
        Form::Html => r.read_blocks(&markup::html(&doc.text)),
    };
    r.read_roles(&prose);
    r.table_grants();
    if out.records.is_empty()
        && (!out.role_tables.is_empty() || !out.role_grants.is_empty())
        && !out
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    {
        out.diagnostics.push(Diagnostic::raise(
            SourceRef::new(out.path.clone(), 1),
            "kakao/no-event-tables",
            "this revision of the page has no event table: it retires no event (the catalogue keeps the \
             events of the other revisions); its roles and other facts are read",
        ));
    }
    if out.records.is_empty()
        && out.versions.is_empty()
        && out.role_tables.is_empty()
        && out.role_grants.is_empty()
    {
        return Err(ReadError::no_data(
            &doc.path,
            "no KakaoCloud event table, versions table, role table or role statement on this page",
        ));
    }
    Ok(out)
}

struct Reader<'a> {
    doc: &'a mut KakaoDocument,
    hints: &'a Hints,
    /// Sentences about "the following" roles, for the next role table.
    conditions: Vec<(RoleCondition, String)>,
}

/// A piece of prose that may say who can view events: its text, the scope of the concept row it
/// belongs to (a bullet under `Organization event`), and its line.
#[derive(Debug, Clone)]
struct Prose {
    text: String,
    context: Option<Scope>,
    line: u32,
}

/// The scope a concept row is about, from its first words (`Organization Event...`).
fn concept_scope(text: &str) -> Option<Scope> {
    let lower = text.to_lowercase();
    if lower.starts_with("organization event") {
        Some(Scope::Organization)
    } else if lower.starts_with("project event") {
        Some(Scope::Project)
    } else {
        None
    }
}

/// The prose of page text: bullets with the concept row they belong to, and every other line
/// that is not a concept row.
fn text_prose(text: &str) -> Vec<Prose> {
    let mut out = Vec::new();
    let mut context: Option<Scope> = None;
    for (i, raw) in text.lines().enumerate() {
        let line = i as u32 + 1;
        let t = raw.trim();
        if let Some(bullet) = t.strip_prefix("- ") {
            out.push(Prose {
                text: bullet.to_owned(),
                context,
                line,
            });
            continue;
        }
        context = concept_scope(t);
        if context.is_none() {
            out.push(Prose {
                text: t.to_owned(),
                context: None,
                line,
            });
        }
    }
    out
}

/// The scope a role table's permission row is about (`View organization events`).
fn permission_scope(permission: &str) -> Option<Scope> {
    let lower = permission.to_lowercase();
    if lower.contains("organization event") {
        Some(Scope::Organization)
    } else if lower.contains("project event") {
        Some(Scope::Project)
    } else {
        None
    }
}

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

impl<'a> Reader<'a> {
    fn new(doc: &'a mut KakaoDocument, hints: &'a Hints) -> Self {
        Reader {
            doc,
            hints,
            conditions: Vec::new(),
        }
    }
}

impl Reader<'_> {
    fn diag(&mut self, line: u32, code: &str, severity: Severity, message: String, raw: &str) {
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

    fn read_tables(&mut self, text: &str) {
        let mut section: Option<Scope> = None;
        let mut table = Table::None;
        // The columns of the section's last event table, for header-less tables.
        let mut last_description: Option<bool> = None;
        let mut heading: Option<(String, u32)> = None;
        let mut role_heading: Option<RoleKind> = None;
        let mut prev_blank = true;
        let mut in_example = false;
        for (i, raw) in text.lines().enumerate() {
            let line = i as u32 + 1;
            let t = raw.trim();
            if t.is_empty() {
                table = Table::None;
                prev_blank = true;
                in_example = false;
                continue;
            }
            let was_blank = std::mem::replace(&mut prev_blank, false);
            if !in_example && (t == "{" || t.starts_with("{\"")) {
                in_example = true;
                self.example(line, raw);
            }
            if in_example {
                in_example = !raw.starts_with('}');
                continue;
            }
            if is_fields_header(t) {
                self.diag(
                    line,
                    "kakao/event-log-fields",
                    Severity::Info,
                    "a table of the event log's fields (not events); the catalogue does not record it".into(),
                    raw,
                );
                table = Table::Skip;
                continue;
            }
            match t {
                "Organization events" => {
                    (section, table, heading, last_description) =
                        (Some(Scope::Organization), Table::None, None, None);
                    continue;
                }
                "Project events" => {
                    (section, table, heading, last_description) =
                        (Some(Scope::Project), Table::None, None, None);
                    continue;
                }
                "Organization role" => role_heading = Some(RoleKind::Organization),
                "Project role" => role_heading = Some(RoleKind::Project),
                _ => {}
            }
            if let Some(h) = parse_header(t) {
                let scope = self.header_scope(section, h, line, raw);
                last_description = Some(h.description);
                table = Table::Events {
                    scope,
                    description: h.description,
                    heading: heading.take(),
                };
                continue;
            }
            if is_versions_header(t) {
                table = Table::Versions;
                self.diag(
                    line,
                    "kakao/versions-table",
                    Severity::Info,
                    "a `Resource type / Versions` table: read as resource type -> versions, not as events".into(),
                    raw,
                );
                continue;
            }
            if let Some(roles) = t.strip_prefix("Permission").filter(|r| !r.is_empty()) {
                let roles = split_case_boundaries(roles);
                self.diag(
                    line,
                    "kakao/role-marks-lost",
                    Severity::Info,
                    format!(
                        "role table for {}: its check marks are lost in the page text, so who may view what \
                         is taken from the page's prose",
                        roles.join(", ")
                    ),
                    raw,
                );
                self.role_table(
                    RoleTable {
                        kind: role_heading,
                        roles,
                        permissions: Vec::new(),
                        marks: None,
                        condition: None,
                        line,
                    },
                    raw,
                );
                table = Table::Roles(self.doc.role_tables.len() - 1);
                continue;
            }
            match &table {
                Table::Events {
                    scope,
                    description,
                    heading,
                } => {
                    let (scope, description, heading) = (*scope, *description, heading.clone());
                    if let Some(scope) = scope {
                        self.event_row(line, raw, scope, description, heading.as_ref());
                    }
                }
                Table::Versions => self.versions_row(line, raw),
                Table::Skip => {}
                Table::Roles(i) => {
                    let i = *i;
                    self.doc.role_tables[i].permissions.push(t.to_owned());
                }
                Table::None => {
                    let Some(scope) = section else { continue };
                    // Only a glued row (no space at its cell boundaries, not a sentence) starts a
                    // header-less table: prose such as `IAM Project roles are ...` must not.
                    let sentence = t.ends_with('.') || t.ends_with(':');
                    if was_blank
                        && !sentence
                        && let Ok(split) = self.split_cells(t)
                        && !split.name.is_empty()
                        && !split.stray_spaces
                    {
                        let description = last_description.unwrap_or(false);
                        self.diag(
                            line,
                            "kakao/headerless-table",
                            Severity::Info,
                            format!(
                                "a table without a header line starts here (its first row splits with the hints); \
                                 read with {} columns like the section's previous table",
                                if description { 4 } else { 3 }
                            ),
                            raw,
                        );
                        let heading = heading.take();
                        self.event_row(line, raw, scope, description, heading.as_ref());
                        table = Table::Events {
                            scope: Some(scope),
                            description,
                            heading,
                        };
                        continue;
                    }
                    if sentence {
                        continue; // prose
                    }
                    if t.split_whitespace().count() <= 4 && case_boundaries(t).is_empty() {
                        heading = Some((t.to_owned(), line)); // a sub-heading such as `Virtual Machine`
                        continue;
                    }
                    self.diag(
                        line,
                        "kakao/unrecognised-line",
                        Severity::Warning,
                        "a line in an events section that is neither a table header, a row that splits with \
                         the hints, a sub-heading nor a sentence; if it is a row, add its service and resource \
                         type to catalog/kakao/hints.yaml"
                            .into(),
                        raw,
                    );
                }
            }
        }
    }

    /// The scope of an event table's rows: the header's, else the section's; a header naming the
    /// other scope than its section, or no scope anywhere, is reported.
    fn header_scope(
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
    fn role_table(&mut self, table: RoleTable, raw: &str) {
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

    fn event_row(
        &mut self,
        line: u32,
        raw: &str,
        scope: Scope,
        description: bool,
        heading: Option<&(String, u32)>,
    ) {
        let t = raw.trim();
        let cells = match self.split_cells(t) {
            Ok(c) => c,
            Err((code, message)) => {
                self.diag(line, code, Severity::Error, message, raw);
                return;
            }
        };
        if cells.name.is_empty() {
            self.diag(
                line,
                "kakao/empty-name",
                Severity::Error,
                format!(
                    "nothing is left for the event name after service `{}` and resource type `{}`; the row is skipped",
                    cells.service, cells.resource_type
                ),
                raw,
            );
            return;
        }
        let (name, desc, split) = if description {
            let rest = cells.name.as_str();
            let b = case_boundaries(rest);
            if b.len() != 1 {
                self.diag(
                    line,
                    "kakao/unsplit-description",
                    Severity::Error,
                    format!(
                        "cannot tell the event name from the description in `{rest}`: expected exactly one place \
                         where a lowercase letter meets an uppercase one, found {}; the row is skipped{}",
                        b.len(),
                        match cells.longer_resource_type().filter(|_| b.len() > 1) {
                            Some(likely) => format!(
                                "; if `{likely}` is a resource type, add it to the resource_types of service `{}` in \
                                 catalog/kakao/hints.yaml",
                                cells.service
                            ),
                            None => String::new(),
                        }
                    ),
                    raw,
                );
                return;
            }
            (
                rest[..b[0]].trim().to_owned(),
                Some(rest[b[0]..].trim().to_owned()),
                Split::HintsCaseBoundary,
            )
        } else {
            let b = case_boundaries(&cells.name);
            if !b.is_empty() {
                self.diag(
                    line,
                    "kakao/glued-name",
                    Severity::Error,
                    format!(
                        "the row does not split cleanly with the hints: after resource type `{rt}` the event name \
                         `{name}` has a lowercase letter glued to an uppercase one; {fix}; the row is skipped",
                        rt = cells.resource_type,
                        name = cells.name,
                        fix = match cells.longer_resource_type() {
                            Some(likely) => format!(
                                "the resource type is probably `{likely}`: add `{likely}` to the resource_types of \
                                 service `{}` in catalog/kakao/hints.yaml",
                                cells.service
                            ),
                            None => format!(
                                "add the row's resource type to the resource_types of service `{}` in \
                                 catalog/kakao/hints.yaml",
                                cells.service
                            ),
                        },
                    ),
                    raw,
                );
                return;
            }
            (cells.name.clone(), None, Split::Hints)
        };
        self.push_record(
            Record {
                scope,
                service: cells.service,
                resource_type: cells.resource_type,
                name,
                description: desc,
                line,
                split,
                stray_spaces: cells.stray_spaces,
            },
            raw,
            heading,
        );
    }

    /// Keeps a row that was read, with its notes (a skipped row has its error, said once).
    fn push_record(&mut self, record: Record, raw: &str, heading: Option<&(String, u32)>) {
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

    /// Splits a glued row into service, resource type and the rest, with the hints.
    fn split_cells(&self, row: &str) -> Result<Cells, (&'static str, String)> {
        let service = self
            .hints
            .services
            .iter()
            .filter(|s| !s.name.is_empty() && cell_prefix(row, &s.name))
            .max_by_key(|s| s.name.len())
            .ok_or_else(|| {
                (
                    "kakao/unknown-service",
                    "the row starts with no service known to catalog/kakao/hints.yaml; add the service and its \
                     resource types there; the row is skipped"
                        .to_owned(),
                )
            })?;
        let after_service = &row[service.name.len()..];
        let rest = after_service.trim_start();
        let resource_type = service
            .resource_types
            .iter()
            .filter(|rt| !rt.is_empty() && cell_prefix(rest, rt))
            .max_by_key(|rt| rt.len())
            .ok_or_else(|| {
                let guess = case_boundaries(rest).first().map(|&b| &rest[..b]);
                (
                    "kakao/unknown-resource-type",
                    format!(
                        "after service `{}` the row starts with no resource type known for it{}; add it to \
                         catalog/kakao/hints.yaml; the row is skipped",
                        service.name,
                        guess.map(|g| format!(" (perhaps `{}`?)", g.trim())).unwrap_or_default()
                    ),
                )
            })?;
        let after_rt = &rest[resource_type.len()..];
        let name = after_rt.trim();
        // The page glues cells: any space at a cell boundary is a stray one.
        let stray = after_service.len() != rest.len() || after_rt.starts_with(char::is_whitespace);
        Ok(Cells {
            service: service.name.clone(),
            after_service: rest.to_owned(),
            resource_type: resource_type.clone(),
            name: name.to_owned(),
            stray_spaces: stray,
        })
    }

    fn versions_row(&mut self, line: u32, raw: &str) {
        let t = raw.trim();
        // The versions are the longest suffix of the form `1.0.0, 1.1.0, ...`.
        let start = versions_start(t);
        let (rt, versions) = t.split_at(start.unwrap_or(t.len()));
        let rt = rt.trim();
        if start.is_none() || rt.is_empty() {
            self.diag(
                line,
                "kakao/bad-versions-row",
                Severity::Error,
                "expected a resource type followed by a comma list of versions (`Hadoop HDE1.0.0, 1.1.0`); \
                 the row is skipped"
                    .into(),
                raw,
            );
            return;
        }
        self.doc.versions.push(VersionsRow {
            resource_type: rt.to_owned(),
            versions: versions.split(',').map(|v| v.trim().to_owned()).collect(),
            line,
        });
    }

    /// Reads who may view what from the page's prose.
    fn read_roles(&mut self, prose: &[Prose]) {
        let mut grants: Vec<Statement> = Vec::new();
        for p in prose {
            self.statements(&p.text, p.context, p.line, &mut grants);
        }
        // "All members of the project" are the members of every project role, whether or not
        // the page names that role.
        let project_roles: Vec<&RoleHint> = self
            .hints
            .roles
            .iter()
            .filter(|h| h.kind == RoleKind::Project)
            .collect();
        for (roles, all_members, scopes, line, raw) in grants {
            let mut roles: Vec<String> = roles;
            if all_members {
                let expanded: Vec<String> = project_roles.iter().map(|h| h.name.clone()).collect();
                self.diag(
                    line,
                    "kakao/project-members",
                    Severity::Info,
                    format!(
                        "\"all members of the project\" is read as every project role: {}",
                        if expanded.is_empty() {
                            "none".to_owned()
                        } else {
                            expanded.join(", ")
                        }
                    ),
                    &raw,
                );
                roles.extend(expanded);
            }
            let mut seen = BTreeSet::new();
            for role in roles {
                if !seen.insert(role.clone()) {
                    continue;
                }
                let Some(h) = self.hints.role(&role) else {
                    continue;
                };
                self.doc.role_grants.push(RoleGrant {
                    role,
                    kind: h.kind,
                    scopes: scopes.clone(),
                    held_with: None,
                    via: Via::Statement,
                    line,
                });
            }
        }
    }

    /// Finds grant statements in one line of prose.
    fn statements(
        &mut self,
        text: &str,
        context: Option<Scope>,
        line: u32,
        grants: &mut Vec<Statement>,
    ) {
        for sentence in text.split(". ") {
            let lower = sentence.to_lowercase();
            if let Some(days) = retention_days(&lower) {
                self.diag(
                    line,
                    "kakao/retention",
                    Severity::Info,
                    format!(
                        "the page says events are kept for {days} days; the catalogue does not record retention"
                    ),
                    sentence.trim(),
                );
            }
            if !["queryable", "viewable", "can view", "can also view"]
                .iter()
                .any(|w| lower.contains(w))
            {
                continue;
            }
            let mut scopes = BTreeSet::new();
            if lower.contains("organization event") {
                scopes.insert(Scope::Organization);
            }
            if lower.contains("project event") {
                scopes.insert(Scope::Project);
            }
            // "both project and organization events" names two scopes with one noun.
            if lower.contains("project and organization event")
                || lower.contains("organization and project event")
            {
                scopes.extend([Scope::Organization, Scope::Project]);
            }
            if scopes.is_empty() {
                scopes.extend(context);
            }
            let mut roles: Vec<(usize, String)> = Vec::new();
            // Every written form (names and aliases), longest first, so `Organization Admin` is not
            // also read as a shorter name inside it.
            let mut forms: Vec<(&str, &RoleHint)> = self
                .hints
                .roles
                .iter()
                .flat_map(|h| {
                    std::iter::once(h.name.as_str())
                        .chain(h.aliases.iter().map(String::as_str))
                        .map(move |f| (f, h))
                })
                .filter(|(f, _)| !f.is_empty())
                .collect();
            forms.sort_by_key(|(f, _)| std::cmp::Reverse(f.len()));
            let mut taken = vec![false; sentence.len()];
            for (form, h) in forms {
                let mut from = 0;
                while let Some(pos) = sentence[from..].find(form) {
                    let at = from + pos;
                    let end = at + form.len();
                    from = end;
                    let word_end = sentence[end..]
                        .chars()
                        .next()
                        .is_none_or(|c| !c.is_alphanumeric());
                    if word_end && !taken[at..end].iter().any(|&x| x) {
                        taken[at..end].iter_mut().for_each(|x| *x = true);
                        roles.push((at, h.name.clone()));
                        if form != h.name {
                            self.diag(
                                line,
                                "kakao/role-alias",
                                Severity::Info,
                                format!("`{form}` is read as the role `{}` (an alias in catalog/kakao/hints.yaml)", h.name),
                                sentence.trim(),
                            );
                        }
                    }
                }
            }
            roles.sort();
            let roles: Vec<String> = roles.into_iter().map(|(_, r)| r).collect();
            let all_members = [
                "all members of the project",
                "all users within the project",
                "all users of the project",
            ]
            .iter()
            .any(|p| lower.contains(p));
            if !scopes.is_empty()
                && roles.is_empty()
                && !all_members
                && lower.contains("the following")
            {
                // "Users with a project role who also hold the following organization roles can
                // view both project and organization events": about the next role table's roles.
                let held_with = if !lower.contains("also hold") {
                    None
                } else if lower.contains("with a project role") {
                    Some(RoleKind::Project)
                } else if lower.contains("with an organization role") {
                    Some(RoleKind::Organization)
                } else {
                    None
                };
                self.conditions.push((
                    RoleCondition {
                        scopes: scopes.into_iter().collect(),
                        held_with,
                        line,
                    },
                    sentence.trim().to_owned(),
                ));
                continue;
            }
            if scopes.is_empty() || (roles.is_empty() && !all_members) {
                self.diag(
                    line,
                    "kakao/unresolved-role-statement",
                    Severity::Info,
                    "a sentence about who may view events that names no known role or no scope; not used".into(),
                    sentence.trim(),
                );
                continue;
            }
            grants.push((
                roles,
                all_members,
                scopes.into_iter().collect(),
                line,
                sentence.trim().to_owned(),
            ));
        }
    }
}

impl Reader<'_> {
    /// Reads the page as blocks (markdown, HTML): sections and sub-headings, event, versions and
    /// role tables by their header cells, code blocks; returns the prose for [`Self::read_roles`].
    fn read_blocks(&mut self, blocks: &[Block]) -> Vec<Prose> {
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

    /// Notes an event example (JSON): not events; the catalogue does not record it.
    fn example(&mut self, line: u32, raw: &str) {
        self.diag(
            line,
            "kakao/event-example",
            Severity::Info,
            "an example of an event log record (JSON); not events, the catalogue does not record it".into(),
            raw,
        );
    }

    /// Grants from the role tables: each role's marks where the form keeps them (checked against
    /// the prose), else what the prose says of the role; a sentence about "the following" roles
    /// gives the next table's scopes and condition.
    fn table_grants(&mut self) {
        for (c, sentence) in std::mem::take(&mut self.conditions) {
            match self.doc.role_tables.iter_mut().find(|t| t.line > c.line) {
                Some(t) if t.condition.is_none() => t.condition = Some(c),
                _ => self.diag(
                    c.line,
                    "kakao/unresolved-role-statement",
                    Severity::Info,
                    "a sentence about \"the following\" roles with no role table after it; not used".into(),
                    &sentence,
                ),
            }
        }
        // What the prose statements say of each role, unconditionally.
        let mut stated: BTreeMap<String, BTreeSet<Scope>> = BTreeMap::new();
        for g in &self.doc.role_grants {
            stated
                .entry(g.role.clone())
                .or_default()
                .extend(g.scopes.iter().copied());
        }
        let mut grants = Vec::new();
        let mut disagree = Vec::new();
        for t in &self.doc.role_tables {
            for (j, role) in t.roles.iter().enumerate() {
                let Some(h) = self.hints.role(role) else {
                    continue;
                };
                let expected: Option<BTreeSet<Scope>> = match &t.condition {
                    Some(c) => Some(c.scopes.iter().copied().collect()),
                    None => stated.get(&h.name).cloned(),
                };
                let (scopes, via) = match &t.marks {
                    Some(marks) => {
                        let marked: BTreeSet<Scope> = t
                            .permissions
                            .iter()
                            .zip(marks)
                            .filter(|(_, m)| m.get(j) == Some(&true))
                            .filter_map(|(p, _)| permission_scope(p))
                            .collect();
                        if let Some(e) = expected.as_ref().filter(|e| **e != marked) {
                            let names = |s: &BTreeSet<Scope>| {
                                s.iter()
                                    .map(|s| s.as_str())
                                    .collect::<Vec<_>>()
                                    .join(" and ")
                            };
                            disagree.push((
                                t.line,
                                format!(
                                    "the marks give role `{}` {} events, the prose {} events; the marks are used",
                                    h.name,
                                    names(&marked),
                                    names(e)
                                ),
                            ));
                        }
                        (marked, Via::Marks)
                    }
                    None => (expected.unwrap_or_default(), Via::TableProse),
                };
                if scopes.is_empty() {
                    continue;
                }
                grants.push(RoleGrant {
                    role: h.name.clone(),
                    kind: h.kind,
                    scopes: scopes.into_iter().collect(),
                    held_with: t.condition.as_ref().and_then(|c| c.held_with),
                    via,
                    line: t.line,
                });
            }
        }
        for (line, message) in disagree {
            self.diag(
                line,
                "kakao/role-marks-disagree",
                Severity::Warning,
                message,
                "",
            );
        }
        self.doc.role_grants.extend(grants);
    }
}

/// The number of days a sentence says events are kept (`Events are retained for 90 days`), if it says so.
fn retention_days(lower: &str) -> Option<u32> {
    if ![
        "retain",
        "retention",
        "stored for",
        "kept for",
        "keep",
        "store",
    ]
    .iter()
    .any(|w| lower.contains(w))
    {
        return None;
    }
    let words: Vec<&str> = lower.split_whitespace().collect();
    words.windows(2).find_map(|w| {
        w[1].trim_end_matches(['.', ',', ')'])
            .strip_prefix("day")
            .and(w[0].trim_start_matches('(').parse().ok())
    })
}

/// A header of the event log's fields table (`Field | Description`, `Key | Type | Description`),
/// glued or in cells.
fn is_fields_header(line: &str) -> bool {
    let key: String = line
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    [
        "fielddescription",
        "fieldnamedescription",
        "fieldtypedescription",
        "fieldnametypedescription",
        "keytypedescription",
        "keydescription",
        "fieldvaluedescription",
    ]
    .contains(&key.as_str())
}

/// A version number: digits with dots between (`1.0.0`).
fn is_version(v: &str) -> bool {
    let v = v.trim();
    !v.is_empty()
        && v.split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
}

/// A grant sentence: (roles named, whether it says "all members of the project", scopes, line, sentence).
type Statement = (Vec<String>, bool, Vec<Scope>, u32, String);

struct Cells {
    service: String,
    /// The row after the service, spaces skipped: resource type, name (and description).
    after_service: String,
    resource_type: String,
    name: String,
    stray_spaces: bool,
}

impl Cells {
    /// The resource type the row probably has when its known one is only the start of it: the
    /// known type, the space after it, and the words up to where a lowercase letter meets an
    /// uppercase one (`Instance Template` in `Instance TemplateInstance Template Create`).
    fn longer_resource_type(&self) -> Option<String> {
        let after = self.after_service.get(self.resource_type.len()..)?;
        if !after.starts_with(' ') {
            return None;
        }
        let end = *case_boundaries(after).first()?;
        let more = after[..end].trim();
        (!more.is_empty()).then(|| format!("{} {more}", self.resource_type))
    }
}

/// Whether `row` starts with the cell `cell`, not in the middle of a word
/// (the next character is not a lowercase letter or digit).
fn cell_prefix(row: &str, cell: &str) -> bool {
    row.starts_with(cell)
        && row[cell.len()..]
            .chars()
            .next()
            .is_none_or(|c| !(c.is_lowercase() || c.is_ascii_digit()))
}

/// Byte offsets where a lowercase letter is directly followed by an uppercase one.
fn case_boundaries(s: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in s.char_indices() {
        if prev.is_some_and(char::is_lowercase) && c.is_uppercase() {
            out.push(i);
        }
        prev = Some(c);
    }
    out
}

/// Splits glued titles at lowercase-to-uppercase boundaries: `Organization AdminTrail Viewer`.
fn split_case_boundaries(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    for b in case_boundaries(s).into_iter().chain([s.len()]) {
        let cell = s[start..b].trim();
        if !cell.is_empty() {
            out.push(cell.to_owned());
        }
        start = b;
    }
    out
}

/// Parses a glued event-table header made only of known column titles.
fn parse_header(line: &str) -> Option<Header> {
    let key: String = line
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    let mut rest = key.as_str();
    let mut columns = Vec::new();
    while !rest.is_empty() {
        let (title, col) = COLUMNS.iter().find(|(title, _)| rest.starts_with(title))?;
        columns.push(*col);
        rest = &rest[title.len()..];
    }
    let name_scope = columns.iter().find_map(|c| {
        if let Column::Name(s) = c {
            Some(*s)
        } else {
            None
        }
    })?;
    let expected_len = if columns.contains(&Column::Description) {
        4
    } else {
        3
    };
    let ok = columns.len() == expected_len
        && columns[0] == Column::Service
        && columns[1] == Column::ResourceType
        && matches!(columns[2], Column::Name(_));
    ok.then_some(Header {
        scope: name_scope,
        description: expected_len == 4,
    })
}

fn is_versions_header(line: &str) -> bool {
    let key: String = line
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    key == "resourcetypeversions"
}

/// Where the trailing comma list of versions starts, if the line ends with one.
fn versions_start(t: &str) -> Option<usize> {
    // Walk the comma parts from the end; the first part holds the resource type glued to a version.
    let parts: Vec<&str> = t.split(',').collect();
    let (first, tail) = parts.split_first()?;
    if !tail.iter().all(|p| is_version(p)) {
        return None;
    }
    // In the first part, the version is the longest suffix of digits and dots starting with a digit.
    let bytes = first.as_bytes();
    let mut start = first.len();
    while start > 0 && (bytes[start - 1].is_ascii_digit() || bytes[start - 1] == b'.') {
        start -= 1;
    }
    while start < first.len() && bytes[start] == b'.' {
        start += 1;
    }
    (start < first.len() && is_version(&first[start..])).then_some(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hints() -> Hints {
        let svc = |name: &str, rts: &[&str]| ServiceHint {
            name: name.into(),
            resource_types: rts.iter().map(|s| s.to_string()).collect(),
        };
        Hints {
            services: vec![
                svc("MySQL", &["Instance", "Instance Group"]),
                svc("IAM", &["Domain", "Project", "Project Member"]),
                svc("Data Catalog", &["DataCatalog", "Catalog"]),
                svc("Data", &["Catalog"]),
            ],
            roles: vec![],
        }
    }

    fn split(row: &str) -> (String, String, String) {
        let doc = &mut KakaoDocument::default();
        let h = hints();
        let r = Reader::new(doc, &h);
        let c = r.split_cells(row).map_err(|e| e.1).unwrap();
        (c.service, c.resource_type, c.name)
    }

    #[test]
    fn longest_match_settles_the_ambiguous_rows() {
        let s = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
        assert_eq!(
            split("MySQLInstance GroupInstance Group Create"),
            s("MySQL", "Instance Group", "Instance Group Create")
        );
        assert_eq!(
            split("MySQLInstanceInstance Error"),
            s("MySQL", "Instance", "Instance Error")
        );
        assert_eq!(
            split("IAMProjectChoose Project"),
            s("IAM", "Project", "Choose Project")
        );
        assert_eq!(
            split("IAMProject MemberProject Member Assign"),
            s("IAM", "Project Member", "Project Member Assign")
        );
        assert_eq!(
            split("Data CatalogDataCatalogCreate Data Catalog"),
            s("Data Catalog", "DataCatalog", "Create Data Catalog")
        );
        assert_eq!(
            split("IAM    Domain   Console Login"),
            s("IAM", "Domain", "Console Login")
        );
    }

    #[test]
    fn a_cell_never_ends_mid_word() {
        assert!(!cell_prefix("Instances", "Instance"));
        assert!(cell_prefix("InstanceInstance", "Instance"));
        assert!(cell_prefix("Instance Group", "Instance"));
    }

    #[test]
    fn headers_and_versions() {
        assert_eq!(
            parse_header("ServiceResource typeProject event name"),
            Some(Header {
                scope: Some(Scope::Project),
                description: false
            })
        );
        assert_eq!(
            parse_header("Service NameResource TypeProject Event NameDescription"),
            Some(Header {
                scope: Some(Scope::Project),
                description: true
            })
        );
        assert_eq!(parse_header("Key ConceptDescription"), None);
        assert_eq!(parse_header("Service"), None);
        assert_eq!(versions_start("Hadoop HDE1.0.0, 1.1.0"), Some(10));
        assert_eq!(versions_start("Trino HDE"), None);
        assert_eq!(versions_start("X1.0, beta"), None);
        assert_eq!(
            split_case_boundaries("Organization AdminTrail Viewer"),
            ["Organization Admin", "Trail Viewer"]
        );
        assert_eq!(crate::revision_of("seeds/003_cad.txt"), Some(3));
        assert_eq!(crate::revision_of("page.txt"), None);
    }
}
