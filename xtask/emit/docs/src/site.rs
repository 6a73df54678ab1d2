//! The last step of the book's build: each HTML page mdBook writes is finished here before
//! Pagefind indexes it (`cargo xtask book` runs both mdBook and this step).
//!
//! mdBook writes one `<html lang>` for the whole book, from `book.toml`. The NHN locale pages are
//! written in Korean, Japanese and Chinese (their content is wrapped in `<div lang="..">`), and the
//! language must be in the HTML itself, not set by a script after load: Pagefind reads
//! `<html lang>` to build one index per language (and segment Korean, Japanese and Chinese words as
//! those languages), and browsers pick CJK glyphs and line-breaking rules from it. mdBook has no
//! per-page language, and a custom theme would mean a copy of mdBook's whole page template;
//! rewriting the one attribute after the build keeps mdBook's own template.
//!
//! [`finish_page`] also makes the tables read well:
//!
//! * a line break opportunity (`<wbr>`) after each `.`, `_` and `/` inside code spans and inside
//!   long tokens of cell text, so that a long event ID or key breaks only between its segments (the
//!   style sheet lets no other word break), and cells with Korean text marked to keep Korean words
//!   whole on the English pages;
//! * a newline between table cells, so that the indexed text (and the search result snippets)
//!   reads `이름 이벤트 ID` rather than the cells run together;
//! * `data-pagefind-ignore` on table headers, which repeat on every table and are not content.

/// The finished HTML of one page that mdBook wrote. Pages it does not concern (no `<main>`, no
/// table, no content language) come back unchanged; finishing twice changes nothing more.
pub fn finish_page(html: &str) -> String {
    let mut out = with_content_language(html);
    out = finish_cells(&out);
    out = break_code_after_separators(&out);
    out = out.replace("</td><td", "</td>\n<td");
    out = out.replace("</th><th", "</th>\n<th");
    out = out.replace("<thead>", "<thead data-pagefind-ignore>");
    // A second finishing finds its own break points again.
    out.replace("<wbr><wbr>", "<wbr>")
}

/// The language of the page's content: the `lang` of the first element inside `<main>` that has
/// one (the NHN locale pages' `<div lang="ko">`).
pub fn content_language(html: &str) -> Option<&str> {
    let main = html.find("<main")?;
    let rest = &html[main..];
    let end = rest.find("</main>").unwrap_or(rest.len());
    let body = &rest[..end];
    let at = body.find(" lang=\"")? + " lang=\"".len();
    let value = &body[at..];
    let value = &value[..value.find('"')?];
    let well_formed =
        !value.is_empty() && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    well_formed.then_some(value)
}

/// `html` with `<html lang>` set to the content's language ([`content_language`]), if it has one.
fn with_content_language(html: &str) -> String {
    let Some(lang) = content_language(html) else {
        return html.to_string();
    };
    let Some(start) = html.find("<html") else {
        return html.to_string();
    };
    let tag_end = start + html[start..].find('>').unwrap_or(0);
    let tag = &html[start..tag_end];
    let Some(attr) = tag.find(" lang=\"") else {
        return html.to_string();
    };
    let value_start = start + attr + " lang=\"".len();
    let Some(len) = html[value_start..].find('"') else {
        return html.to_string();
    };
    format!(
        "{}{lang}{}",
        &html[..value_start],
        &html[value_start + len..]
    )
}

/// Tokens of plain cell text at least this long (an event ID quoted in a finding's message) get
/// break points after their separators; shorter ones (`99.3%`, `v1.0`) stay whole.
const LONG_TOKEN: usize = 16;

/// The table cells (`<td>`) of `html`, finished: a long token of plain text (outside code spans)
/// gets `<wbr>` after each `.`, `_` and `/` followed by a letter or digit, a no-break space gets a
/// `<wbr>` after it (the space is kept, a name still copies as catalogued), and a cell holding
/// Korean (Hangul) is marked `class="keep-words"`, which the style sheet keeps from breaking inside
/// a Korean word on a page in another language (a name the Japanese list does not translate).
fn finish_cells(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut rest = html;
    while let Some(open) = rest.find("<td") {
        let Some(tag_len) = rest[open..].find('>') else {
            break;
        };
        let tag = &rest[open..open + tag_len + 1];
        if !(tag == "<td>" || tag.starts_with("<td ")) {
            out.push_str(&rest[..open + 3]);
            rest = &rest[open + 3..];
            continue;
        }
        let body_start = open + tag.len();
        let body_end = body_start
            + rest[body_start..]
                .find("</td>")
                .unwrap_or(rest.len() - body_start);
        let body = &rest[body_start..body_end];
        out.push_str(&rest[..open]);
        let korean = body.chars().any(is_hangul);
        if korean && !tag.contains("keep-words") {
            out.push_str("<td class=\"keep-words\"");
            out.push_str(&tag[3..]);
        } else {
            out.push_str(tag);
        }
        break_long_tokens(body, &mut out);
        rest = &rest[body_end..];
    }
    out.push_str(rest);
    out
}

