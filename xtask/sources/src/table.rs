//! One markdown table walker for the readers of markdown documents (NHN event lists, API guides).
//!
//! The readers parse a document with pulldown-cmark (GFM tables on) and hand every event to a
//! [`TableWalker`]; the walker collects the events that belong to tables and gives back each
//! finished [`Table`]. Rows follow GitHub's rules: a row is cut or padded to its header's cell
//! count (pulldown-cmark does that), and [`Row::shape`] says how the row as written differed, so
//! the reader reports it instead of guessing.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::lines::Lines;

/// A table cell: its text (entities decoded, code spans as their text, `<br>` as a space), its
/// raw source, and the HTML entities met inside it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Cell {
    /// The text as rendered.
    pub text: String,
    /// The source of the cell, trimmed.
    pub raw: String,
    /// HTML entities written in the cell (`&#8;`, `&amp;`), as written.
    pub entities: Vec<String>,
}

/// A table row (or the header row).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Row {
    /// The cells, as GitHub shows them: as many as the header has.
    pub cells: Vec<Cell>,
    /// The source of the row, trimmed.
    pub raw: String,
    /// 1-based line.
    pub line: u32,
}

/// How a row as written compares with its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// As many cells as the header.
    Exact,
    /// This many cells more than the header; GitHub drops them.
    Extra(usize),
    /// This many cells fewer than the header; GitHub shows them empty.
    Missing(usize),
}

impl Row {
    /// How the row as written compares with a header of `header` cells (counted in the source,
    /// so that cells GitHub dropped still count).
    pub fn shape(&self, header: usize) -> Shape {
        let n = raw_cell_count(&self.raw);
        match n.cmp(&header) {
            std::cmp::Ordering::Equal => Shape::Exact,
            std::cmp::Ordering::Greater => Shape::Extra(n - header),
            std::cmp::Ordering::Less => Shape::Missing(header - n),
        }
    }

    /// Cell `i` as GitHub shows it: empty past the cells written.
    pub fn cell(&self, i: usize) -> &Cell {
        static EMPTY: Cell = Cell {
            text: String::new(),
            raw: String::new(),
            entities: Vec::new(),
        };
        self.cells.get(i).unwrap_or(&EMPTY)
    }
}

/// A table: its header row and its body rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// The header row.
    pub head: Row,
    /// The body rows, in order.
    pub rows: Vec<Row>,
    /// 1-based line of the header.
    pub line: u32,
    /// The byte range the table covers in the document.
    pub span: Range<usize>,
}

/// Collects the parser events of tables into [`Table`]s.
#[derive(Debug, Default)]
pub(crate) struct TableWalker {
    table: Option<Table>,
    row: Option<Row>,
    cell: Option<Cell>,
}

impl TableWalker {
    /// Whether the walker is inside a table cell (text events there belong to the table).
    pub fn in_cell(&self) -> bool {
        self.cell.is_some()
    }

    /// Feeds one event with its source range. Returns the table it finishes, if any. Events
    /// outside tables are ignored; the caller handles them as well (headings, prose, code).
    pub fn feed(
        &mut self,
        event: &Event<'_>,
        range: &Range<usize>,
        text: &str,
        lines: &Lines,
    ) -> Option<Table> {
        let raw = &text[range.clone()];
        match event {
            Event::Start(Tag::Table(_)) => {
                self.table = Some(Table {
                    line: lines.line(range.start),
                    span: range.clone(),
                    ..Default::default()
                });
            }
            Event::End(TagEnd::Table) => return self.table.take(),
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                self.row = Some(Row {
                    raw: raw.trim().to_owned(),
                    line: lines.line(range.start),
                    cells: Vec::new(),
                });
            }
            Event::End(TagEnd::TableHead) => {
                if let (Some(t), Some(r)) = (self.table.as_mut(), self.row.take()) {
                    t.head = r;
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let (Some(t), Some(r)) = (self.table.as_mut(), self.row.take()) {
                    t.rows.push(r);
                }
            }
            Event::Start(Tag::TableCell) => {
                self.cell = Some(Cell {
                    raw: raw.trim().to_owned(),
                    ..Default::default()
                })
            }
            Event::End(TagEnd::TableCell) => {
                if let (Some(r), Some(c)) = (self.row.as_mut(), self.cell.take()) {
                    r.cells.push(c);
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = self.cell.as_mut() {
                    c.text.push_str(t);
                    if raw.starts_with('&') && raw.ends_with(';') && raw != &**t {
                        c.entities.push(raw.to_owned());
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(c) = self.cell.as_mut() {
                    c.text.push(' ');
                }
            }
            Event::InlineHtml(h) | Event::Html(h) => {
                if let Some(c) = self.cell.as_mut() {
                    if h.trim().to_lowercase().starts_with("<br") {
                        c.text.push(' ')
                    } else {
                        c.text.push_str(h)
                    }
                }
            }
            _ => {}
        }
        None
    }
}

/// Number of cells in a raw table row: unescaped pipes, without the outer ones.
pub(crate) fn raw_cell_count(raw: &str) -> usize {
    let t = raw.trim();
    let bytes = t.as_bytes();
    let mut pipes = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'|' => {
                pipes.push(i);
                i += 1
            }
            _ => i += 1,
        }
    }
    let mut count = pipes.len() + 1;
    if pipes.first() == Some(&0) {
        count -= 1;
    }
    if pipes.last().is_some_and(|&p| p + 1 == bytes.len())
        && pipes.len() > usize::from(pipes.first() == Some(&0))
    {
        count -= 1;
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Options, Parser};

    fn tables(text: &str) -> Vec<Table> {
        let lines = Lines::new(text);
        let mut w = TableWalker::default();
        Parser::new_ext(text, Options::ENABLE_TABLES)
            .into_offset_iter()
            .filter_map(|(e, r)| w.feed(&e, &r, text, &lines))
            .collect()
    }

    #[test]
    fn raw_cells() {
        assert_eq!(raw_cell_count("|a|b|"), 2);
        assert_eq!(raw_cell_count("a|b|"), 2);
        assert_eq!(raw_cell_count("a|b"), 2);
        assert_eq!(raw_cell_count("| a \\| x | b |"), 2);
        assert_eq!(raw_cell_count("|a|b|c|"), 3);
        assert_eq!(raw_cell_count("|Key|\tType|\tDescription|"), 3);
    }

    #[test]
    fn rows_follow_githubs_rules() {
        let t = &tables(
            "# x\n\n| A | B |\n| --- | --- |\n| 1 | `2` |\n| 1 | 2 | 3 |\n| 1 |\nno pipe | &amp;<br>x\n",
        )[0];
        assert_eq!((t.line, t.head.cells.len(), t.rows.len()), (3, 2, 4));
        assert_eq!(t.rows[0].cell(1).text, "2", "a code span is its text");
        assert_eq!(t.rows[1].shape(2), Shape::Extra(1));
        assert_eq!(t.rows[1].cells.len(), 2, "the extra cell is dropped");
        assert_eq!(t.rows[2].shape(2), Shape::Missing(1));
        assert_eq!(t.rows[2].cell(1).text, "", "a missing cell is empty");
        assert_eq!(
            (t.rows[3].line, t.rows[3].cell(1).text.as_str()),
            (8, "& x")
        );
        assert_eq!(t.rows[3].cell(1).entities, ["&amp;"]);
    }
}
