//! NHN CloudTrail markdown: event lists in every layout the vendor has used.
//!
//! # How a document is read
//!
//! * **Parsing.** The text is parsed with pulldown-cmark (GFM tables on) and walked with
//!   source offsets; lines are computed from byte offsets, so every record and diagnostic has
//!   the 1-based line it came from. A line ends at `\n`, `\r\n` or a lone `\r`, as in CommonMark.
//! * **Tables.** A table's columns are found by their header text in any of the four
//!   locales (case and spaces ignored):
//!   event name `이벤트` / `Event` / `イベント` / `事件`, event ID `이벤트 ID` / `Event ID` /
//!   `イベントID` / `事件ID`, service `서비스` / `Service` / `サービス` / `服务`.
//!   A table needs a name column and an ID or a service column, in any order; that covers
//!   seed 001's `|이벤트|이벤트 ID|서비스|`, the current `| 이벤트 | 이벤트 ID |` sections,
//!   seed 000's ID-less `|이벤트|서비스|` and tables with the ID column first. Other columns
//!   are ignored with `nhn/unknown-column`; a table without a name column or without both
//!   ID and service columns is `nhn/unknown-table` and its rows are skipped.
//! * **Service.** From the service column when there is one, otherwise the text of the
//!   nearest heading of level 3 or deeper above the table (`### Log &amp; Crash Search`,
//!   entities decoded). No such heading, or an empty one (`### ` alone): `nhn/no-service`, and
//!   the service is null.
//! * **Rows.** Rows with a missing leading pipe and escaped pipes (`\|`) are read as
//!   GitHub reads them: cells past the header's count are dropped (`nhn/extra-cells`), missing
//!   cells are empty (`nhn/missing-cells`). A row whose ID and name cells are swapped is read by
//!   content (`nhn/swapped-cells`). A row with an empty ID cell is `nhn/empty-id` and skipped.
//!   Lines that look like table rows (start with `|`) outside any table, e.g. a table whose
//!   delimiter row does not match its header, are `nhn/stray-row`.
//! * **Cleaning.** Event IDs lose control characters (also those written as entities,
//!   `&#8;`) and whitespace; names lose control characters and surrounding space. Every
//!   cleaning, and every decoded HTML entity, is a diagnostic with the raw cell text.
//! * **Locale.** From a path component (`nhn/ko/…`), else from the header words
//!   (`이벤트` ko, `イベント` ja, `事件` zh, `Event` en).
//! * **Current list.** A document named `event-list.md` whose path names a locale
//!   (`nhn/ko/event-list.md`) is that locale's *current* upstream list; every other document
//!   (the seeds) is an older revision, ordered by the leading digits of its file name.
//! * **Roles.** Prose blocks (paragraphs, list items) naming two or more upper-case role
//!   names (`OWNER, ADMIN, LOG_VIEWER`) with a "may use" phrase are role mentions; a block
//!   about the user console (`유저 콘솔`, `user console`) says whether it can be used there.

use serde::Serialize;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::lines::Lines;
use crate::table::{Cell, Shape, TableWalker, raw_cell_count};
use crate::{Diagnostic, Locale, ReadError, SourceDoc, SourceRef};

/// What was read from one NHN document.
#[derive(Debug, Clone, Default)]
pub struct NhnDocument {
    /// The document's path relative to the sources root.
    pub path: String,
    /// The document's locale, from its path or its table headers.
    pub locale: Option<Locale>,
    /// Whether this is a current upstream event list (`<locale>/event-list.md` or an edition's
    /// `<locale>/event-list-<edition>.md`).
    pub current: bool,
    /// For an event list, its edition: `standard` for `event-list.md`, the suffix of
    /// `event-list-<edition>.md` (`gov`, `ncgn`, …).
    pub edition: Option<String>,
    /// For older revisions, the leading digits of the file name (`001_x.txt` is 1).
    pub revision: Option<u32>,
    /// One record per table row understood, in document order.
    pub records: Vec<Record>,
    /// Headings, in document order, with their text decoded.
    pub headings: Vec<Heading>,
    /// Prose naming the organization roles that may use the service.
    pub role_mentions: Vec<RoleMention>,
    /// Prose saying whether the service is available from the user console.
    pub user_console: Option<ConsoleMention>,
    /// Prose saying the service is for organization members with CloudTrail permissions.
    pub permission_mentions: Vec<PermissionMention>,
    /// Problems found while reading, and notes on cleanings applied.
    pub diagnostics: Vec<Diagnostic>,
}

