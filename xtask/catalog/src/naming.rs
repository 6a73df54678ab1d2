//! Rust identifiers for catalogue keys: derived once, then pinned in the catalogue.
//!
//! A variant name is part of the generated crate's API, so it must never change once published.
//! [`pin_variants`] gives each event, NHN service and KakaoCloud role whose `variant` is still
//! empty a name, and never touches a
//! name already in the catalogue; the Rust emitter only reads them. [`carry_variants`] copies the
//! names of the catalogue on disk onto a freshly built one (import builds from the documents).
//!
//! The rule for a batch of new keys (every key of one enum, the first time), applied together:
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
//!
//! A new key whose name from that rule is already pinned to another key takes the first free one
//! of: its structural form, that form with the hash suffix, then `_2`, `_3`, ...

use std::collections::{BTreeMap, BTreeSet};

use crate::Catalog;
use crate::model::KakaoEvent;

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
        out.push(if i == 0 {
            c.to_ascii_uppercase()
        } else {
            c.to_ascii_lowercase()
        });
    }
    out
}

fn camel(segment: &str) -> String {
    words(segment).iter().map(|w| capitalise(w)).collect()
}

/// Makes any non-empty ASCII alphanumeric/underscore string a valid, non-keyword identifier.
fn fix_up(name: String) -> String {
    let name = if name.trim_matches('_').is_empty() {
        "Unnamed".to_string()
    } else {
        name
    };
    let name = if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("N{name}")
    } else {
        name
    };
    if KEYWORDS.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

fn short_form(key: &str, prefix: &str) -> String {
    let key = key.strip_prefix(prefix).unwrap_or(key);
    fix_up(camel(key))
}

fn structural_form(key: &str, prefix: &str) -> String {
    let key = key.strip_prefix(prefix).unwrap_or(key);
    let segments: Vec<String> = key
        .split(['.', '/'])
        .map(camel)
        .filter(|s| !s.is_empty())
        .collect();
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

/// The prefix dropped from NHN event IDs when naming their variants.
pub(crate) const NHN_PREFIX: &str = "event_id.";

/// Names for the `new` keys (distinct, in catalogue order) that collide neither with a name in
/// `taken` nor with each other: the batch rule of [`idents`], and for a name already taken, the
/// first free one of the structural form, the structural form with the hash suffix, then that
/// with `_2`, `_3`, ...
pub(crate) fn fresh_idents(new: &[&str], prefix: &str, taken: &BTreeSet<String>) -> Vec<String> {
    let mut names = idents(new, prefix);
    let mut used = taken.clone();
    for (name, key) in names.iter_mut().zip(new) {
        if used.contains(name.as_str()) {
            let structural = structural_form(key, prefix);
            let hashed = format!("{structural}_{:08x}", fnv1a(key));
            let numbered = (2..).map(|i| format!("{hashed}_{i}"));
            *name = [structural, hashed.clone()]
                .into_iter()
                .chain(numbered)
                .find(|c| !used.contains(c.as_str()))
                .expect("an unbounded sequence has a free name");
        }
        used.insert(name.clone());
    }
    names
}

/// Gives each event of `variants` (key, variant) whose variant is empty a fresh name; never
/// changes a non-empty one.
fn pin(mut variants: Vec<(&str, &mut String)>, prefix: &str) {
    let taken: BTreeSet<String> = variants
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(_, v)| v.to_string())
        .collect();
    let new: Vec<&str> = variants
        .iter()
        .filter(|(_, v)| v.is_empty())
        .map(|(k, _)| *k)
        .collect();
    let mut names = fresh_idents(&new, prefix, &taken).into_iter();
    for (_, v) in variants.iter_mut().filter(|(_, v)| v.is_empty()) {
        **v = names.next().expect("one name per new key");
    }
}

