//! Rust identifiers for catalogue keys, derived deterministically.
//!
//! The rule, applied to every key of one enum together:
//!
//! 1. **Short form**: drop a known prefix (`event_id.`), split on anything that is not an
//!    ASCII letter or digit (`.`, `_`, `-`, `/`, ...) and on camelCase boundaries
//!    (`createParameterGroup` -> `create Parameter Group`, `HTTPServer` -> `HTTP Server`),
//!    then UpperCamelCase each word: `event_id.iaas.instance.create` -> `IaasInstanceCreate`.
//! 2. **Structural form** for every key whose short form collides with another's: the
//!    segments between the key's `.` (or `/`) separators are joined with `_`, so
//!    `event_id.a.b_c` -> `A_BC` and `event_id.a_b.c` -> `AB_C`.
//! 3. If structural forms still collide, each colliding key gets `_` and 8 hex digits of a
//!    stable FNV-1a hash of the full key; anything still equal gets `_2`, `_3`, ... in key order.
//!
//! A name that would start with a digit gets an `N` prefix (`event_id.2fa.enable` -> `N2faEnable`),
//! a name equal to a Rust keyword gets a trailing `_` (`Self` -> `Self_`), and a key with no
//! letters or digits at all is named `Unnamed`. Keywords and digits are handled before
//! collisions are looked for, so the result is always a set of distinct, valid identifiers.

use std::collections::BTreeMap;

/// Keywords that a capitalised identifier can spell (all others start with a lowercase letter).
const KEYWORDS: &[&str] = &["Self"];

/// Splits one segment into words at camelCase boundaries and non-alphanumerics.
fn words(segment: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in segment.split(|c: char| !c.is_ascii_alphanumeric()) {
        let chars: Vec<char> = part.chars().collect();
        let mut word = String::new();
        for (i, &c) in chars.iter().enumerate() {
            let prev = if i > 0 { Some(chars[i - 1]) } else { None };
            let next = chars.get(i + 1).copied();
            let boundary = c.is_ascii_uppercase()
                && prev.is_some_and(|p| {
                    p.is_ascii_lowercase()
                        || p.is_ascii_digit()
                        || (p.is_ascii_uppercase() && next.is_some_and(|n| n.is_ascii_lowercase()))
                });
            if boundary && !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            word.push(c);
        }
        if !word.is_empty() {
            out.push(word);
        }
    }
    out
}

/// UpperCamelCase of one word: first character upper, the rest lower.
fn capitalise(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for (i, c) in word.chars().enumerate() {
        out.push(if i == 0 { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() });
    }
    out
}

fn camel(segment: &str) -> String {
    words(segment).iter().map(|w| capitalise(w)).collect()
}

/// Makes any non-empty ASCII alphanumeric/underscore string a valid, non-keyword identifier.
fn fix_up(name: String) -> String {
    let name = if name.trim_matches('_').is_empty() { "Unnamed".to_string() } else { name };
    let name = if name.starts_with(|c: char| c.is_ascii_digit()) { format!("N{name}") } else { name };
    if KEYWORDS.contains(&name.as_str()) { format!("{name}_") } else { name }
}

fn short_form(key: &str, prefix: &str) -> String {
    let key = key.strip_prefix(prefix).unwrap_or(key);
    fix_up(camel(key))
}

fn structural_form(key: &str, prefix: &str) -> String {
    let key = key.strip_prefix(prefix).unwrap_or(key);
    let segments: Vec<String> =
        key.split(['.', '/']).map(camel).filter(|s| !s.is_empty()).collect();
    fix_up(segments.join("_"))
}

/// FNV-1a, 32 bits: a stable hash for disambiguating suffixes.
fn fnv1a(key: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in key.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// Replaces the names of every key whose name is shared with another key's.
fn resolve(names: &mut [String], keys: &[&str], next: impl Fn(&str, &str) -> String) {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for n in names.iter() {
        *seen.entry(n.clone()).or_default() += 1;
    }
    for (name, key) in names.iter_mut().zip(keys) {
        if seen[name.as_str()] > 1 {
            *name = next(name, key);
        }
    }
}

/// Distinct identifiers for `keys` (in the same order), dropping `prefix` where a key has it.
///
/// Depends only on the set of keys: the same keys always give the same names.
pub fn idents(keys: &[&str], prefix: &str) -> Vec<String> {
    let mut names: Vec<String> = keys.iter().map(|k| short_form(k, prefix)).collect();
    resolve(&mut names, keys, |_, k| structural_form(k, prefix));
    resolve(&mut names, keys, |n, k| format!("{n}_{:08x}", fnv1a(k)));
    // Last resort (equal keys, or a hash collision): number them in key order.
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by(|&a, &b| keys[a].cmp(keys[b]).then(a.cmp(&b)));
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    for i in order {
        let n = count.entry(names[i].clone()).or_default();
        *n += 1;
        if *n > 1 {
            names[i] = format!("{}_{}", names[i], n);
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::idents;

    fn one(key: &str) -> String {
        idents(&[key], "event_id.").remove(0)
    }

    #[test]
    fn camel_case_hyphens_and_acronyms_split_into_words() {
        assert_eq!(one("event_id.iaas.instance.create"), "IaasInstanceCreate");
        assert_eq!(one("event_id.rds_for_mysql.createParameterGroup"), "RdsForMysqlCreateParameterGroup");
        assert_eq!(one("event_id.market_place.apply-cancel"), "MarketPlaceApplyCancel");
        assert_eq!(one("event_id.x.getHTTPServer2Fa"), "XGetHttpServer2Fa");
    }

    #[test]
    fn keywords_digits_and_empty_keys_become_valid_identifiers() {
        assert_eq!(one("event_id.self"), "Self_");
        assert_eq!(one("event_id.2fa.enable"), "N2faEnable");
        assert_eq!(one("event_id...---"), "Unnamed");
    }

    #[test]
    fn collisions_use_the_structural_form_for_every_colliding_key() {
        let keys = ["event_id.a.b_c", "event_id.a_b.c", "event_id.iaas.x"];
        assert_eq!(idents(&keys, "event_id."), ["A_BC", "AB_C", "IaasX"]);
    }

    #[test]
    fn structural_collisions_get_a_stable_hash_suffix() {
        let keys = ["event_id.a.b-c", "event_id.a.b_c"];
        let names = idents(&keys, "event_id.");
        assert_ne!(names[0], names[1]);
        assert!(names.iter().all(|n| n.starts_with("A_BC_") && n.len() == "A_BC_".len() + 8), "{names:?}");
        // Order of the input does not matter.
        let swapped = idents(&[keys[1], keys[0]], "event_id.");
        assert_eq!(swapped, [names[1].clone(), names[0].clone()]);
    }

    #[test]
    fn equal_keys_still_get_distinct_names() {
        let names = idents(&["a", "a"], "");
        assert_eq!(names[1], format!("{}_2", names[0]));
    }
}
