//! KakaoCloud Cloud Trail "Key Concepts" pages, as page text.
//!
//! The page's tables lost their cell separators: `Virtual MachineBlock StorageVolume Create`
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
//! * **Revision.** The leading digits of the file name (`003_…` is revision 3); pages are
//!   ordered by revision, then path, and the later one wins.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::{Diagnostic, ReadError, Severity, SourceDoc, SourceRef};

/// What was read from one KakaoCloud page.
#[derive(Debug, Clone, Default)]
pub struct KakaoDocument {
    /// The document's path relative to the sources root.
    pub path: String,
    /// The page revision: the leading digits of the file name, if any (`003_x.txt` is 3).
    pub revision: Option<u32>,
    /// One record per event row understood, in document order.
    pub records: Vec<Record>,
    /// The rows of the `Resource type / Versions` table, in document order.
    pub versions: Vec<VersionsRow>,
    /// Role tables (header roles and permission rows; the check marks are lost).
    pub role_tables: Vec<RoleTable>,
    /// Who may view which scope, as the page's prose says, one entry per role and statement.
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
    /// 1-based line of the header.
    pub line: u32,
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
    /// 1-based line of the statement.
    pub line: u32,
}

/// Hand-written knowledge used to split glued cells (`catalog/kakao/hints.yaml`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Hints {
    /// Known services, each with its known resource types.
    #[serde(default)]
    pub services: Vec<ServiceHint>,
    /// Known role names and their kind.
    #[serde(default)]
    pub roles: Vec<RoleHint>,
}

/// A known service and its resource types.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceHint {
    /// The service name as the page writes it, e.g. `Virtual Machine`.
    pub name: String,
    /// Its resource types as the page writes them, e.g. `Block Storage`.
    #[serde(default)]
    pub resource_types: Vec<String>,
}

/// A known role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleHint {
    /// The role name as pages write it, e.g. `Trail Viewer`.
    pub name: String,
    /// Organization or project role.
    pub kind: RoleKind,
    /// Other names pages use for the same role (`Org Admin` for `Organization Admin`); read as `name`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

impl Hints {
    /// The known role a page's role name (its name or one of its aliases) stands for.
    pub fn role(&self, written: &str) -> Option<&RoleHint> {
        self.roles
            .iter()
            .find(|h| h.name == written || h.aliases.iter().any(|a| a == written))
    }
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
}

/// Reads a KakaoCloud Cloud Trail page.
///
/// Fails with [`ReadError::invalid`] for markdown (pipe tables: not page text) and with
/// [`ReadError::no_data`] for a page with no event, versions or role table and no role prose.
pub fn read(doc: &SourceDoc, hints: &Hints) -> Result<KakaoDocument, ReadError> {
    // A line ends at `\n`, `\r\n` or a lone `\r`; from here on, at `\n` only.
    let doc = &*crate::lines::normalized(doc);
    if doc.text.lines().any(|l| {
        let t = l.trim();
        t.starts_with('|') && t.ends_with('|') && t.contains("--")
    }) {
        return Err(ReadError::invalid(
            &doc.path,
            None,
            "this is markdown with pipe tables, not KakaoCloud page text; pass --kind nhn or --kind api-guide",
        ));
    }
    let mut out = KakaoDocument {
        path: doc.path.clone(),
        revision: revision_of(&doc.path),
        ..Default::default()
    };
    let mut r = Reader {
        doc: &mut out,
        hints,
    };
    r.read_tables(&doc.text);
    r.read_roles(&doc.text);
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

/// The leading digits of the file name: `seeds/003_cad3.txt` is revision 3.
pub fn revision_of(path: &str) -> Option<u32> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

struct Reader<'a> {
    doc: &'a mut KakaoDocument,
    hints: &'a Hints,
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
        for (i, raw) in text.lines().enumerate() {
            let line = i as u32 + 1;
            let t = raw.trim();
            if t.is_empty() {
                table = Table::None;
                prev_blank = true;
                continue;
            }
            let was_blank = std::mem::replace(&mut prev_blank, false);
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
                self.doc.role_tables.push(RoleTable {
                    kind: role_heading,
                    roles: roles.clone(),
                    permissions: Vec::new(),
                    line,
                });
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
                for role in &roles {
                    match self.hints.role(role) {
                        None => self.diag(
                            line,
                            "kakao/unknown-role",
                            Severity::Warning,
                            format!("role `{role}` is not in catalog/kakao/hints.yaml; add it with its kind"),
                            raw,
                        ),
                        Some(h) if role_heading.is_some_and(|k| k != h.kind) => self.diag(
                            line,
                            "kakao/role-kind-mismatch",
                            Severity::Warning,
                            format!("role `{role}` is listed under the wrong heading for its kind in the hints"),
                            raw,
                        ),
                        Some(_) => {}
                    }
                }
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
        // Notes on a row that is read (a skipped row has its error, said once).
        if cells.stray_spaces {
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
            && h != &cells.service
        {
            self.diag(
                line,
                "kakao/heading-mismatch",
                Severity::Warning,
                format!(
                    "row of service `{}` under the sub-heading `{h}` (line {hline})",
                    cells.service
                ),
                raw,
            );
        }
        self.doc.records.push(Record {
            scope,
            service: cells.service,
            resource_type: cells.resource_type,
            name,
            description: desc,
            line,
            split,
            stray_spaces: cells.stray_spaces,
        });
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
    fn read_roles(&mut self, text: &str) {
        // The scope of the concept row a `- ` bullet belongs to.
        let mut context: Option<Scope> = None;
        let mut grants: Vec<Statement> = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = i as u32 + 1;
            let t = raw.trim();
            if let Some(bullet) = t.strip_prefix("- ") {
                self.statements(bullet, context, line, &mut grants);
                continue;
            }
            let lower = t.to_lowercase();
            context = if lower.starts_with("organization event") {
                Some(Scope::Organization)
            } else if lower.starts_with("project event") {
                Some(Scope::Project)
            } else {
                None
            };
            if context.is_none() {
                self.statements(t, None, line, &mut grants);
            }
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
    let is_version = |v: &str| {
        let v = v.trim();
        !v.is_empty()
            && v.split('.')
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    };
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
        let r = Reader { doc, hints: &h };
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
        assert_eq!(revision_of("seeds/003_cad.txt"), Some(3));
        assert_eq!(revision_of("page.txt"), None);
    }
}
