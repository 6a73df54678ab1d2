//! The KakaoCloud page as markdown or as saved HTML, turned into blocks: lines of text (headings,
//! paragraphs, list items), tables with their cells kept apart, and code blocks.
//!
//! Both forms keep what the page text loses: cell boundaries and the role tables' check marks.
//! Markdown is parsed with pulldown-cmark and the project's [`TableWalker`]; HTML with the small
//! hand-written scanner below, which knows the few elements a saved page's content uses
//! (headings, paragraphs, list items, tables, `pre`) and skips scripts, styles and comments.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::lines::Lines;
use crate::table::TableWalker;

/// Which form a KakaoCloud page was captured in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Form {
    /// The text a browser copies: table cells glued together, check marks lost.
    #[default]
    Text,
    /// Markdown: pipe tables, `#` headings, ✓ marks.
    Markdown,
    /// HTML as a browser saves the page: `<table>` cells, marks as text or image alt text.
    Html,
}

impl Form {
    /// Tells the forms apart by content: HTML starts with a doctype or `<html>`, or has table
    /// cells; markdown has a pipe table or a `#` heading; anything else is page text.
    pub fn of(text: &str) -> Form {
        let head: String = text
            .trim_start()
            .chars()
            .take(64)
            .flat_map(char::to_lowercase)
            .collect();
        let lower = text.to_lowercase();
        if head.starts_with("<!doctype html")
            || head.starts_with("<html")
            || (lower.contains("<table") && (lower.contains("</td>") || lower.contains("</th>")))
        {
            return Form::Html;
        }
        if crate::lines::split(text).any(|l| {
            let t = l.text.trim();
            (t.starts_with('|') && t.contains("--") && is_delimiter(t)) || t.starts_with("# ")
        }) {
            return Form::Markdown;
        }
        Form::Text
    }
}

/// A markdown table delimiter row (`| --- | :---: |`).
fn is_delimiter(t: &str) -> bool {
    t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// One piece of the page, in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Block {
    /// A heading, paragraph or list item, its text on one line.
    Text {
        /// The text, whitespace runs collapsed.
        text: String,
        /// 1-based line where it starts.
        line: u32,
    },
    /// A table with its cells apart.
    Table(CellTable),
    /// A code block (`pre`, fenced code): an example, never events.
    Code {
        /// The code, verbatim.
        text: String,
        /// 1-based line where it starts.
        line: u32,
    },
}

/// A table whose cells are kept apart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct CellTable {
    /// The header cells.
    pub head: Vec<String>,
    /// The body rows.
    pub rows: Vec<CellRow>,
    /// 1-based line of the header.
    pub line: u32,
    /// The header as written.
    pub raw: String,
}

/// A table row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct CellRow {
    /// The cells' text, trimmed.
    pub cells: Vec<String>,
    /// The row as written (trimmed, on one line), for diagnostics.
    pub raw: String,
    /// 1-based line of the row.
    pub line: u32,
}

/// Collapses whitespace runs (spaces, tabs, line ends, no-break spaces) to one space, trimmed.
fn collapse(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The blocks of a markdown page (GFM tables).
pub(crate) fn markdown(text: &str) -> Vec<Block> {
    let lines = Lines::new(text);
    let mut walker = TableWalker::default();
    let mut out = Vec::new();
    // The text block being collected: (text, line, is code).
    let mut open: Option<(String, u32, bool)> = None;
    let flush = |open: &mut Option<(String, u32, bool)>, out: &mut Vec<Block>| {
        if let Some((t, line, code)) = open.take() {
            if code {
                out.push(Block::Code { text: t, line });
            } else if !collapse(&t).is_empty() {
                out.push(Block::Text {
                    text: collapse(&t),
                    line,
                });
            }
        }
    };
    for (event, range) in Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter() {
        if let Some(t) = walker.feed(&event, &range, text, &lines) {
            out.push(Block::Table(CellTable {
                head: t.head.cells.iter().map(|c| collapse(&c.text)).collect(),
                raw: t.head.raw.clone(),
                line: t.line,
                rows: t
                    .rows
                    .iter()
                    .map(|r| CellRow {
                        cells: r.cells.iter().map(|c| collapse(&c.text)).collect(),
                        raw: r.raw.clone(),
                        line: r.line,
                    })
                    .collect(),
            }));
            continue;
        }
        if walker.in_cell() {
            continue;
        }
        match &event {
            Event::Start(Tag::Heading { .. } | Tag::Paragraph | Tag::Item) => {
                flush(&mut open, &mut out);
                open = Some((String::new(), lines.line(range.start), false));
            }
            Event::Start(Tag::CodeBlock(_)) => {
                flush(&mut open, &mut out);
                open = Some((String::new(), lines.line(range.start), true));
            }
            Event::End(
                TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::Item | TagEnd::CodeBlock,
            ) => flush(&mut open, &mut out),
            Event::Text(t) | Event::Code(t) => {
                if let Some(o) = open.as_mut() {
                    o.0.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(o) = open.as_mut() {
                    o.0.push(if o.2 { '\n' } else { ' ' });
                }
            }
            _ => {}
        }
    }
    flush(&mut open, &mut out);
    out
}

/// Elements that end a run of text: what is before them and what is after them are two blocks.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "main",
    "aside",
    "blockquote",
    "table",
    "body",
    "html",
    "details",
    "summary",
    "figure",
    "figcaption",
    "hr",
    "tbody",
    "thead",
    "tfoot",
];

/// Elements whose content is never page text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "head", "button",
];

