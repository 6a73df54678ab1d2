//! Lines as CommonMark counts them: a line ends at `\n`, at `\r\n`, or at a lone `\r`.
//!
//! Every reader counts lines the same way, so a document saved with old Mac (`\r`), Windows
//! (`\r\n`) or Unix (`\n`) line ends, or a mix, gives the same records on the same lines.
//! Readers call [`normalized`] first: the text they parse then ends its lines with `\n` only,
//! line for line, so byte offsets, [`Lines`] and `str::lines` all agree with the original.

use std::borrow::Cow;

use crate::SourceDoc;

/// `doc` with every line end (`\r\n`, lone `\r`) written as `\n`; borrowed when it has no `\r`.
///
/// The number of lines and the text of each line are unchanged.
pub(crate) fn normalized(doc: &SourceDoc) -> Cow<'_, SourceDoc> {
    if !doc.text.contains('\r') {
        return Cow::Borrowed(doc);
    }
    let mut text = String::with_capacity(doc.text.len());
    for line in split(&doc.text) {
        text.push_str(line.text);
        if line.ended {
            text.push('\n');
        }
    }
    Cow::Owned(SourceDoc {
        path: doc.path.clone(),
        text,
    })
}

/// One line of a text, without its line end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Line<'a> {
    /// Byte offset of the line's first character.
    pub start: usize,
    /// The line's text, without the line end.
    pub text: &'a str,
    /// Whether a line end follows (false only for a last line without one).
    pub ended: bool,
}

/// The lines of `text`, split at `\n`, `\r\n` and lone `\r`. A text ending with a line end has
/// no empty last line (as `str::lines`); an empty text has no line.
pub(crate) fn split(text: &str) -> impl Iterator<Item = Line<'_>> {
    let bytes = text.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= bytes.len() {
            return None;
        }
        let start = pos;
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
            .map_or(bytes.len(), |i| start + i);
        pos = match bytes.get(end) {
            Some(b'\r') if bytes.get(end + 1) == Some(&b'\n') => end + 2,
            Some(_) => end + 1,
            None => end,
        };
        Some(Line {
            start,
            text: &text[start..end],
            ended: end < bytes.len(),
        })
    })
}

/// The 1-based line number of byte `offset` in `bytes`: one more than the line ends before it.
pub(crate) fn line_of_offset(bytes: &[u8], offset: usize) -> u32 {
    let before = &bytes[..offset.min(bytes.len())];
    let mut n = 1u32;
    for (i, &b) in before.iter().enumerate() {
        // `\r\n` is one line end, counted at its `\n`.
        if b == b'\n' || (b == b'\r' && before.get(i + 1) != Some(&b'\n')) {
            n += 1;
        }
    }
    n
}

/// The first line of `s` (up to any `\n` or `\r`).
pub fn first_line(s: &str) -> &str {
    s.split(['\n', '\r']).next().unwrap_or_default()
}

/// The start offset of every line of a text.
pub(crate) struct Lines(Vec<usize>);

impl Lines {
    /// Indexes the line starts of `text` (line ends `\n`, `\r\n`, lone `\r`).
    pub(crate) fn new(text: &str) -> Self {
        let mut starts: Vec<usize> = split(text).map(|l| l.start).collect();
        if starts.is_empty() {
            starts.push(0);
        }
        // After a final line end, an (empty) line starts at the end of the text.
        if text.ends_with(['\n', '\r']) {
            starts.push(text.len());
        }
        Lines(starts)
    }

    /// The 1-based line holding byte `offset`.
    pub(crate) fn line(&self, offset: usize) -> u32 {
        self.0.partition_point(|&s| s <= offset) as u32
    }

    /// The text of 1-based `line`, without its line ending.
    pub(crate) fn text<'a>(&self, text: &'a str, line: u32) -> &'a str {
        let i = line.saturating_sub(1) as usize;
        let start = self.0.get(i).copied().unwrap_or(text.len());
        let end = self.0.get(i + 1).copied().unwrap_or(text.len());
        text[start..end].trim_end_matches(['\n', '\r'])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_from_offsets() {
        let l = Lines::new("a\nbc\n\nd");
        assert_eq!(
            [l.line(0), l.line(1), l.line(2), l.line(5), l.line(6)],
            [1, 1, 2, 3, 4]
        );
        assert_eq!(
            [
                l.text("a\nbc\n\nd", 2),
                l.text("a\nbc\n\nd", 3),
                l.text("a\nbc\n\nd", 9)
            ],
            ["bc", "", ""]
        );
    }

    #[test]
    fn a_lone_cr_ends_a_line_like_lf_and_crlf() {
        for text in [
            "a\nbc\n\nd\n",
            "a\rbc\r\rd\r",
            "a\r\nbc\r\n\r\nd\r\n",
            "a\rbc\r\n\nd\r",
        ] {
            let lines: Vec<&str> = split(text).map(|l| l.text).collect();
            assert_eq!(lines, ["a", "bc", "", "d"], "{text:?}");
            let index = Lines::new(text);
            let d = text.find('d').unwrap();
            assert_eq!(index.line(d), 4, "{text:?}");
            assert_eq!(index.text(text, 2), "bc", "{text:?}");
            assert_eq!(line_of_offset(text.as_bytes(), d), 4, "{text:?}");
            let doc = SourceDoc {
                path: "x".into(),
                text: text.into(),
            };
            assert_eq!(normalized(&doc).text, "a\nbc\n\nd\n", "{text:?}");
        }
        assert_eq!(split("").count(), 0);
        assert_eq!(
            split("x").map(|l| (l.text, l.ended)).collect::<Vec<_>>(),
            [("x", false)]
        );
        assert_eq!(first_line("one\rtwo\nthree"), "one");
    }
}