impl NhnDocument {
    /// Whether the document's records carry event IDs (false for seed 000's overview list).
    pub fn has_ids(&self) -> bool {
        self.records.iter().any(|r| r.event_id.is_some())
    }
}

/// A heading of the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heading {
    /// 1 for `#`, 3 for `###`.
    pub level: u8,
    /// The text, entities decoded, trimmed.
    pub text: String,
    /// 1-based line.
    pub line: u32,
}

/// Organization roles named in the prose as those who may use the service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoleMention {
    /// The role names, in the order the text gives them.
    pub roles: Vec<String>,
    /// 1-based line of the sentence.
    pub line: u32,
}

/// A sentence saying who may use the service by permission rather than by role (the current
/// overview: "only available to members with CloudTrail permissions in your organization").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PermissionMention {
    /// The sentence, as written.
    pub text: String,
    /// 1-based line of the sentence.
    pub line: u32,
}

/// What the prose says about the user console.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ConsoleMention {
    /// Whether the service can be used from the user console.
    pub available: bool,
    /// 1-based line of the sentence.
    pub line: u32,
}

/// One table row as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Record {
    /// The event ID, cleaned (entities, control characters and whitespace removed); null in
    /// ID-less lists. Not yet corrected by `overrides.yaml`.
    pub event_id: Option<String>,
    /// The event name, entities decoded, control characters removed, trimmed.
    pub name: String,
    /// The service: the service cell, or the heading above the table.
    pub service: Option<String>,
    /// 1-based line of the row.
    pub line: u32,
    /// The ID cell exactly as written, when cleaning changed it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub raw_event_id: Option<String>,
    /// The document's locale.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locale: Option<Locale>,
    /// The table's columns in order, e.g. `name-id-service` (seed 001), `name-id` (current lists).
    pub layout: String,
}

/// What a table column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Name,
    Id,
    Service,
    Other,
}

impl Column {
    fn tag(self) -> &'static str {
        match self {
            Column::Name => "name",
            Column::Id => "id",
            Column::Service => "service",
            Column::Other => "other",
        }
    }
}

/// Header words per column, normalised (lowercase, no whitespace), with the locale they imply.
const HEADER_WORDS: &[(&str, Column, Locale)] = &[
    ("이벤트", Column::Name, Locale::Ko),
    ("이벤트명", Column::Name, Locale::Ko),
    ("이벤트이름", Column::Name, Locale::Ko),
    ("event", Column::Name, Locale::En),
    ("eventname", Column::Name, Locale::En),
    ("イベント", Column::Name, Locale::Ja),
    ("イベント名", Column::Name, Locale::Ja),
    ("事件", Column::Name, Locale::Zh),
    ("事件名称", Column::Name, Locale::Zh),
    ("이벤트id", Column::Id, Locale::Ko),
    ("eventid", Column::Id, Locale::En),
    ("イベントid", Column::Id, Locale::Ja),
    ("事件id", Column::Id, Locale::Zh),
    ("서비스", Column::Service, Locale::Ko),
    ("service", Column::Service, Locale::En),
    ("サービス", Column::Service, Locale::Ja),
    ("服务", Column::Service, Locale::Zh),
];

fn classify(header: &str) -> (Column, Option<Locale>) {
    let norm: String = header
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    HEADER_WORDS
        .iter()
        .find(|(w, _, _)| *w == norm)
        .map(|&(_, c, l)| (c, Some(l)))
        .unwrap_or((Column::Other, None))
}

