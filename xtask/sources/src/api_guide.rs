//! NHN CloudTrail API guide: endpoints, headers, permissions, field tables and JSON examples.
//!
//! The guide is markdown. Each `###` heading opens a section: `Common Response
//! Body`, then one per API version (`### 1. Event 조회(1.0)`, `### 2. Event
//! 조회(2.0)`). Inside a section, bold labels such as `**[Request Body]**` or
//! `**[HEADER]**` say what the next table, code block or list is about. Tables
//! are told apart by their header row (`Method|URI`, `Key|Value`,
//! `Key|Type|Description`, `Key|Type|Required|Description`).
//!
//! Every row of every table becomes a [`Record`] or a diagnostic; JSON code
//! blocks become [`Example`]s (verbatim: they contain `/* comments */`, the
//! catalogue parses them); bullets under a request body become [`Note`]s, from
//! which the catalogue reads the request rules.
//!
//! Quirks handled: cells padded with tabs (`|Key|\tType|`), `O`/`X` required
//! marks, a heading without a version (older guides: the version is then read
//! from the endpoint's URI), code blocks that directly follow a label line.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::lines::Lines;
use crate::table::TableWalker;
use crate::{Diagnostic, Locale, ReadError, Severity, SourceDoc, SourceRef};

/// What was read from one API guide.
#[derive(Debug, Clone, Default)]
pub struct ApiGuideDocument {
    /// The document's path relative to the sources root.
    pub path: String,
    /// The locale named by the path (`nhn/ko/api-guide.md`), or guessed from the text for documents
    /// whose path names none (the seeds); `None` when neither tells.
    pub locale: Option<Locale>,
    /// Whether the path names the locale. Guides whose path does not (the seeds) are older revisions.
    pub locale_from_path: bool,
    /// One record per table row understood, in document order.
    pub records: Vec<Record>,
    /// JSON code blocks, in document order.
    pub examples: Vec<Example>,
    /// Bullets under a request body, in document order (the request rules are stated there).
    pub notes: Vec<Note>,
    /// Problems found while reading.
    pub diagnostics: Vec<Diagnostic>,
}

/// Which table a row comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Table {
    /// The `Common Response Body` table (`Key|Type|Description`): the `header` object of every response.
    CommonResponse,
    /// A `Method|URI` table: `key` is the method, `description` the URI template.
    Endpoint,
    /// A `Key|Value` table under `[Path Variable]`: `key` is the variable, `description` its value.
    PathVariable,
    /// A `Key|Value` table under `[HEADER]`: `key` is the header name, `description` its value.
    Header,
    /// A bullet under `[필요한 권한]`/`[Required Permissions]`: `key` is the permission (`CloudTrail:EventLog.List`).
    Permission,
    /// A request body table (`Key|Type|Required|Description`).
    Request,
    /// A response body table (`Key|Type|Description`).
    Response,
}

impl Table {
    /// The kebab-case name, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            Table::CommonResponse => "common-response",
            Table::Endpoint => "endpoint",
            Table::PathVariable => "path-variable",
            Table::Header => "header",
            Table::Permission => "permission",
            Table::Request => "request",
            Table::Response => "response",
        }
    }
}

/// One table row (or permission bullet) as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Record {
    /// The API version of the section (`v1.0`), from its heading or its endpoint URI; `None` in the
    /// common section.
    pub version: Option<String>,
    /// Which table the row is in.
    pub table: Table,
    /// The first cell, trimmed (`page.limit`, `UserId`, `POST`, `appKey`).
    pub key: String,
    /// The Type cell verbatim, trimmed (`String`, `int`, `Date`), for tables with one.
    #[serde(rename = "type")]
    pub r#type: Option<String>,
    /// The Required cell (`O` true, `X` false), for request tables; `None` when absent or unreadable.
    pub required: Option<bool>,
    /// The Description (or Value, or URI) cell, trimmed.
    pub description: String,
    /// 1-based line of the row.
    pub line: u32,
}

/// What a JSON example shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ExampleKind {
    /// The common response body (`{"header": ...}`).
    CommonResponse,
    /// A request body.
    Request,
    /// A response body.
    Response,
}

/// A fenced code block, verbatim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Example {
    /// The section's API version; `None` in the common section.
    pub version: Option<String>,
    /// What it shows.
    pub kind: ExampleKind,
    /// The block's text as published, its line ends written as `\n` (also when the document uses
    /// `\r\n` or a lone `\r`).
    pub text: String,
    /// 1-based line of the opening fence.
    pub line: u32,
}

