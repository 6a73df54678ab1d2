//! What a catalogue value can mean: the rules every loaded (and every imported) value meets.
//!
//! The catalogue is reviewed YAML that people edit by hand; a value that loads but cannot be
//! true (a date that does not exist, a `removed` date before `first_listed`, an edition no list
//! has, an override that swaps two IDs) would flow into every output. Each rule here is the one
//! place that says what is allowed; [`crate::io::load`] applies them with the file and line,
//! and import applies the per-entry ones to what it is about to write.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::hand::{KakaoOverrides, NhnOverrides};
use crate::model::{KakaoEvent, ListObservation, NhnEvent, Seen, Status};

/// The longest event ID (bytes): the longest listed upstream is under 100.
pub(crate) const MAX_ID: usize = 200;
/// The longest ID namespace or KakaoCloud service slug (bytes): each names a catalogue file.
pub(crate) const MAX_FILE_KEY: usize = 64;
/// The longest KakaoCloud event key (bytes).
pub(crate) const MAX_KEY: usize = 300;
/// The longest event, service or resource type name (characters).
pub(crate) const MAX_NAME: usize = 500;
/// The longest description (characters).
pub(crate) const MAX_DESCRIPTION: usize = 4000;
/// The longest variant name (bytes).
pub(crate) const MAX_VARIANT: usize = 120;
/// The deepest YAML nesting a catalogue file may have (the catalogue's own files nest under 10).
pub(crate) const MAX_DEPTH: usize = 64;

/// Whether `date` is a real calendar date written `YYYY-MM-DD` (years 1970-2999).
pub fn real_date(date: &str) -> Result<(), String> {
    let b = date.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r.clone())
            .filter(|d| d.iter().all(u8::is_ascii_digit))
            .map(|d| d.iter().fold(0, |n, c| n * 10 + u32::from(c - b'0')))
    };
    let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return Err(format!("{date:?} is no date: write YYYY-MM-DD"));
    };
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(format!("{date:?} is no date: write YYYY-MM-DD"));
    }
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(format!("{date:?} has no month {m}")),
    };
    if !(1970..=2999).contains(&y) {
        return Err(format!("{date:?}: the year is out of range (1970-2999)"));
    }
    if d == 0 || d > days {
        return Err(format!(
            "{date:?} does not exist (month {m} has {days} days)"
        ));
    }
    Ok(())
}

/// Whether an observation is well formed: a real date, and a commit of hex digits.
fn seen_problems(what: &str, seen: &Seen, out: &mut Vec<String>) {
    if let Err(why) = real_date(&seen.date) {
        out.push(format!("{what}: {why}"));
    }
    if let Some(c) = &seen.commit
        && !(4..=64).contains(&c.len())
    {
        out.push(format!(
            "{what}: commit {c:?} is no commit ID (4-64 hex digits)"
        ));
    } else if let Some(c) = &seen.commit
        && !c.bytes().all(|b| b.is_ascii_hexdigit())
    {
        out.push(format!(
            "{what}: commit {c:?} is no commit ID (4-64 hex digits)"
        ));
    }
}

fn too_long(what: &str, value: &str, max_chars: usize, out: &mut Vec<String>) {
    // Bytes bound chars from above: count characters only when the bytes exceed the limit.
    if value.len() > max_chars && value.chars().count() > max_chars {
        out.push(format!(
            "{what} is {} characters long, more than {max_chars}: shorten it",
            value.chars().count()
        ));
    }
}

/// The editions an event may name: `standard` and every edition of `nhn/lists.yaml`.
pub(crate) fn known_editions(lists: &[ListObservation]) -> BTreeSet<String> {
    std::iter::once(crate::model::ListKey::STANDARD.to_owned())
        .chain(lists.iter().map(|l| l.list.edition.clone()))
        .collect()
}