/// A table of the document, with the service heading in force where it starts.
struct Table {
    table: crate::table::Table,
    heading: Option<String>,
}

/// Reads an NHN CloudTrail markdown document.
///
/// A page without tables that says who may use the service (the current `overview.md`) gives a
/// document with those mentions and no records.
///
/// Errors: [`ReadError::no_data`] when the document has no table at all and says nothing about
/// access (a prose page) or no table with an event name column (a console guide);
/// [`ReadError::invalid`] when its tables have an event column but none is a known event
/// layout, naming the first header found.
pub fn read(doc: &SourceDoc) -> Result<NhnDocument, ReadError> {
    let doc = &*crate::lines::normalized(doc);
    let text = doc.text.as_str();
    let lines = Lines::new(text);
    let path = doc.path.as_str();
    let mut out = NhnDocument {
        path: path.to_owned(),
        locale: Locale::from_path(path),
        revision: crate::revision_of(path),
        ..Default::default()
    };
    out.edition = list_edition(path);
    out.current = out.locale.is_some() && out.edition.is_some();
    if out.current {
        out.revision = None;
    }

    let (tables, covered) = parse(doc, &lines, &mut out);

    // Rows outside any table: a table GFM did not recognise (header and delimiter disagree).
    let mut stray = Vec::new();
    let mut in_fence = false;
    for (i, line) in crate::lines::split(text).enumerate() {
        let start = line.start;
        let t = line.text.trim();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence || !t.starts_with('|') {
            continue;
        }
        if !covered.iter().any(|r| r.contains(&start)) {
            stray.push((i as u32 + 1, t.to_owned()));
        }
    }

    if tables.is_empty() {
        if let Some((line, raw)) = stray.first() {
            return Err(ReadError::invalid(
                path,
                Some(*line),
                format!(
                    "no markdown table could be parsed, but this line looks like a table row: {raw:?}; \
                     check that the delimiter row (`| --- | --- |`) has as many cells as the header"
                ),
            ));
        }
        // An overview without tables still says who may use the service.
        if !(out.role_mentions.is_empty()
            && out.permission_mentions.is_empty()
            && out.user_console.is_none())
        {
            return Ok(out);
        }
        return Err(ReadError::no_data(
            path,
            "no table in this document (a prose page); nothing to import",
        ));
    }

    // A page whose tables have no event column at all (a console guide, release notes) is not
    // an event list: nothing for this reader, like a prose page. A table that has an event
    // column but neither an ID nor a service column is a broken event list, and an error.
    let has_event_column = tables.iter().any(|t| {
        t.table
            .head
            .cells
            .iter()
            .any(|c| classify(&c.text).0 == Column::Name)
    });
    let mut recognised = 0;
    let mut first_unknown: Option<(u32, String)> = None;
    for table in tables {
        match read_table(&table, &mut out) {
            true => recognised += 1,
            false => {
                if first_unknown.is_none() {
                    first_unknown = Some((table.table.line, table.table.head.raw.clone()));
                }
            }
        }
    }
    if recognised == 0 && !has_event_column {
        let (line, header) = first_unknown.unwrap_or_default();
        return Err(ReadError::no_data(
            path,
            format!(
                "no event table: no table has an event name column (이벤트/Event/イベント/事件); \
                 the first header, line {line}, is {header:?}"
            ),
        ));
    }
    if recognised == 0 {
        let (line, header) = first_unknown.unwrap_or_default();
        return Err(ReadError::invalid(
            path,
            Some(line),
            format!(
                "no event table: the header {header:?} names no known layout; an NHN event table needs an \
                 event name column (이벤트/Event/イベント/事件) and an event ID (이벤트 ID/Event ID/イベントID/事件ID) \
                 or service (서비스/Service/サービス/服务) column"
            ),
        ));
    }
    for (line, raw) in stray {
        out.diagnostics.push(
            Diagnostic::raise(
                SourceRef::new(path, line),
                "nhn/stray-row",
                "a line that looks like a table row is not part of any table (does its table's delimiter row match the header?); not read",
            )
            .raw(raw),
        );
    }
    out.diagnostics.sort();
    Ok(out)
}