/// A bullet under a request body: prose the request rules are read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    /// The section's API version.
    pub version: Option<String>,
    /// The bullet's text, inline code unwrapped, whitespace collapsed.
    pub text: String,
    /// 1-based line of the bullet.
    pub line: u32,
}

/// What a bold `**[...]**` label announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    None,
    Endpoint,
    PathVariable,
    Header,
    Permission,
    RequestBody,
    ResponseBody,
    Other,
}

fn part_of_label(label: &str) -> Option<Part> {
    let l = label
        .trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .trim()
        .to_lowercase();
    if !label.trim().starts_with('[') {
        return None;
    }
    Some(if l.contains("method") {
        Part::Endpoint
    } else if l.contains("path variable") {
        Part::PathVariable
    } else if l.contains("header") {
        Part::Header
    } else if l.contains("request body") {
        Part::RequestBody
    } else if l.contains("response body") {
        Part::ResponseBody
    } else if l.contains("permission")
        || l.contains("권한")
        || l.contains("権限")
        || l.contains("权限")
    {
        Part::Permission
    } else {
        Part::Other
    })
}

/// The section a `###` heading opens.
#[derive(Debug, Clone, Default)]
struct Section {
    common: bool,
    version: Option<String>,
    /// Where the heading is, for diagnostics.
    line: u32,
    /// Indexes into the document's vectors where the section starts, to fill in a late version.
    first_record: usize,
    first_example: usize,
    first_note: usize,
}

/// `(1.0)` or `1.0` in a heading -> `v1.0`.
fn version_in_heading(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    for (i, _) in text.char_indices() {
        let rest = &text[i..];
        let digits: String = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        let before_ok = i == 0 || !bytes[i - 1].is_ascii_digit() && bytes[i - 1] != b'.';
        if before_ok && digits.contains('.') && !digits.starts_with('.') && !digits.ends_with('.') {
            let after = &rest[digits.len()..];
            let before = &text[..i];
            if before.trim_end().ends_with('(') && after.trim_start().starts_with(')') {
                return Some(format!("v{digits}"));
            }
        }
    }
    None
}

/// `/cloud-trail/v2.0/appkeys/...` -> `v2.0`.
pub(crate) fn version_in_uri(uri: &str) -> Option<String> {
    uri.split('/')
        .find(|seg| {
            seg.len() > 1
                && seg.starts_with('v')
                && seg[1..].contains('.')
                && seg[1..].chars().all(|c| c.is_ascii_digit() || c == '.')
        })
        .map(str::to_owned)
}

/// Guesses a document's locale from its script: Hangul is ko, kana ja, Han without kana zh, else en.
fn locale_of_text(text: &str) -> Option<Locale> {
    let (mut hangul, mut kana, mut han, mut latin) = (0usize, 0usize, 0usize, 0usize);
    for c in text.chars() {
        match c as u32 {
            0xAC00..=0xD7A3 => hangul += 1,
            0x3040..=0x30FF => kana += 1,
            0x4E00..=0x9FFF => han += 1,
            _ if c.is_ascii_alphabetic() => latin += 1,
            _ => {}
        }
    }
    if hangul > 0 && hangul >= kana {
        Some(Locale::Ko)
    } else if kana > 0 {
        Some(Locale::Ja)
    } else if han > 0 {
        Some(Locale::Zh)
    } else if latin > 0 {
        Some(Locale::En)
    } else {
        None
    }
}

/// Reads a required mark: `O`/`X` (the guide's), and the usual spellings of yes and no.
pub(crate) fn parse_required(cell: &str) -> Option<bool> {
    match cell.trim().to_lowercase().as_str() {
        "o" | "y" | "yes" | "true" | "required" | "필수" | "必須" | "必需" | "必填" | "○" | "◯" => {
            Some(true)
        }
        "x" | "n" | "no" | "false" | "optional" | "선택" | "任意" | "可选" | "选填" | "×" => {
            Some(false)
        }
        _ => None,
    }
}

/// A table as read: header cells and rows of cells (whitespace collapsed), with lines.
#[derive(Default)]
struct TableBuf {
    header: Vec<String>,
    rows: Vec<(Vec<String>, u32)>,
    line: u32,
}