/// Pins a variant name on every NHN and KakaoCloud event, NHN service and KakaoCloud role that
/// has none yet, so that the generated enums never rename a variant: names already in the
/// catalogue are kept as they are, and a new key gets a name that collides with none of them
/// (see [`fresh_idents`]).
pub fn pin_variants(catalog: &mut Catalog) {
    pin(
        catalog
            .nhn
            .services
            .iter_mut()
            .map(|s| (s.key.as_str(), &mut s.variant))
            .collect(),
        "",
    );
    pin(
        catalog
            .roles
            .kakao
            .rules
            .iter_mut()
            .map(|r| (r.role.as_str(), &mut r.variant))
            .collect(),
        "",
    );
    pin(
        catalog
            .nhn
            .events
            .iter_mut()
            .map(|e| (e.id.as_str(), &mut e.variant))
            .collect(),
        NHN_PREFIX,
    );
    pin(
        catalog
            .kakao
            .events
            .iter_mut()
            .map(|e| (e.key.as_str(), &mut e.variant))
            .collect(),
        "",
    );
}

/// Gives each of `current` (key, variant) whose variant is empty the variant `previous` pinned
/// for the same key, if any.
fn carry<'a>(
    previous: impl Iterator<Item = (&'a String, &'a String)>,
    current: impl Iterator<Item = (&'a String, &'a mut String)>,
) {
    let pinned: BTreeMap<&str, &str> = previous.map(|(k, v)| (k.as_str(), v.as_str())).collect();
    for (key, variant) in current {
        if variant.is_empty()
            && let Some(v) = pinned.get(key.as_str())
        {
            *variant = v.to_string();
        }
    }
}

/// Copies onto `catalog` (freshly built from the documents) what only the previous catalogue
/// knows: each service's, role's and event's pinned variant name and, for KakaoCloud, the aliases of its key. A
/// KakaoCloud event matches a previous one by key, by a key that is now one of its aliases, or
/// by the key the previous event's service, resource type and name give now (its key lost a
/// version); the previous key then becomes an alias too.
pub fn carry_variants(previous: &Catalog, catalog: &mut Catalog) {
    carry(
        previous.nhn.services.iter().map(|s| (&s.key, &s.variant)),
        catalog
            .nhn
            .services
            .iter_mut()
            .map(|s| (&s.key, &mut s.variant)),
    );
    carry(
        previous
            .roles
            .kakao
            .rules
            .iter()
            .map(|r| (&r.role, &r.variant)),
        catalog
            .roles
            .kakao
            .rules
            .iter_mut()
            .map(|r| (&r.role, &mut r.variant)),
    );
    carry(
        previous.nhn.events.iter().map(|e| (&e.id, &e.variant)),
        catalog
            .nhn
            .events
            .iter_mut()
            .map(|e| (&e.id, &mut e.variant)),
    );
    let previous_kakao = crate::merge::rekeyed(&previous.kakao.events);
    for e in &mut catalog.kakao.events {
        let matches: Vec<&KakaoEvent> = previous_kakao
            .iter()
            .filter(|p| crate::merge::same_kakao_event(p, e))
            .map(|p| p.0)
            .collect();
        let mut aliases: BTreeSet<String> = e.aliases.iter().cloned().collect();
        for p in matches {
            if e.variant.is_empty() {
                e.variant = p.variant.clone();
            }
            aliases.extend(p.aliases.iter().cloned());
            aliases.insert(p.key.clone());
        }
        aliases.remove(&e.key);
        e.aliases = aliases.into_iter().collect();
    }
}