/// The edition of the event list without a suffix, `event-list.md`.
pub const STANDARD_EDITION: &str = "standard";

/// The file name of the event list of `edition`: the inverse of [`list_edition`]
/// (`event-list.md` for `standard`, `event-list-gov.md` for `gov`).
pub fn list_file_name(edition: &str) -> String {
    if edition == STANDARD_EDITION {
        "event-list.md".to_owned()
    } else {
        format!("event-list-{edition}.md")
    }
}

/// The edition of an event list named by `path`: `standard` for `…/event-list.md`, `gov` for
/// `…/event-list-gov.md`; `None` for any other file. A `@commit` suffix (a revision read from
/// git, `ko/event-list.md@1a2b3c4`) is ignored.
pub fn list_edition(path: &str) -> Option<String> {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let name = name.split('@').next().unwrap_or(name);
    let rest = name.strip_suffix(".md")?.strip_prefix("event-list")?;
    if rest.is_empty() {
        return Some(STANDARD_EDITION.to_owned());
    }
    let ed = rest.strip_prefix('-')?;
    (!ed.is_empty()
        && ed
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'))
    .then(|| ed.to_owned())
}

/// Walks the markdown events: tables, headings and prose. Returns the tables and the byte
/// ranges they cover.
fn parse(
    doc: &SourceDoc,
    lines: &Lines,
    out: &mut NhnDocument,
) -> (Vec<Table>, Vec<std::ops::Range<usize>>) {
    let text = doc.text.as_str();
    let path = doc.path.as_str();
    let mut tables: Vec<Table> = Vec::new();
    let mut walker = TableWalker::default();
    let mut table_heading: Option<String> = None;
    let mut heading: Option<(u8, u32, String, Vec<String>)> = None;
    let mut service_heading: Option<String> = None;
    // Prose block being collected: (start line, text).
    let mut prose: Option<(u32, String)> = None;

    for (event, range) in Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter() {
        let raw = &text[range.clone()];
        if let Event::Start(Tag::Table(_)) = event {
            table_heading = service_heading.clone();
        }
        if let Some(table) = walker.feed(&event, &range, text, lines) {
            tables.push(Table {
                table,
                heading: table_heading.take(),
            });
            continue;
        }
        if walker.in_cell() {
            continue;
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                flush_prose(&mut prose, out);
                heading = Some((
                    level as u8,
                    lines.line(range.start),
                    String::new(),
                    Vec::new(),
                ));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, line, t, entities)) = heading.take() {
                    let t = t.trim().to_owned();
                    for e in entities {
                        out.diagnostics.push(
                            Diagnostic::raise(
                                SourceRef::new(path, line),
                                "nhn/heading-entity",
                                format!("HTML entity {e} in a heading decoded: {t:?}"),
                            )
                            .raw(e),
                        );
                    }
                    if level >= 3 {
                        // An empty heading names no service; the one above it no longer holds.
                        service_heading = (!t.is_empty()).then(|| t.clone());
                    }
                    out.headings.push(Heading {
                        level,
                        text: t,
                        line,
                    });
                }
            }
            Event::Start(Tag::Paragraph | Tag::Item) => {
                flush_prose(&mut prose, out);
                prose = Some((lines.line(range.start), String::new()));
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item) => flush_prose(&mut prose, out),
            Event::Text(t) | Event::Code(t) => {
                let is_entity = raw.starts_with('&') && raw.ends_with(';') && raw != &*t;
                if let Some(h) = heading.as_mut() {
                    h.2.push_str(&t);
                    if is_entity {
                        h.3.push(raw.to_owned());
                    }
                } else if let Some(p) = prose.as_mut() {
                    p.1.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(p) = prose.as_mut() {
                    p.1.push(' ');
                }
            }
            _ => {}
        }
    }
    flush_prose(&mut prose, out);
    let covered = tables.iter().map(|t| t.table.span.clone()).collect();
    (tables, covered)
}