impl From<crate::table::Table> for TableBuf {
    fn from(t: crate::table::Table) -> Self {
        let cells = |r: &crate::table::Row| {
            r.cells
                .iter()
                .map(|c| collapse(&c.text))
                .collect::<Vec<_>>()
        };
        TableBuf {
            header: cells(&t.head),
            rows: t.rows.iter().map(|r| (cells(r), r.line)).collect(),
            line: t.line,
        }
    }
}

/// Reads an NHN CloudTrail API guide.
///
/// Fails when the document has no table at all (nothing to read), or no `Method|URI` table
/// (not an API guide).
pub fn read(doc: &SourceDoc) -> Result<ApiGuideDocument, ReadError> {
    let doc = &*crate::lines::normalized(doc);
    let text = doc.text.as_str();
    let lines = Lines::new(text);
    let path_locale = Locale::from_path(&doc.path);
    let mut out = ApiGuideDocument {
        path: doc.path.clone(),
        locale: path_locale.or_else(|| locale_of_text(text)),
        locale_from_path: path_locale.is_some(),
        ..Default::default()
    };
    if path_locale.is_none()
        && let Some(l) = out.locale
    {
        out.diagnostics.push(
            Diagnostic::raise(
                SourceRef::new(&doc.path, 1),
                "api/locale-guessed",
                format!(
                    "the path names no locale; read as `{l}` from its script and treated as an older \
                     revision of the `{l}` guide"
                ),
            )
            .subject(l.code()),
        );
    }

    let mut section: Option<Section> = None;
    let mut part = Part::None;
    let mut walker = TableWalker::default();
    let mut heading: Option<(HeadingLevel, String, u32)> = None;
    let mut strong: Option<String> = None;
    let mut code: Option<(String, u32)> = None;
    let mut item: Option<(String, u32, Vec<String>)> = None;
    let mut tables_seen = 0usize;

    let parser = Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter();
    for (event, range) in parser {
        let line = lines.line(range.start);
        if let Event::Start(Tag::Table(_)) = event {
            tables_seen += 1;
        }
        if let Some(t) = walker.feed(&event, &range, text, &lines) {
            read_table(&mut out, doc, &lines, t.into(), section.as_mut(), part);
            continue;
        }
        if walker.in_cell() {
            continue;
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level, String::new(), line))
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, title, hline)) = heading.take() {
                    if let Some(s) = section.take() {
                        close_section(&mut out, s);
                    }
                    part = Part::None;
                    if level >= HeadingLevel::H3 {
                        section = Some(Section {
                            common: title.to_lowercase().contains("common response"),
                            version: version_in_heading(&title),
                            line: hline,
                            first_record: out.records.len(),
                            first_example: out.examples.len(),
                            first_note: out.notes.len(),
                        });
                    }
                }
            }
            Event::Start(Tag::Strong) => strong = Some(String::new()),
            Event::End(TagEnd::Strong) => {
                if let Some(label) = strong.take()
                    && let Some(p) = part_of_label(&label)
                {
                    part = p;
                }
            }
            Event::Start(Tag::CodeBlock(_)) => code = Some((String::new(), line)),
            Event::End(TagEnd::CodeBlock) => {
                if let Some((body, cline)) = code.take() {
                    read_code(&mut out, doc, body, cline, section.as_ref(), part);
                }
            }
            Event::Start(Tag::Item) => item = Some((String::new(), line, Vec::new())),
            Event::End(TagEnd::Item) => {
                if let Some((body, iline, codes)) = item.take() {
                    let version = section.as_ref().and_then(|s| s.version.clone());
                    match part {
                        Part::Permission => {
                            for c in codes {
                                out.records.push(Record {
                                    version: version.clone(),
                                    table: Table::Permission,
                                    key: c,
                                    r#type: None,
                                    required: None,
                                    description: collapse(&body),
                                    line: iline,
                                });
                            }
                        }
                        Part::RequestBody => out.notes.push(Note {
                            version,
                            text: collapse(&body),
                            line: iline,
                        }),
                        _ => {}
                    }
                }
            }
            Event::Text(t) => {
                if let Some((body, _)) = code.as_mut() {
                    body.push_str(&t);
                    continue;
                }
                for buf in [heading.as_mut().map(|h| &mut h.1), strong.as_mut()]
                    .into_iter()
                    .flatten()
                {
                    buf.push_str(&t);
                }
                if let Some((body, _, _)) = item.as_mut() {
                    body.push_str(&t);
                }
            }
            Event::Code(t) => {
                for buf in [heading.as_mut().map(|h| &mut h.1), strong.as_mut()]
                    .into_iter()
                    .flatten()
                {
                    buf.push_str(&t);
                }
                if let Some((body, _, codes)) = item.as_mut() {
                    body.push_str(&t);
                    codes.push(t.trim().to_owned());
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(h) = heading.as_mut() {
                    h.1.push(' ');
                }
                if let Some((body, _, _)) = item.as_mut() {
                    body.push(' ');
                }
            }
            _ => {}
        }
    }
    if let Some(s) = section.take() {
        close_section(&mut out, s);
    }
    if tables_seen == 0 {
        return Err(ReadError::no_data(
            &doc.path,
            "no markdown table found; an API guide has Method/URI and field tables",
        ));
    }
    if !out.records.iter().any(|r| r.table == Table::Endpoint) {
        return Err(ReadError::invalid(
            &doc.path,
            None,
            "no `Method | URI` table found: this does not look like the CloudTrail API guide \
             (pass --kind nhn for an event list)",
        ));
    }
    Ok(out)
}