/// Every event, service or role whose pinned variant is empty, no identifier, or shared with an
/// earlier key of the same enum: `(enum, key, problem)`. Empty for a catalogue that import wrote.
pub fn variant_problems(catalog: &Catalog) -> Vec<(&'static str, String, String)> {
    let mut out = Vec::new();
    let mut check = |ty: &'static str, items: Vec<(&str, &str)>| {
        let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
        for (key, variant) in items {
            if variant.is_empty() {
                out.push((
                    ty,
                    key.to_string(),
                    "has no variant name; run `cargo xtask import` to pin one".to_string(),
                ));
            } else if !is_ident(variant) {
                out.push((
                    ty,
                    key.to_string(),
                    format!("has variant name `{variant}`, which is no Rust identifier"),
                ));
            } else if let Some(other) = seen.insert(variant, key) {
                out.push((
                    ty,
                    key.to_string(),
                    format!("has variant name `{variant}`, already given to `{other}`"),
                ));
            }
        }
    };
    check(
        "nhn::Service",
        catalog
            .nhn
            .services
            .iter()
            .map(|s| (s.key.as_str(), s.variant.as_str()))
            .collect(),
    );
    check(
        "kakao::Role",
        catalog
            .roles
            .kakao
            .rules
            .iter()
            .map(|r| (r.role.as_str(), r.variant.as_str()))
            .collect(),
    );
    check(
        "nhn::EventId",
        catalog
            .nhn
            .events
            .iter()
            .map(|e| (e.id.as_str(), e.variant.as_str()))
            .collect(),
    );
    check(
        "kakao::Event",
        catalog
            .kakao
            .events
            .iter()
            .map(|e| (e.key.as_str(), e.variant.as_str()))
            .collect(),
    );
    out
}

/// Whether `name` is a valid non-keyword identifier of the kind this module makes.
fn is_ident(name: &str) -> bool {
    !name.is_empty() && crate::validate::variant(name).is_none()
}

#[cfg(test)]
mod tests {
    use super::idents;
    use std::collections::BTreeMap;

    fn one(key: &str) -> String {
        idents(&[key], "event_id.").remove(0)
    }

    #[test]
    fn camel_case_hyphens_and_acronyms_split_into_words() {
        assert_eq!(one("event_id.iaas.instance.create"), "IaasInstanceCreate");
        assert_eq!(
            one("event_id.rds_for_mysql.createParameterGroup"),
            "RdsForMysqlCreateParameterGroup"
        );
        assert_eq!(
            one("event_id.market_place.apply-cancel"),
            "MarketPlaceApplyCancel"
        );
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
        assert!(
            names
                .iter()
                .all(|n| n.starts_with("A_BC_") && n.len() == "A_BC_".len() + 8),
            "{names:?}"
        );
        // Order of the input does not matter.
        let swapped = idents(&[keys[1], keys[0]], "event_id.");
        assert_eq!(swapped, [names[1].clone(), names[0].clone()]);
    }