/// The blocks of a saved HTML page.
pub(crate) fn html(text: &str) -> Vec<Block> {
    let lines = Lines::new(text);
    let mut s = HtmlScan {
        out: Vec::new(),
        buf: String::new(),
        buf_at: None,
        table: None,
        row: None,
        cell: None,
        pre: None,
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            let end = text[i..].find('<').map_or(text.len(), |p| i + p);
            s.text(&decode_entities(&text[i..end]), lines.line(i));
            i = end;
            continue;
        }
        // A comment, a doctype or processing instruction, or a tag.
        if text[i..].starts_with("<!--") {
            i = text[i + 4..]
                .find("-->")
                .map_or(text.len(), |p| i + 4 + p + 3);
            continue;
        }
        let Some(tag_end) = tag_end(bytes, i) else {
            // A lone `<` is text.
            s.text("<", lines.line(i));
            i += 1;
            continue;
        };
        let tag = &text[i + 1..tag_end];
        let line = lines.line(i);
        i = tag_end + 1;
        if tag.starts_with('!') || tag.starts_with('?') {
            continue;
        }
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .flat_map(|c| c.to_lowercase())
            .collect();
        if name.is_empty() {
            continue; // `</ >`: nothing
        }
        if !closing && SKIPPED.contains(&name.as_str()) && !tag.ends_with('/') {
            // Skip to the matching close tag (these elements do not nest in practice).
            let close = format!("</{name}");
            let lower_rest = text[i..].to_ascii_lowercase();
            i = match lower_rest.find(&close) {
                Some(p) => tag_end_from(bytes, i + p).map_or(text.len(), |e| e + 1),
                None => text.len(),
            };
            continue;
        }
        s.tag(&name, closing, tag, line);
    }
    s.flush();
    s.out
}

/// The offset of the `>` closing the tag that starts at `start` (quotes respected).
fn tag_end(bytes: &[u8], start: usize) -> Option<usize> {
    // A tag starts with `<` followed by a letter, `/`, `!` or `?`.
    let next = *bytes.get(start + 1)?;
    if !(next.is_ascii_alphabetic() || matches!(next, b'/' | b'!' | b'?')) {
        return None;
    }
    tag_end_from(bytes, start)
}

fn tag_end_from(bytes: &[u8], start: usize) -> Option<usize> {
    let mut quote: Option<u8> = None;
    for (j, &b) in bytes.iter().enumerate().skip(start + 1) {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return Some(j),
            _ => {}
        }
    }
    None
}

/// The value of attribute `name` in a tag's source (`img src="x" alt="✓"`), entities decoded.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(p) = lower[from..].find(name) {
        let at = from + p;
        from = at + name.len();
        let before_ok = lower[..at].ends_with(|c: char| c.is_whitespace());
        let rest = tag[at + name.len()..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let rest = rest[1..].trim_start();
        let value = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or_default(),
            _ => rest
                .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .next()
                .unwrap_or_default(),
        };
        return Some(decode_entities(value));
    }
    None
}

