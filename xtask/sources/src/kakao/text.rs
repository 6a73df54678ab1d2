//! Page text: what a browser copies from the page, its table cells glued together
//! (`Virtual MachineBlock StorageVolume Create`). Reads sections, glued headers, header-less
//! tables, event and versions rows, splitting each row with the hints (the longest known service,
//! then the longest known resource type of it), and gathers the page's prose for `roles`.
//!
//! Only lines of page text are read here: markdown and HTML go through `markup` and `blocks`. A
//! cell the hints do not know is reported, never guessed. It knows nothing of the catalogue.

use super::headers::{is_fields_header, is_version, is_versions_header, parse_header};
use super::reader::Reader;
use super::roles::{Prose, concept_scope};
use super::{Record, RoleKind, RoleTable, Scope, Split, VersionsRow};
use crate::Severity;

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

/// The prose of page text: bullets with the concept row they belong to, and every other line
/// that is not a concept row.
pub(crate) fn text_prose(text: &str) -> Vec<Prose> {
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

impl Reader<'_> {
    pub(crate) fn read_tables(&mut self, text: &str) {
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
}

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
    use crate::kakao::{Hints, KakaoDocument, ServiceHint};

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
    fn versions_and_role_titles() {
        assert_eq!(versions_start("Hadoop HDE1.0.0, 1.1.0"), Some(10));
        assert_eq!(versions_start("Trino HDE"), None);
        assert_eq!(versions_start("X1.0, beta"), None);
        assert_eq!(
            split_case_boundaries("Organization AdminTrail Viewer"),
            ["Organization Admin", "Trail Viewer"]
        );
    }
}