/// Phrases saying "may use" in the four locales.
const MAY_USE: &[&str] = &[
    "사용할 수 있",
    "이용할 수 있",
    "can use",
    "may use",
    "available to",
    "利用でき",
    "使用でき",
    "可以使用",
    "才能使用",
];
/// Phrases naming the user console.
const USER_CONSOLE: &[&str] = &[
    "유저 콘솔",
    "user console",
    "ユーザーコンソール",
    "用户控制台",
];
/// Words naming a permission, and a member, in the four locales (with the ja page's `CloudTraill`).
const PERMISSION: &[&str] = &["권한", "permission", "権限", "权限"];
const MEMBER: &[&str] = &["멤버", "member", "メンバー", "成员"];
/// Phrases of negation, for the user console sentence.
const NEGATIVE: &[&str] = &[
    "없습니다",
    "없음",
    "cannot",
    "can not",
    "not available",
    "できません",
    "无法",
    "不能",
];

fn flush_prose(prose: &mut Option<(u32, String)>, out: &mut NhnDocument) {
    let Some((line, text)) = prose.take() else {
        return;
    };
    let lower = text.to_lowercase();
    if MAY_USE.iter().any(|p| lower.contains(p)) {
        let mut roles: Vec<String> = Vec::new();
        // Distinct upper-case words: "NHN Cloud ... NHN Cloud" names the vendor twice, no roles.
        for w in text
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .filter(|w| w.len() >= 3 && w.chars().all(|c| c.is_ascii_uppercase() || c == '_'))
        {
            if !roles.iter().any(|r| r == w) {
                roles.push(w.to_owned());
            }
        }
        if roles.len() >= 2 {
            out.role_mentions.push(RoleMention { roles, line });
        }
    }
    let names_service = lower.contains("cloudtrail");
    if names_service
        && PERMISSION.iter().any(|p| lower.contains(p))
        && MEMBER.iter().any(|p| lower.contains(p))
    {
        out.permission_mentions.push(PermissionMention {
            text: text.trim().to_owned(),
            line,
        });
    }
    if out.user_console.is_none() && USER_CONSOLE.iter().any(|p| lower.contains(p)) {
        let available = !NEGATIVE.iter().any(|p| lower.contains(p));
        out.user_console = Some(ConsoleMention { available, line });
    }
}