/// Ends a section: gives its version to what was read before the endpoint row revealed it.
fn close_section(out: &mut ApiGuideDocument, s: Section) {
    let Some(v) = s.version.clone() else {
        let read_something =
            out.records.len() > s.first_record || out.examples.len() > s.first_example;
        if !s.common && read_something {
            out.diagnostics.push(Diagnostic::raise(
                SourceRef::new(&out.path, s.line),
                "api/no-version",
                "this section has API tables but neither its heading nor a Method/URI row names a version; \
                 its rows are not attached to any version",
            ));
        }
        return;
    };
    for r in &mut out.records[s.first_record..] {
        r.version.get_or_insert_with(|| v.clone());
    }
    for e in &mut out.examples[s.first_example..] {
        e.version.get_or_insert_with(|| v.clone());
    }
    for n in &mut out.notes[s.first_note..] {
        n.version.get_or_insert_with(|| v.clone());
    }
}

/// Trims and collapses runs of whitespace (tabs included) to one space.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn read_code(
    out: &mut ApiGuideDocument,
    doc: &SourceDoc,
    body: String,
    line: u32,
    section: Option<&Section>,
    part: Part,
) {
    let kind = match (section, part) {
        (Some(s), _) if s.common => Some(ExampleKind::CommonResponse),
        (_, Part::RequestBody) => Some(ExampleKind::Request),
        (_, Part::ResponseBody) => Some(ExampleKind::Response),
        _ => None,
    };
    match kind {
        Some(kind) => out.examples.push(Example {
            version: section.and_then(|s| s.version.clone()),
            kind,
            text: body,
            line,
        }),
        None => out.diagnostics.push(
            Diagnostic::raise(
                SourceRef::new(&doc.path, line),
                "api/unplaced-example",
                "code block outside a request or response body section; not read as an example",
            )
            .raw(body.lines().next().unwrap_or_default()),
        ),
    }
}