/// Appends `body` (a cell's HTML) with `<wbr>` in its long plain-text tokens; tags and code spans
/// are copied as they are.
fn break_long_tokens(body: &str, out: &mut String) {
    let mut rest = body;
    while !rest.is_empty() {
        if rest.starts_with("<code") {
            let end = rest
                .find("</code>")
                .map_or(rest.len(), |i| i + "</code>".len());
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        } else if rest.starts_with('<') {
            let end = rest.find('>').map_or(rest.len(), |i| i + 1);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            for token in rest[..end].split_inclusive(char::is_whitespace) {
                // Some names join their words with no-break spaces (as the vendor's lists do):
                // the text stays as it is, with a break point after each.
                if let Some(word) = token.strip_suffix('\u{a0}') {
                    out.push_str(word);
                    out.push_str("\u{a0}<wbr>");
                    continue;
                }
                if token.trim_end().chars().count() < LONG_TOKEN {
                    out.push_str(token);
                    continue;
                }
                let mut chars = token.chars().peekable();
                while let Some(c) = chars.next() {
                    out.push(c);
                    let next_is_word = chars.peek().is_some_and(|n| n.is_alphanumeric());
                    if matches!(c, '.' | '_' | '/') && next_is_word {
                        out.push_str("<wbr>");
                    }
                }
            }
            rest = &rest[end..];
        }
    }
}

/// A Hangul syllable or jamo.
fn is_hangul(c: char) -> bool {
    matches!(c, '\u{ac00}'..='\u{d7a3}' | '\u{1100}'..='\u{11ff}' | '\u{3130}'..='\u{318f}')
}

/// `<wbr>` after every `.`, `_` and `/` inside `<code>` elements (whose content is text: mdBook
/// escapes `<` in code spans, so no tag is touched). Already finished code is left as it is.
fn break_code_after_separators(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut rest = html;
    while let Some(open) = rest.find("<code>") {
        let body_start = open + "<code>".len();
        out.push_str(&rest[..body_start]);
        rest = &rest[body_start..];
        let close = rest.find("</code>").unwrap_or(rest.len());
        let body = &rest[..close];
        if body.contains("<wbr>") {
            out.push_str(body);
        } else {
            for c in body.chars() {
                out.push(c);
                if matches!(c, '.' | '_' | '/') {
                    out.push_str("<wbr>");
                }
            }
        }
        rest = &rest[close..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<!DOCTYPE HTML>\n<html lang=\"en\" class=\"light\" dir=\"ltr\">\n<head></head>\
        <body><main><div lang=\"ko\">\n<h1>이벤트</h1>\n<table><thead><tr><th>이름</th><th>이벤트 ID</th></tr></thead>\
        <tbody><tr><td>인스턴스 생성</td><td><code>event_id.iaas.instance_create</code></td></tr></tbody></table>\
        </div></main></body></html>";

    #[test]
    fn the_page_declares_its_content_language() {
        let page = finish_page(PAGE);
        assert!(
            page.contains("<html lang=\"ko\" class=\"light\" dir=\"ltr\">"),
            "{page}"
        );
        assert_eq!(content_language(PAGE), Some("ko"));
    }

    #[test]
    fn a_page_without_a_content_language_keeps_the_book_language() {
        let page = PAGE.replace("<div lang=\"ko\">", "<div>");
        assert!(finish_page(&page).contains("<html lang=\"en\""));
        // Nor does a language outside <main> (the sidebar, the header) count.
        let page = page.replace("<body>", "<body><nav lang=\"ja\"></nav>");
        assert!(finish_page(&page).contains("<html lang=\"en\""));
    }

    #[test]
    fn ids_break_after_dots_and_underscores_only() {
        let page = finish_page(PAGE);
        assert!(
            page.contains("<code>event_<wbr>id.<wbr>iaas.<wbr>instance_<wbr>create</code>"),
            "{page}"
        );
    }

    #[test]
    fn cells_are_separated_and_headers_not_indexed() {
        let page = finish_page(PAGE);
        assert!(
            page.contains("<thead data-pagefind-ignore><tr><th>이름</th>\n<th>이벤트 ID</th>"),
            "{page}"
        );
        assert!(
            page.contains("<td class=\"keep-words\">인스턴스 생성</td>\n<td>"),
            "{page}"
        );
    }

    #[test]
    fn long_ids_in_prose_break_after_separators_and_korean_cells_keep_their_words() {
        let page = "<main><table><tbody><tr><td>the name “인스턴스 생성” is also given to \
            event_id.iaas.instance.create (v1.0, 99.3%)</td><td>Instance Create</td></tr></tbody></table></main>";
        let page = finish_page(page);
        assert!(
            page.contains(
                "<td class=\"keep-words\">the name “인스턴스 생성” is also given to \
                event_<wbr>id.<wbr>iaas.<wbr>instance.<wbr>create (v1.0, 99.3%)</td>"
            ),
            "{page}"
        );
        assert!(page.contains("\n<td>Instance Create</td>"), "{page}");
        // On the Japanese page, with the page's marker after the name.
        let page =
            finish_page("<main><table><tr><td>인스턴스 생성 (未翻訳)</td></tr></table></main>");
        assert!(page.contains("<td class=\"keep-words\">인스턴스"), "{page}");
        let page = finish_page("<main><table><tr><td>インスタンス作成</td></tr></table></main>");
        assert!(page.contains("<td>インスタンス"), "{page}");
    }

    #[test]
    fn no_break_spaces_in_names_are_kept_and_may_wrap() {
        let page = finish_page(
            "<main><table><tr><td>Change\u{a0}Load\u{a0}Balancer</td></tr></table></main>",
        );
        assert!(
            page.contains("<td>Change\u{a0}<wbr>Load\u{a0}<wbr>Balancer</td>"),
            "{page}"
        );
        assert_eq!(finish_page(&page), page);
    }

    #[test]
    fn finishing_twice_changes_nothing_more() {
        let once = finish_page(PAGE);
        assert_eq!(finish_page(&once), once);
    }
}