/// Reads one table into records. Returns false when its header names no known layout.
fn read_table(table: &Table, out: &mut NhnDocument) -> bool {
    let path = out.path.clone();
    let at = |line: u32| SourceRef::new(path.as_str(), line);
    let Table { table, heading } = table;
    let head = &table.head;
    let mut columns = Vec::new();
    let mut header_locale = None;
    for c in &head.cells {
        let (col, loc) = classify(&c.text);
        columns.push(col);
        if header_locale.is_none() || header_locale == Some(Locale::En) {
            header_locale = loc.or(header_locale);
        }
    }
    let pos = |want: Column| columns.iter().position(|&c| c == want);
    let count = |want: Column| columns.iter().filter(|&&c| c == want).count();
    let (name_col, id_col, svc_col) = (pos(Column::Name), pos(Column::Id), pos(Column::Service));
    let known = name_col.is_some()
        && (id_col.is_some() || svc_col.is_some())
        && count(Column::Name) == 1
        && count(Column::Id) <= 1
        && count(Column::Service) <= 1;
    if !known {
        out.diagnostics.push(
            Diagnostic::raise(
                at(head.line),
                "nhn/unknown-table",
                format!(
                    "a table whose header names no known layout (needs one event name column and an event ID or \
                     service column); its {} rows are not read",
                    table.rows.len()
                ),
            )
            .raw(head.raw.clone()),
        );
        return false;
    }
    let name_col = name_col.unwrap_or_default();
    if out.locale.is_none() {
        out.locale = header_locale;
        if header_locale.is_none() {
            out.diagnostics.push(Diagnostic::raise(
                at(head.line),
                "nhn/no-locale",
                "the document's locale is named neither by its path nor by its header words",
            ));
        }
    }
    for (i, c) in columns.iter().enumerate() {
        if *c == Column::Other {
            out.diagnostics.push(
                Diagnostic::raise(
                    at(head.line),
                    "nhn/unknown-column",
                    format!(
                        "column {} of the table is not an event name, ID or service; ignored",
                        i + 1
                    ),
                )
                .raw(head.cells[i].raw.clone()),
            );
        }
    }
    let layout: String = columns
        .iter()
        .map(|c| c.tag())
        .collect::<Vec<_>>()
        .join("-");
    if svc_col.is_none() && heading.is_none() {
        out.diagnostics.push(
            Diagnostic::raise(
                at(table.line),
                "nhn/no-service",
                "a table without a service column and without a non-empty `###` heading above it; its services are null",
            )
            .raw(head.raw.clone()),
        );
    }
    let head_cells = raw_cell_count(&head.raw);
    for row in &table.rows {
        // GitHub's rules: cells past the header's count are dropped, missing cells are empty.
        let shape = row.shape(head_cells);
        if shape != Shape::Exact {
            let (code, what) = match shape {
                Shape::Extra(_) => (
                    "nhn/extra-cells",
                    "the cells after the header's last column are ignored, as GitHub does",
                ),
                _ => (
                    "nhn/missing-cells",
                    "the missing cells are read as empty, as GitHub does",
                ),
            };
            out.diagnostics.push(
                Diagnostic::raise(
                    at(row.line),
                    code,
                    format!(
                        "the row has {} cells where the header has {head_cells}; {what}",
                        raw_cell_count(&row.raw)
                    ),
                )
                .raw(row.raw.clone()),
            );
        }
        let cell = |i: usize| {
            if i < head_cells {
                row.cell(i)
            } else {
                row.cell(usize::MAX)
            }
        };
        // A row whose ID and name cells are swapped is read by content.
        let (mut name_cell, mut id_cell) = (cell(name_col), id_col.map(cell));
        if let Some(c) =
            id_cell.filter(|c| looks_like_id(&name_cell.text) && !looks_like_id(&c.text))
        {
            out.diagnostics.push(
                Diagnostic::raise(
                    at(row.line),
                    "nhn/swapped-cells",
                    "the event ID stands in the name column and the name in the ID column; read by content",
                )
                .subject(name_cell.text.trim().to_owned())
                .raw(row.raw.clone()),
            );
            (name_cell, id_cell) = (c, Some(name_cell));
        }
        let name = clean_name(name_cell, row.line, &path, &mut out.diagnostics);
        let mut event_id = None;
        let mut raw_event_id = None;
        if let Some(c) = id_cell {
            let (id, changed) = clean_id(c, row.line, &path, &mut out.diagnostics);
            if id.is_empty() {
                out.diagnostics.push(
                    Diagnostic::raise(
                        at(row.line),
                        "nhn/empty-id",
                        "the event ID cell is empty; the row is not read",
                    )
                    .raw(row.raw.clone()),
                );
                continue;
            }
            if changed {
                raw_event_id = Some(c.raw.clone());
            }
            event_id = Some(id);
        }
        if name.is_empty() {
            let d = Diagnostic::raise(
                at(row.line),
                "nhn/empty-name",
                "the event name cell is empty",
            )
            .raw(row.raw.clone());
            out.diagnostics.push(match &event_id {
                Some(id) => d.subject(id.clone()),
                None => d,
            });
            if event_id.is_none() {
                continue;
            }
        }
        let service = match svc_col {
            Some(i) => Some(cell(i).text.trim().to_owned()).filter(|s| !s.is_empty()),
            None => heading.clone(),
        };
        if svc_col.is_some() && service.is_none() {
            out.diagnostics.push(
                Diagnostic::raise(
                    at(row.line),
                    "nhn/empty-service",
                    "the service cell is empty",
                )
                .raw(row.raw.clone()),
            );
        }
        out.records.push(Record {
            event_id,
            name,
            service,
            line: row.line,
            raw_event_id,
            locale: out.locale,
            layout: layout.clone(),
        });
    }
    true
}