fn read_table(
    out: &mut ApiGuideDocument,
    doc: &SourceDoc,
    lines: &Lines,
    t: TableBuf,
    section: Option<&mut Section>,
    part: Part,
) {
    let head: Vec<String> = t.header.iter().map(|h| h.to_lowercase()).collect();
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    let common = section.as_ref().is_some_and(|s| s.common);
    let kind = match head.as_slice() {
        ["method", "uri" | "url"] => Some(Table::Endpoint),
        ["key", "value"] if part == Part::Header => Some(Table::Header),
        ["key", "value"] if part == Part::PathVariable => Some(Table::PathVariable),
        ["key", "type", "description"] if common => Some(Table::CommonResponse),
        ["key", "type", "description"] => Some(Table::Response),
        ["key", "type", "required", "description"] => Some(Table::Request),
        _ => None,
    };
    let raw = |line: u32| lines.text(&doc.text, line).to_owned();
    let at = |line: u32| SourceRef::new(&doc.path, line);
    let Some(kind) = kind else {
        for (_, line) in &t.rows {
            out.diagnostics.push(
                Diagnostic::raise(
                    at(*line),
                    "api/unknown-table",
                    format!(
                        "row of a table with columns `{}` not expected here; not read",
                        t.header.join(" | ")
                    ),
                )
                .raw(raw(*line)),
            );
        }
        if t.rows.is_empty() {
            out.diagnostics.push(
                Diagnostic::new(
                    at(t.line),
                    "api/unknown-table",
                    Severity::Info,
                    "table without rows; nothing to read",
                )
                .raw(raw(t.line)),
            );
        }
        return;
    };
    let mut version = section.as_ref().and_then(|s| s.version.clone());
    let mut seen: Vec<String> = Vec::new();
    for (cells, line) in t.rows {
        let raw_row = raw(line);
        if crate::table::raw_cell_count(&raw_row) != t.header.len() {
            out.diagnostics.push(
                Diagnostic::raise(
                    at(line),
                    "api/cell-count",
                    format!(
                        "row has {} cells, the header {}; cells past the header's are dropped, missing ones read as empty",
                        crate::table::raw_cell_count(&raw_row),
                        t.header.len()
                    ),
                )
                .raw(raw_row.clone()),
            );
        }
        let cell = |i: usize| cells.get(i).cloned().unwrap_or_default();
        let key = cell(0);
        if key.is_empty() {
            out.diagnostics.push(
                Diagnostic::raise(at(line), "api/empty-key", "row without a key; not read")
                    .raw(raw_row),
            );
            continue;
        }
        if seen.contains(&key) {
            out.diagnostics.push(
                Diagnostic::raise(
                    at(line),
                    "api/duplicate-row",
                    format!(
                        "`{key}` is listed twice in this table; both rows are kept, the first wins"
                    ),
                )
                .subject(key.clone())
                .raw(raw_row.clone()),
            );
        }
        seen.push(key.clone());
        let (ty, required, description) = match kind {
            Table::Request => {
                let mark = cell(2);
                let required = parse_required(&mark);
                if required.is_none() {
                    let (code, what) = if mark.is_empty() {
                        (
                            "api/missing-required",
                            "the Required cell is empty".to_string(),
                        )
                    } else {
                        (
                            "api/bad-required",
                            format!("Required mark `{mark}` is not O/X (or yes/no)"),
                        )
                    };
                    out.diagnostics.push(
                        Diagnostic::raise(at(line), code, format!("{what}; required left unknown"))
                            .subject(key.clone())
                            .raw(raw_row.clone()),
                    );
                }
                (Some(cell(1)), required, cell(3))
            }
            Table::Response | Table::CommonResponse => (Some(cell(1)), None, cell(2)),
            _ => (None, None, cell(1)),
        };
        if let Some(ty) = ty.as_deref()
            && ty.is_empty()
        {
            out.diagnostics.push(
                Diagnostic::raise(at(line), "api/missing-type", "the Type cell is empty")
                    .subject(key.clone())
                    .raw(raw_row.clone()),
            );
        }
        if kind == Table::Endpoint
            && let Some(v) = version_in_uri(&description)
        {
            match &version {
                Some(have) if *have != v => out.diagnostics.push(
                    Diagnostic::raise(
                        at(line),
                        "api/version-mismatch",
                        format!("the heading says {have} but the URI says {v}; the URI wins"),
                    )
                    .subject(v.clone())
                    .raw(raw_row.clone()),
                ),
                _ => {}
            }
            version = Some(v);
        }
        out.records.push(Record {
            version: version.clone(),
            table: kind,
            key,
            r#type: ty,
            required,
            description,
            line,
        });
    }
    if let Some(s) = section
        && (s.version.is_none() || kind == Table::Endpoint)
    {
        s.version = version;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_from_headings_and_uris() {
        assert_eq!(
            version_in_heading("1. Event 조회(1.0)").as_deref(),
            Some("v1.0")
        );
        assert_eq!(
            version_in_heading("1. Query Events (2.0)").as_deref(),
            Some("v2.0")
        );
        assert_eq!(version_in_heading("1. Event 조회"), None);
        assert_eq!(
            version_in_uri("/cloud-trail/v2.0/appkeys/{appKey}/events/search").as_deref(),
            Some("v2.0")
        );
        assert_eq!(version_in_uri("/events/search"), None);
    }

    #[test]
    fn required_marks() {
        assert_eq!(parse_required(" O "), Some(true));
        assert_eq!(parse_required("X"), Some(false));
        assert_eq!(parse_required("maybe"), None);
    }
}
