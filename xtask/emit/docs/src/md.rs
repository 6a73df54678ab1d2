//! Markdown that cannot break its page: [`md_cell`] escapes catalogue text, [`Md`] is the only kind
//! of value a template receives, [`Table`] is a header and rows of one width, [`Anchors`] hands out
//! stable ASCII section anchors, and [`stamp_comment`] / [`stamp_lines`] write the generator stamp
//! as a comment of each output's language.
//!
//! This room knows nothing of the catalogue or of any page: the page models in `pages/` build their
//! cells from these pieces, and nothing else may build an [`Md`] from raw text.

use std::collections::BTreeSet;

use serde::Serialize;
use trail_catalog::hash::Stamp;

/// Escapes text for use inside a markdown table cell (and any other inline position: headings,
/// list items, link text), so that it renders as exactly that text and never changes the
/// structure around it.
///
/// * `|` becomes `\|` (a GFM table keeps its column count); `\` becomes `\\`.
/// * a newline (`\n`, `\r\n` or `\r`) becomes `<br>`.
/// * `<`, `>`, `&` become `&lt;`, `&gt;`, `&amp;` (no HTML, no entity reinterpretation).
/// * `{` and `}` become `&#123;` and `&#125;` (mdBook's `{{#include}}` preprocessor never fires).
/// * `*`, `_`, `` ` ``, `[`, `]`, `~`, `#` are backslash-escaped (no emphasis, code, links,
///   strikethrough or heading-closing sequences).
/// * other C0 control characters and DEL become their visible Unicode control pictures
///   (U+2400 block), since markdown cannot show them.
///
/// Everything else (quotes, emoji, right-to-left text) is kept as it is.
pub(crate) fn md_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '|' => out.push_str("\\|"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("<br>");
            }
            '\n' => out.push_str("<br>"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '{' => out.push_str("&#123;"),
            '}' => out.push_str("&#125;"),
            '*' | '_' | '`' | '[' | ']' | '~' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\t' => out.push(c),
            '\u{7f}' => out.push('\u{2421}'),
            c if (c as u32) < 0x20 => {
                out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'))
            }
            c => out.push(c),
        }
    }
    out
}

/// The stamp as an HTML comment, the first line of every page. `--` inside is broken up (`- -`)
/// because it may not appear inside an HTML comment.
pub(crate) fn stamp_comment(stamp: &Stamp) -> String {
    let mut text = stamp.lines().join(" ");
    while text.contains("--") {
        text = text.replace("--", "- -");
    }
    format!("<!-- {text} -->")
}

/// The stamp as line comments (`# `, `// `) or one block comment per line (`/* `, ` */`), each line
/// ending with a newline. `*/` inside is broken up so a block comment cannot close early.
pub(crate) fn stamp_lines(stamp: &Stamp, open: &str, close: &str) -> String {
    stamp
        .lines()
        .iter()
        .map(|l| format!("{open}{}{close}\n", l.replace("*/", "* /")))
        .collect()
}

/// A stable ASCII anchor: `prefix-` and the text's ASCII letters and digits, lowercased, runs of
/// anything else folded to one `-`. Text with no ASCII letters or digits gives just the prefix;
/// callers make anchors unique with [`Anchors`].
pub(crate) fn anchor_slug(prefix: &str, text: &str) -> String {
    let mut out = String::from(prefix);
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if !out.ends_with('-') && out.len() == prefix.len() {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && out.len() > prefix.len() {
            out.push('-');
        }
    }
    while out.ends_with('-') && out.len() > prefix.len() {
        out.pop();
    }
    out
}

/// Hands out unique anchors within one page: a repeated slug gets `-2`, `-3`, ...
#[derive(Debug, Default)]
pub(crate) struct Anchors(BTreeSet<String>);

impl Anchors {
    /// A unique anchor for `text` on this page.
    pub(crate) fn get(&mut self, prefix: &str, text: &str) -> String {
        let base = anchor_slug(prefix, text);
        let mut candidate = base.clone();
        let mut n = 2;
        while !self.0.insert(candidate.clone()) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        candidate
    }
}

/// Markdown that is safe to place inline: escaped catalogue text, this crate's fixed markup, or a
/// concatenation of those. The only kind of value the templates receive.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub(crate) struct Md(String);

impl Md {
    /// Catalogue text, escaped with [`md_cell`].
    pub(crate) fn text(s: &str) -> Md {
        Md(md_cell(s))
    }

    /// This crate's own markup (never catalogue text).
    pub(crate) fn markup(s: impl Into<String>) -> Md {
        Md(s.into())
    }

    /// Catalogue text as a code span, so that an ID reads (and copies from the markdown) as it is.
    /// Text a code span cannot hold safely inside a table row (`|`, `\\`, backticks, braces, line
    /// breaks or other control characters, leading or trailing spaces, nothing at all) falls back to
    /// escaped text ([`Md::text`]).
    pub(crate) fn code(s: &str) -> Md {
        let safe = !s.is_empty()
            && !s.starts_with(' ')
            && !s.ends_with(' ')
            && !s
                .chars()
                .any(|c| matches!(c, '|' | '\\' | '`' | '{' | '}') || c.is_control());
        if safe {
            Md(format!("`{s}`"))
        } else {
            Md::text(s)
        }
    }