/// What is wrong with one NHN event (`editions`: see [`known_editions`]).
pub(crate) fn nhn_event(e: &NhnEvent, editions: &BTreeSet<String>) -> Vec<String> {
    let mut out = Vec::new();
    if let Err(why) = crate::model::nhn::well_formed(&e.id) {
        out.push(format!("malformed event ID {:?}: {why}", short(&e.id)));
        return out;
    }
    for (locale, name) in &e.names {
        if name.trim().is_empty() {
            out.push(format!(
                "{}: empty {locale} name; remove the entry of that locale",
                e.id
            ));
        }
        too_long(
            &format!("{}: the {locale} name", e.id),
            name,
            MAX_NAME,
            &mut out,
        );
    }
    if let Some(s) = &e.first_listed {
        seen_problems(&format!("{}: first_listed", e.id), s, &mut out);
    }
    if let Some(s) = &e.removed {
        seen_problems(&format!("{}: removed", e.id), s, &mut out);
    }
    for r in &e.renames {
        seen_problems(&format!("{}: a rename", e.id), &r.seen, &mut out);
        too_long(
            &format!("{}: a renamed name", e.id),
            &r.from,
            MAX_NAME,
            &mut out,
        );
        too_long(
            &format!("{}: a renamed name", e.id),
            &r.to,
            MAX_NAME,
            &mut out,
        );
    }
    if let (Some(first), Some(removed)) = (&e.first_listed, &e.removed)
        && removed.date < first.date
    {
        out.push(format!(
            "{}: removed {} before it was first listed {}; correct the dates",
            e.id, removed.date, first.date
        ));
    }
    if e.status == Status::Listed && e.removed.is_some() {
        out.push(format!(
            "{}: status `listed` with a `removed` date; a removed ID is `retired` (or drop `removed`)",
            e.id
        ));
    }
    for ed in &e.editions {
        if !editions.contains(ed) {
            let known: Vec<&str> = editions.iter().map(String::as_str).collect();
            out.push(format!(
                "{}: edition {:?} is no edition of an event list (nhn/lists.yaml knows: {})",
                e.id,
                short(ed),
                known.join(", ")
            ));
        }
    }
    out.extend(variant(&e.variant).map(|why| format!("{}: {why}", e.id)));
    out
}

/// What is wrong with one KakaoCloud event.
pub(crate) fn kakao_event(e: &KakaoEvent) -> Vec<String> {
    let mut out = Vec::new();
    let key = short(&e.key);
    if e.name.en.trim().is_empty() || e.key.trim().is_empty() {
        out.push(format!("{key:?}: empty key or name"));
    }
    for k in std::iter::once(&e.key).chain(&e.aliases) {
        if k.len() > MAX_KEY {
            out.push(format!(
                "{key:?}: a key of {} bytes, more than {MAX_KEY}: shorten it",
                k.len()
            ));
        }
    }
    let file_key = crate::model::nhn::slug(&e.service);
    // The service names the event's file (kakao/events/<slug>.yaml): one without a slug would be
    // written to another file than the one it was read from.
    if file_key.is_empty() {
        out.push(format!(
            "{key:?}: the service {:?} gives no file name; write the service as the page names it",
            e.service
        ));
    }
    if e.resource_type.trim().is_empty() {
        out.push(format!(
            "{key:?}: empty resource type; write the resource type as the page names it"
        ));
    }
    if file_key.len() > MAX_FILE_KEY {
        out.push(format!(
            "{key:?}: the service's file name would be {} bytes, more than {MAX_FILE_KEY}: shorten the service",
            file_key.len()
        ));
    }
    too_long(
        &format!("{key:?}: the service"),
        &e.service,
        MAX_NAME,
        &mut out,
    );
    too_long(
        &format!("{key:?}: the resource type"),
        &e.resource_type,
        MAX_NAME,
        &mut out,
    );
    too_long(
        &format!("{key:?}: the name"),
        &e.name.en,
        MAX_NAME,
        &mut out,
    );
    if let Some(ko) = &e.name.ko {
        too_long(&format!("{key:?}: the ko name"), ko, MAX_NAME, &mut out);
    }
    if let Some(d) = &e.description {
        too_long(
            &format!("{key:?}: the description"),
            d,
            MAX_DESCRIPTION,
            &mut out,
        );
    }
    if let Some(s) = &e.removed {
        seen_problems(&format!("{key:?}: removed"), s, &mut out);
    }
    out.extend(variant(&e.variant).map(|why| format!("{key:?}: {why}")));
    out
}