/// Decodes HTML character references: the named ones pages use, and numeric ones. An unknown
/// or malformed reference is kept as written.
pub(crate) fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    const NAMED: &[(&str, &str)] = &[
        ("amp", "&"),
        ("lt", "<"),
        ("gt", ">"),
        ("quot", "\""),
        ("apos", "'"),
        ("nbsp", "\u{a0}"),
        ("check", "✓"),
        ("checkmark", "✓"),
        ("cross", "✗"),
        ("ndash", "–"),
        ("mdash", "—"),
        ("rarr", "→"),
        ("hellip", "…"),
        ("middot", "·"),
        ("times", "×"),
        ("rsquo", "’"),
        ("lsquo", "‘"),
        ("rdquo", "”"),
        ("ldquo", "“"),
    ];
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map(|e| e + 1);
        let decoded = end.filter(|&e| rest[e..].starts_with(';')).and_then(|e| {
            let name = &rest[1..e];
            let c = if let Some(num) = name.strip_prefix('#') {
                let n = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => num.parse().ok(),
                };
                n.and_then(char::from_u32).map(String::from)
            } else {
                NAMED
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| (*v).to_owned())
            };
            c.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push_str(&c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The state of the HTML scan.
struct HtmlScan {
    out: Vec<Block>,
    /// Text outside tables since the last block boundary, and the line it starts on.
    buf: String,
    buf_at: Option<u32>,
    /// The table being read (nested tables are read as part of their outer cell).
    table: Option<(CellTable, bool, u32)>,
    /// The row being read: cells, whether it is a header row, line.
    row: Option<(Vec<String>, bool, u32)>,
    /// The cell being read.
    cell: Option<String>,
    /// A `pre` block being read: text, line.
    pre: Option<(String, u32)>,
}

impl HtmlScan {
    fn text(&mut self, t: &str, line: u32) {
        if let Some(p) = self.pre.as_mut() {
            p.0.push_str(t);
        } else if let Some(c) = self.cell.as_mut() {
            c.push_str(t);
        } else if self.table.is_none() {
            if self.buf_at.is_none() && !collapse(t).is_empty() {
                // The line of the first visible character.
                let lead = t.len() - t.trim_start().len();
                self.buf_at = Some(line + t[..lead].matches('\n').count() as u32);
            }
            self.buf.push_str(t);
        }
    }

    fn flush(&mut self) {
        let text = collapse(&std::mem::take(&mut self.buf));
        if let Some(line) = self.buf_at.take()
            && !text.is_empty()
        {
            self.out.push(Block::Text { text, line });
        }
    }

    fn end_cell(&mut self) {
        if let (Some(c), Some(r)) = (self.cell.take(), self.row.as_mut()) {
            r.0.push(collapse(&c));
        }
    }

    fn end_row(&mut self) {
        self.end_cell();
        if let (Some((cells, header, line)), Some((t, _, _))) =
            (self.row.take(), self.table.as_mut())
        {
            let raw = cells.join(" | ");
            if header && t.head.is_empty() && t.rows.is_empty() {
                (t.head, t.line, t.raw) = (cells, line, raw);
            } else {
                t.rows.push(CellRow { cells, raw, line });
            }
        }
    }

    fn tag(&mut self, name: &str, closing: bool, source: &str, line: u32) {
        if self.pre.is_some() {
            if name == "pre" && closing {
                let (text, line) = self.pre.take().expect("checked");
                self.out.push(Block::Code { text, line });
            } else if name == "br" {
                self.text("\n", line);
            }
            return;
        }
        match (name, closing) {
            ("table", false) if self.table.is_none() => {
                self.flush();
                self.table = Some((
                    CellTable {
                        line,
                        ..Default::default()
                    },
                    false,
                    line,
                ));
            }
            ("table", true) if self.cell.is_none() => {
                self.end_row();
                if let Some((t, _, _)) = self.table.take() {
                    self.out.push(Block::Table(t));
                }
            }
            ("tr", false) if self.table.is_some() && self.cell.is_none() => {
                self.end_row();
                let in_head = self.table.as_ref().is_some_and(|t| t.1);
                self.row = Some((Vec::new(), in_head, line));
            }
            ("tr", true) if self.cell.is_none() => self.end_row(),
            ("thead", c) => {
                if let Some(t) = self.table.as_mut() {
                    t.1 = !c;
                }
            }
            ("th" | "td", false) if self.table.is_some() => {
                self.end_cell();
                if self.row.is_none() {
                    self.row = Some((Vec::new(), false, line));
                }
                if name == "th"
                    && let Some(r) = self.row.as_mut()
                    && r.0.is_empty()
                {
                    r.1 = true;
                }
                self.cell = Some(String::new());
            }
            ("th" | "td", true) => self.end_cell(),
            ("br", _) => self.text(" ", line),
            ("img", false) => {
                // A mark drawn as an image keeps its meaning in the alt text.
                if let Some(alt) = attribute(source, "alt") {
                    self.text(&format!(" {alt} "), line);
                }
            }
            ("pre", false) => {
                self.flush();
                self.pre = Some((String::new(), line));
            }
            _ if BLOCK_TAGS.contains(&name) => {
                if let Some(c) = self.cell.as_mut() {
                    c.push(' ');
                } else {
                    self.flush();
                }
            }
            // Inline elements (`span`, `a`, `strong`, `code`, ...) are their text.
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_are_told_apart_by_content() {
        assert_eq!(Form::of("<!DOCTYPE html><html>"), Form::Html);
        assert_eq!(Form::of("x <table><tr><td>a</td></tr></table>"), Form::Html);
        assert_eq!(Form::of("# Key Concepts\n\ntext\n"), Form::Markdown);
        assert_eq!(Form::of("| a | b |\n| --- | --- |\n"), Form::Markdown);
        assert_eq!(
            Form::of("ServiceResource typeProject event name\n"),
            Form::Text
        );
    }

    #[test]
    fn entities_decode_and_unknown_ones_stay() {
        assert_eq!(
            decode_entities("a &amp; b&nbsp;&#x2713;&#10003; &bogus; & x &lt;"),
            "a & b\u{a0}✓✓ &bogus; & x <"
        );
    }

    #[test]
    fn html_tables_headings_text_and_code() {
        let page = "<!DOCTYPE html>\n<html><head><title>t</title><style>p{}</style></head><body>\n\
            <h2 id=\"x\">Project&nbsp;events</h2>\n<script>var a = '<td>';</script>\n\
            <p>Some <b>prose</b>\n here.</p><!-- <td>no</td> -->\n\
            <table><thead><tr><th>Service</th><th>Resource type</th></tr></thead>\n\
            <tbody><tr><td>IAM</td><td>Domain &amp; more<br>x</td></tr>\n\
            <tr><td><img src=\"c.svg\" alt=\"✓\"></td><td></td></tr></tbody></table>\n\
            <pre><code>{\"a\": 1}</code></pre></body></html>\n";
        let blocks = html(page);
        assert_eq!(
            blocks[0],
            Block::Text {
                text: "Project events".into(),
                line: 3
            }
        );
        assert_eq!(
            blocks[1],
            Block::Text {
                text: "Some prose here.".into(),
                line: 5
            }
        );
        let Block::Table(t) = &blocks[2] else {
            panic!("{blocks:?}")
        };
        assert_eq!(t.head, ["Service", "Resource type"]);
        assert_eq!(t.rows[0].cells, ["IAM", "Domain & more x"]);
        assert_eq!((t.line, t.rows[0].line, t.rows[1].line), (7, 8, 9));
        assert_eq!(t.rows[1].cells, ["✓", ""]);
        assert_eq!(
            blocks[3],
            Block::Code {
                text: "{\"a\": 1}".into(),
                line: 10
            }
        );
        assert_eq!(blocks.len(), 4);
    }

    #[test]
    fn markdown_blocks() {
        let page = "# Key\n\nSome *prose*\nhere.\n\n- item one\n\n| A | B |\n| --- | --- |\n| 1 | ✓ |\n\n```json\n{}\n```\n";
        let blocks = markdown(page);
        assert_eq!(
            blocks[..3],
            [
                Block::Text {
                    text: "Key".into(),
                    line: 1
                },
                Block::Text {
                    text: "Some prose here.".into(),
                    line: 3
                },
                Block::Text {
                    text: "item one".into(),
                    line: 6
                },
            ]
        );
        let Block::Table(t) = &blocks[3] else {
            panic!()
        };
        assert_eq!((t.line, t.rows[0].line), (8, 10));
        assert_eq!(t.rows[0].cells, ["1", "✓"]);
        assert!(matches!(&blocks[4], Block::Code { text, line: 12 } if text == "{}\n"));
    }
}