/// Whether a cell's text reads as an event ID rather than a name: one word with an `…_id.`
/// prefix (`event_id.`, and the misspellings the history holds, `evnet_id.`, `email_id.`).
fn looks_like_id(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && !t.contains(char::is_whitespace)
        && t.split('.')
            .next()
            .is_some_and(|p| p.len() > 3 && p.to_ascii_lowercase().ends_with("_id"))
}

/// The character a numeric HTML entity (`&#8;`, `&#x8;`) stands for; `None` for named entities.
fn entity_char(entity: &str) -> Option<char> {
    let body = entity.strip_prefix("&#")?.strip_suffix(';')?;
    let n = match body.strip_prefix(['x', 'X']) {
        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
        None => body.parse().ok()?,
    };
    char::from_u32(n)
}

/// The control characters of a cell, as `U+0008`, each once, saying which were written as entities:
/// `U+0008 (written as &#8;)`. One finding per cell names both the character and its entity.
fn controls_of(cell: &Cell) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in cell.text.chars().filter(|c| c.is_control()) {
        let code = format!("U+{:04X}", c as u32);
        let written: Vec<&str> = cell
            .entities
            .iter()
            .filter(|e| entity_char(e) == Some(c))
            .map(String::as_str)
            .collect();
        let item = match written.first() {
            Some(e) => format!("{code} (written as the entity {e})"),
            None => code,
        };
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

/// The entities of a cell that stand for no control character (those are said with the control
/// character they stand for).
fn plain_entities(cell: &Cell) -> impl Iterator<Item = &String> {
    // `&#0;` decodes to U+FFFD, no control character: it stays an entity finding.
    cell.entities
        .iter()
        .filter(|e| !entity_char(e).is_some_and(|c| c.is_control() && cell.text.contains(c)))
}

/// Cleans an ID cell; returns the ID and whether anything was removed or decoded.
fn clean_id(cell: &Cell, line: u32, path: &str, diags: &mut Vec<Diagnostic>) -> (String, bool) {
    let at = SourceRef::new(path, line);
    let trimmed = cell.text.trim();
    let id: String = trimmed
        .chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .collect();
    let subject = id.clone();
    for e in plain_entities(cell) {
        diags.push(
            Diagnostic::raise(
                at.clone(),
                "nhn/id-entity",
                format!("HTML entity {e} inside an event ID, decoded"),
            )
            .subject(subject.clone())
            .raw(cell.raw.clone()),
        );
    }
    let controls = controls_of(cell);
    if !controls.is_empty() {
        diags.push(
            Diagnostic::raise(
                at.clone(),
                "nhn/id-control-char",
                format!(
                    "control character {} removed from an event ID",
                    controls.join(", ")
                ),
            )
            .subject(subject.clone())
            .raw(cell.raw.clone()),
        );
    }
    if trimmed
        .chars()
        .any(|c| c.is_whitespace() && !c.is_control())
    {
        diags.push(
            Diagnostic::raise(
                at,
                "nhn/id-whitespace",
                "whitespace removed from inside an event ID",
            )
            .subject(subject)
            .raw(cell.raw.clone()),
        );
    }
    let changed = id != cell.raw;
    (id, changed)
}

/// Cleans a name cell: control characters removed, trimmed; entities noted.
fn clean_name(cell: &Cell, line: u32, path: &str, diags: &mut Vec<Diagnostic>) -> String {
    let at = SourceRef::new(path, line);
    let name: String = cell
        .text
        .chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .trim()
        .to_owned();
    for e in plain_entities(cell) {
        diags.push(
            Diagnostic::raise(
                at.clone(),
                "nhn/name-entity",
                format!("HTML entity {e} in an event name decoded: {name:?}"),
            )
            .raw(cell.raw.clone()),
        );
    }
    let controls = controls_of(cell);
    if !controls.is_empty() {
        diags.push(
            Diagnostic::raise(
                at,
                "nhn/name-control-char",
                format!(
                    "control character {} removed from an event name: {name:?}",
                    controls.join(", ")
                ),
            )
            .raw(cell.raw.clone()),
        );
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_file_names_and_editions_are_inverse() {
        for edition in [STANDARD_EDITION, "gov", "ngsc_v2"] {
            let path = format!("nhn/ko/{}", list_file_name(edition));
            assert_eq!(list_edition(&path).as_deref(), Some(edition));
            assert_eq!(
                list_edition(&format!("{path}@1a2b3c4")).as_deref(),
                Some(edition)
            );
        }
        for not in [
            "ko/event-lists.md",
            "ko/event-list-.md",
            "ko/event-list-a b.md",
            "ko/api-guide.md",
        ] {
            assert_eq!(list_edition(not), None, "{not}");
        }
    }

    fn doc(path: &str, text: &str) -> SourceDoc {
        SourceDoc {
            path: path.into(),
            text: text.into(),
        }
    }

    #[test]
    fn an_empty_heading_names_no_service() {
        let d = read(&doc(
            "ko/event-list.md",
            "### Web\n\n|이벤트|이벤트 ID|\n|---|---|\n|a|event_id.web.a|\n\n### \n\n|이벤트|이벤트 ID|\n|---|---|\n|b|event_id.word.b|\n",
        ))
        .unwrap();
        let services: Vec<Option<&str>> = d.records.iter().map(|r| r.service.as_deref()).collect();
        assert_eq!(
            services,
            [Some("Web"), None],
            "not the section above, not \"\""
        );
        let codes: Vec<&str> = d.diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, ["nhn/no-service"]);
    }

    #[test]
    fn entity_control_char_is_removed_from_ids() {
        let d = read(&doc(
            "nhn/ko/event-list.md",
            "### G\n\n|이벤트|이벤트 ID|\n|---|---|\n|시작|event_id.g.&#8;start|\n",
        ))
        .unwrap();
        assert_eq!(d.records[0].event_id.as_deref(), Some("event_id.g.start"));
        assert_eq!(
            d.records[0].raw_event_id.as_deref(),
            Some("event_id.g.&#8;start")
        );
        // One finding for the one defect, naming the character and the entity it was written as.
        let codes: Vec<&str> = d.diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, ["nhn/id-control-char"]);
        assert!(
            d.diagnostics[0]
                .message
                .contains("U+0008 (written as the entity &#8;)"),
            "{}",
            d.diagnostics[0].message
        );
        // An entity for a printable character stays its own finding; a raw control character is said alone.
        let d = read(&doc(
            "nhn/ko/event-list.md",
            "### G\n\n|이벤트|이벤트 ID|\n|---|---|\n|시작|event_id.g.&#95;start\u{7}|\n",
        ))
        .unwrap();
        let found: Vec<(&str, &str)> = d
            .diagnostics
            .iter()
            .map(|d| (d.code.as_str(), d.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "nhn/id-control-char",
                    "control character U+0007 removed from an event ID"
                ),
                (
                    "nhn/id-entity",
                    "HTML entity &#95; inside an event ID, decoded"
                ),
            ]
        );
        // `&#0;` is read as U+FFFD, no control character: still said, as an entity.
        let d = read(&doc(
            "nhn/ko/event-list.md",
            "### G\n\n|이벤트|이벤트 ID|\n|---|---|\n|시작|event_id.g.&#0;start|\n",
        ))
        .unwrap();
        let codes: Vec<&str> = d.diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, ["nhn/id-entity"]);
    }
}
