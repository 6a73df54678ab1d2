//! KakaoCloud Cloud Trail "Key Concepts" pages, as page text, markdown or saved HTML.
//!
//! The form is told by content ([`Form::of`]). Markdown and HTML keep the cells apart and the
//! role tables' check marks: they are read as blocks (`markup`, `blocks`), each event row's
//! service and resource type checked against the hints (an unknown one is the same error as in
//! page text), and give the same records as the page text of the same revision. The rest of this
//! overview is about page text.
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
//!
//! # Rooms
//!
//! * this file: the records a page gives ([`KakaoDocument`], [`Record`], [`RoleGrant`], ...) and
//!   [`read`], which tells the form and hands the page to its reader;
//! * `hints`: the schema of `catalog/kakao/hints.yaml` ([`Hints`]) and its lookups;
//! * `reader`: the reader's state and what both forms share (keeping rows, role tables and
//!   diagnostics; an event table's scope);
//! * `headers`: which table a header starts (event, versions, event log fields);
//! * `text`: page text: sections, glued tables, rows split with the hints;
//! * `markup`: markdown and saved HTML as blocks; `blocks`: those blocks read as tables and prose;
//! * `roles`: who may view what, from the prose and the role tables.
//!
//! The readers know nothing of the catalogue: the hints come in from the caller, records and
//! diagnostics go out.

use serde::{Deserialize, Serialize};

use crate::{Diagnostic, ReadError, Severity, SourceDoc, SourceRef};

mod blocks;
mod headers;
mod hints;
mod markup;
mod reader;
mod roles;
mod text;

pub use hints::{Hints, RoleHint, ServiceHint};
pub use markup::Form;
use reader::Reader;
use text::text_prose;

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