    /// Whether nothing is written.
    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// A relative link to another page or an anchor, with escaped link text.
    pub(crate) fn link(text: &str, target: &str) -> Md {
        Md(format!("[{}]({target})", md_cell(text)))
    }

    /// Appends another piece.
    pub(crate) fn push(mut self, other: Md) -> Md {
        self.0.push_str(&other.0);
        self
    }

    /// The markdown.
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

/// A table: header and rows of the same width (the constructor takes arrays, so the compiler
/// checks every row has the header's column count).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Table {
    header: Vec<Md>,
    rows: Vec<Vec<Md>>,
}

impl Table {
    /// A table; a column that is empty in every row is left out (a reader gains nothing from it
    /// and it takes width), unless there are no rows at all.
    pub(crate) fn new<const N: usize>(header: [&'static str; N], rows: Vec<[Md; N]>) -> Table {
        let keep: Vec<bool> = (0..N)
            .map(|i| rows.is_empty() || rows.iter().any(|r| !r[i].is_empty()))
            .collect();
        let pick = |cells: Vec<Md>| {
            cells
                .into_iter()
                .zip(&keep)
                .filter(|(_, k)| **k)
                .map(|(c, _)| c)
                .collect()
        };
        Table {
            header: pick(header.into_iter().map(Md::markup).collect()),
            rows: rows.into_iter().map(|r| pick(Vec::from(r))).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn md_cell_escapes_structure_and_keeps_the_rest() {
        assert_eq!(md_cell("a|b"), "a\\|b");
        assert_eq!(md_cell("a\nb\r\nc\rd"), "a<br>b<br>c<br>d");
        assert_eq!(
            md_cell("</td><script>&amp;"),
            "&lt;/td&gt;&lt;script&gt;&amp;amp;"
        );
        assert_eq!(
            md_cell("{{ x }} {% y %}"),
            "&#123;&#123; x &#125;&#125; &#123;% y %&#125;"
        );
        assert_eq!(
            md_cell("*a* _b_ `c` [d](e) ~f~ #"),
            "\\*a\\* \\_b\\_ \\`c\\` \\[d\\](e) \\~f\\~ \\#"
        );
        assert_eq!(
            md_cell("back\\slash \"q\" 'q' 🚀 שלום"),
            "back\\\\slash \"q\" 'q' 🚀 שלום"
        );
        assert_eq!(md_cell("nul\u{0}del\u{7f}"), "nul\u{2400}del\u{2421}");
    }

    #[test]
    fn stamp_comment_never_closes_early() {
        let stamp = Stamp {
            command: "cargo xtask gen --out x -->".into(),
            catalog_hash: "sha256:00".into(),
        };
        let c = stamp_comment(&stamp);
        assert!(c.starts_with("<!-- @generated"));
        assert!(!c[4..c.len() - 3].contains("--"), "{c}");
        assert!(c.ends_with(" -->"));
    }

    #[test]
    fn anchors_are_ascii_and_unique() {
        let mut a = Anchors::default();
        assert_eq!(a.get("svc", "Log & Crash Search"), "svc-log-crash-search");
        assert_eq!(a.get("svc", "log-crash-search"), "svc-log-crash-search-2");
        assert_eq!(a.get("svc", "데이터"), "svc");
        assert_eq!(a.get("svc", "서비스"), "svc-2");
        assert_eq!(
            anchor_slug("org", "--Virtual  Machine--"),
            "org-virtual-machine"
        );
    }

    #[test]
    fn ids_are_code_spans_unless_a_code_span_cannot_hold_them() {
        assert_eq!(
            Md::code("event_id.iaas.instance.create").as_str(),
            "`event_id.iaas.instance.create`"
        );
        assert_eq!(Md::code("event_id.a|b").as_str(), "event\\_id.a\\|b");
        assert_eq!(Md::code("event_id.`x`").as_str(), "event\\_id.\\`x\\`");
        assert_eq!(
            Md::code("{{#include x}}").as_str(),
            "&#123;&#123;\\#include x&#125;&#125;"
        );
        assert_eq!(Md::code(" x").as_str(), " x");
        assert_eq!(Md::code("a\nb").as_str(), "a<br>b");
    }

    #[test]
    fn empty_columns_are_left_out_but_not_of_an_empty_table() {
        let t = Table::new(
            ["A", "B", "C"],
            vec![[Md::markup("1"), Md::default(), Md::markup("3")]],
        );
        assert_eq!(t.header, [Md::markup("A"), Md::markup("C")]);
        assert_eq!(t.rows, [vec![Md::markup("1"), Md::markup("3")]]);
        let empty = Table::new(["A", "B"], vec![]);
        assert_eq!(empty.header.len(), 2);
    }
}
