//! Byte offsets to 1-based line numbers, for the readers that parse with pulldown-cmark.

/// The start offset of every line of a text.
pub(crate) struct Lines(Vec<usize>);

impl Lines {
    /// Indexes the line starts of `text`.
    pub(crate) fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
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
    use super::Lines;

    #[test]
    fn lines_from_offsets() {
        let l = Lines::new("a\nbc\n\nd");
        assert_eq!([l.line(0), l.line(1), l.line(2), l.line(5), l.line(6)], [1, 1, 2, 3, 4]);
        assert_eq!([l.text("a\nbc\n\nd", 2), l.text("a\nbc\n\nd", 3), l.text("a\nbc\n\nd", 9)], ["bc", "", ""]);
    }
}