/// Rust's keywords, strict and reserved (any edition): no variant may spell one.
const RUST_KEYWORDS: &[&str] = &[
    "Self", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue",
    "crate", "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if",
    "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub",
    "ref", "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// What is wrong with a pinned variant name (empty is fine here: import pins one).
pub fn variant(name: &str) -> Option<String> {
    if name.is_empty() {
        return None;
    }
    let shown = short(name);
    if name.len() > MAX_VARIANT {
        return Some(format!(
            "variant `{shown}` is {} bytes long, more than {MAX_VARIANT}",
            name.len()
        ));
    }
    if RUST_KEYWORDS.contains(&name) {
        return Some(format!(
            "variant `{name}` is a Rust keyword; variants are UpperCamelCase identifiers (delete the \
             line and re-run the import to pin one)"
        ));
    }
    let ok = name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    (!ok).then(|| {
        format!(
            "variant `{shown}` is no UpperCamelCase Rust identifier (an ASCII capital, then letters, \
             digits or `_`); correct it, or delete the line and re-run the import to pin one"
        )
    })
}

/// NHN overrides: `(index, problem)` for each override that corrects an ID to itself, or whose
/// result is corrected again (a chain `a -> b -> c`, or a cycle `a -> b -> a`, which would
/// swap IDs): each ID is corrected once, straight to what it should be.
pub fn nhn_overrides(overrides: &NhnOverrides) -> Vec<(usize, String)> {
    let froms: BTreeMap<&str, usize> = overrides
        .ids
        .iter()
        .enumerate()
        .map(|(i, o)| (o.from.as_str(), i))
        .collect();
    let mut out = Vec::new();
    for (i, o) in overrides.ids.iter().enumerate() {
        if o.from.len() > MAX_ID * 2 {
            out.push((
                i,
                format!(
                    "the override of an ID of {} bytes: no such ID is read",
                    o.from.len()
                ),
            ));
        } else if o.from == o.to {
            out.push((
                i,
                format!(
                    "the override of {:?} corrects it to itself; delete it",
                    o.from
                ),
            ));
        } else if let Some(&j) = froms.get(o.to.as_str()) {
            let kind = if overrides.ids[j].to == o.from {
                "a cycle: the two overrides swap the IDs"
            } else {
                "a chain"
            };
            out.push((
                i,
                format!(
                    "the override of {:?} corrects it to {:?}, which another override corrects again \
                     ({kind}); correct each ID straight to its final form",
                    o.from, o.to
                ),
            ));
        }
    }
    out
}

/// KakaoCloud overrides: `(index, problem)` for names that are empty or too long, and for an
/// override whose corrected key is the key another override corrects (a chain or a cycle).
pub fn kakao_overrides(overrides: &KakaoOverrides) -> Vec<(usize, String)> {
    let keys: BTreeSet<&str> = overrides.names.iter().map(|o| o.key.as_str()).collect();
    let mut out = Vec::new();
    for (i, o) in overrides.names.iter().enumerate() {
        let mut why = Vec::new();
        if o.en.trim().is_empty() {
            why.push(format!(
                "the override of {:?} gives an empty name",
                short(&o.key)
            ));
        }
        too_long(
            &format!("the override of {:?}: the name", short(&o.key)),
            &o.en,
            MAX_NAME,
            &mut why,
        );
        if let Some((prefix, _)) = o.key.rsplit_once('/') {
            let to = format!("{prefix}/{}", crate::model::nhn::slug(&o.en));
            if to != o.key && keys.contains(to.as_str()) {
                why.push(format!(
                    "the override of {:?} renames it to {to:?}, which another override corrects again \
                     (a chain or a cycle); correct each name straight to its final form",
                    o.key
                ));
            }
        }
        out.extend(why.into_iter().map(|w| (i, w)));
    }
    out
}

/// A value shortened for a message (an attacker's megabyte ID is not echoed whole).
pub fn short(s: &str) -> String {
    if s.len() <= 120 {
        return s.to_owned();
    }
    let cut: String = s.chars().take(100).collect();
    format!("{cut}… ({} bytes)", s.len())
}

/// The 1-based line at which a YAML text nests deeper than `max` (flow collections `[`/`{`,
/// and compact block sequences `- - -` on one line), if any. A cheap, linear scan run before
/// the YAML parser, whose cost grows with the square of the depth; it errs on the side of
/// counting (brackets in plain text count only where a collection could start).
pub(crate) fn too_deep(text: &str, max: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, line) in text.lines().enumerate() {
        let mut compact = 0usize;
        let mut leading = true;
        let mut prev: Option<char> = None; // last non-blank character
        let mut raw_prev = ' ';
        let mut quote: Option<char> = None;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            let was = raw_prev;
            raw_prev = c;
            if let Some(q) = quote {
                if c == q {
                    quote = None;
                } else if c == '\\' && q == '"' {
                    chars.next();
                }
                continue;
            }
            let starts = depth > 0 || matches!(prev, None | Some('-' | ':' | '?' | ',' | '['));
            match c {
                ' ' | '\t' => continue,
                '#' if was == ' ' || was == '\t' => break,
                '-' | '?' if leading && chars.peek().is_none_or(|n| *n == ' ') => {
                    compact += 1;
                    prev = Some(c);
                    continue;
                }
                '[' | '{' if starts => depth += 1,
                ']' | '}' if depth > 0 => depth -= 1,
                '"' | '\'' if starts => quote = Some(c),
                _ => {}
            }
            leading = false;
            prev = Some(c);
            if depth + compact > max {
                return Some(i + 1);
            }
        }
        if compact > max {
            return Some(i + 1);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kakao_event_needs_a_service_that_names_its_file_and_a_resource_type() {
        let event = |service: &str, resource_type: &str| -> KakaoEvent {
            serde_yaml::from_str(&format!(
                "key: iam/user/user-invite\nscope: organization\nservice: {service:?}\n\
                 resource_type: {resource_type:?}\nname:\n  en: User Invite\nsources: []\n"
            ))
            .unwrap()
        };
        assert_eq!(kakao_event(&event("IAM", "User")), Vec::<String>::new());
        assert!(kakao_event(&event("", "User"))[0].contains("gives no file name"));
        assert!(kakao_event(&event("!!", "User"))[0].contains("gives no file name"));
        assert!(kakao_event(&event("IAM", " "))[0].contains("empty resource type"));
    }

    #[test]
    fn dates_are_real() {
        for ok in ["2025-02-28", "2024-02-29", "2000-02-29", "2019-11-06"] {
            assert!(real_date(ok).is_ok(), "{ok}");
        }
        for bad in [
            "2025-02-30",
            "2023-02-29",
            "1900-02-29",
            "yesterday",
            "2025-13-01",
            "2025-1-01",
            "2025-01-01x",
            "2025-00-10",
            "2025-04-31",
        ] {
            assert!(real_date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn variants_are_legal_unreserved_identifiers() {
        assert_eq!(variant("IaasInstanceCreate"), None);
        assert_eq!(variant("A_BC"), None);
        assert_eq!(variant(""), None);
        for bad in [
            "fn",
            "Self",
            "self",
            "lower",
            "9Lives",
            "Has-Dash",
            "Ünïcode",
        ] {
            assert!(variant(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn deep_nesting_is_found_in_linear_time() {
        assert_eq!(too_deep("a: [1, [2, {b: c}]]\nname: Cost [KRW\n", 3), None);
        assert_eq!(too_deep(&"[".repeat(100), 64), Some(1));
        assert_eq!(too_deep(&"- ".repeat(100), 64), Some(1));
        assert_eq!(too_deep(&format!("x: {}", "[".repeat(65)), 64), Some(1));
        assert_eq!(too_deep("name: \"[[[[[[\"\n", 3), None);
        let big = "[".repeat(200_000);
        assert_eq!(too_deep(&big, 64), Some(1));
    }
}