    #[test]
    fn a_new_colliding_key_never_renames_a_pinned_variant() {
        use crate::model::NhnEvent;
        let event = |id: &str| NhnEvent {
            id: id.into(),
            ..Default::default()
        };
        let mut catalog = crate::Catalog::default();
        catalog.nhn.events = vec![event("event_id.a.bc"), event("event_id.iaas.x")];
        super::pin_variants(&mut catalog);
        let before: Vec<String> = catalog
            .nhn
            .events
            .iter()
            .map(|e| e.variant.clone())
            .collect();
        assert_eq!(before, ["ABc", "IaasX"]);
        // Both new IDs spell `ABc` in short form; alone, the batch rule would rename the old one.
        catalog
            .nhn
            .events
            .extend([event("event_id.a_bc"), event("event_id.ab.c")]);
        catalog.nhn.events.sort_by(|a, b| a.id.cmp(&b.id));
        super::pin_variants(&mut catalog);
        let after: BTreeMap<&str, &str> = catalog
            .nhn
            .events
            .iter()
            .map(|e| (e.id.as_str(), e.variant.as_str()))
            .collect();
        assert_eq!(after["event_id.a.bc"], "ABc");
        assert_eq!(after["event_id.iaas.x"], "IaasX");
        let mut all: Vec<&str> = after.values().copied().collect();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), 4, "{after:?}");
        assert!(super::variant_problems(&catalog).is_empty());
    }

    #[test]
    fn import_keeps_the_names_of_the_catalogue_it_replaces_and_old_kakao_keys_as_aliases() {
        use crate::model::{KakaoEvent, NhnEvent, Scope, kakao::KakaoName};
        let kakao = |key: &str, aliases: &[&str], variant: &str| KakaoEvent {
            key: key.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            variant: variant.into(),
            scope: Scope::Project,
            service: "S".into(),
            resource_type: "R 1.0".into(),
            name: KakaoName {
                en: "N".into(),
                ko: None,
            },
            former_names: vec![],
            description: None,
            meaning: None,
            reclassified: Vec::new(),
            sources: vec![],
            removed: None,
        };
        let mut previous = crate::Catalog::default();
        // Pinned under an older rule, or by hand: whatever the name, it stays.
        previous.nhn.events = vec![NhnEvent {
            id: "event_id.a.b_c".into(),
            variant: "Legacy".into(),
            ..Default::default()
        }];
        previous.kakao.events = vec![kakao("s/r-1-0/n", &[], "SR10N")];
        // Freshly built from the documents: no names; the KakaoCloud key lost its version.
        let mut built = crate::Catalog::default();
        built.nhn.events = vec![
            NhnEvent {
                id: "event_id.a.b_c".into(),
                ..Default::default()
            },
            NhnEvent {
                id: "event_id.legacy".into(),
                ..Default::default()
            },
        ];
        built.kakao.events = vec![kakao("s/r/n", &["s/r-1-1/n"], "")];
        super::carry_variants(&previous, &mut built);
        super::pin_variants(&mut built);
        let names: Vec<&str> = built
            .nhn
            .events
            .iter()
            .map(|e| e.variant.as_str())
            .collect();
        // `event_id.legacy` would be `Legacy`, which is taken: it gets its structural form's hash form.
        assert_eq!(names[0], "Legacy");
        assert!(
            names[1].starts_with("Legacy_") && names[1].len() == "Legacy_".len() + 8,
            "{names:?}"
        );
        assert_eq!(built.kakao.events[0].variant, "SR10N");
        assert_eq!(built.kakao.events[0].aliases, ["s/r-1-0/n", "s/r-1-1/n"]);
    }

    #[test]
    fn equal_keys_still_get_distinct_names() {
        let names = idents(&["a", "a"], "");
        assert_eq!(names[1], format!("{}_2", names[0]));
    }

    #[test]
    fn services_and_roles_keep_their_pinned_names_across_imports() {
        use crate::model::NhnService;
        use crate::model::roles::{RoleKind, RoleRule};
        let service = |key: &str, variant: &str| NhnService {
            key: key.into(),
            variant: variant.into(),
            names: BTreeMap::new(),
        };
        let role = |name: &str, variant: &str| RoleRule {
            role: name.into(),
            variant: variant.into(),
            kind: RoleKind::Project,
            may_view: vec![],
            with_project_role: vec![],
            source: trail_sources::SourceRef::new("p.txt", 1),
        };
        let mut previous = crate::Catalog::default();
        previous.nhn.services = vec![service("rds-for-mysql", "Legacy")];
        previous.roles.kakao.rules = vec![role("Trail Viewer", "OldViewer")];
        // Freshly built: no names, and a new service whose short form is the pinned one's.
        let mut built = crate::Catalog::default();
        built.nhn.services = vec![service("legacy", ""), service("rds-for-mysql", "")];
        built.roles.kakao.rules = vec![role("Project Admin", ""), role("Trail Viewer", "")];
        super::carry_variants(&previous, &mut built);
        super::pin_variants(&mut built);
        let services: Vec<&str> = built
            .nhn
            .services
            .iter()
            .map(|s| s.variant.as_str())
            .collect();
        assert_eq!(services[1], "Legacy");
        assert_ne!(services[0], "Legacy", "a new key never takes a pinned name");
        let roles: Vec<&str> = built
            .roles
            .kakao
            .rules
            .iter()
            .map(|r| r.variant.as_str())
            .collect();
        assert_eq!(roles, ["ProjectAdmin", "OldViewer"]);
        assert!(super::variant_problems(&built).is_empty());
        built.roles.kakao.rules[0].variant = "OldViewer".into();
        let problems = super::variant_problems(&built);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].0, "kakao::Role");
    }
}
