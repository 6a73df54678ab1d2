//! The crate's release files: `Cargo.toml` (with the version), `README.md` and `surface.txt`.
//!
//! **Version policy** (semver, as Cargo reads it). `gen` compares the crate it writes with the one
//! described by the previous `surface.txt` (what the last `gen` wrote):
//!
//! * a variant removed or renamed, a key that moved to another variant, a former key (alias)
//!   dropped: **major** (downstream code that names it stops compiling or changes meaning);
//! * only new variants or new former keys: **minor** (the enums are `#[non_exhaustive]`, so
//!   downstream `match`es already have a wildcard arm);
//! * the same variants, other data (names, services, history, docs) or generator output: **patch**;
//! * nothing in `src/` changed (only the catalogue hash, e.g. new findings): the same version.
//!
//! `surface.txt` is the record: its first line is the version, its second a digest of `src/`
//! (without the stamp), then one line per public variant and former key. A breaking change of
//! the generator itself (a type's shape, a removed method) is not visible there: release it by
//! hand by raising the major version on the first line of `surface.txt` and running `gen`, which
//! keeps a version it finds there when nothing else changed. An addition to the generator (a
//! new method, a new table) is released the same way with the minor version.

use std::collections::BTreeSet;
use std::fmt;

use trail_catalog::Catalog;
use trail_catalog::io::Tree;

/// The version of the first release, used when there is no previous `surface.txt`.
pub const INITIAL: Version = Version {
    major: 1,
    minor: 0,
    patch: 0,
};

/// The project's public repository, for `Cargo.toml`. (Confirm before the first publish.)
pub const REPOSITORY: &str = "https://github.com/cloud-trail-catalogue/cloud-trail-catalogue";

/// A semver version `major.minor.patch`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version {
    /// Breaking changes.
    pub major: u64,
    /// Additions.
    pub minor: u64,
    /// Everything else.
    pub patch: u64,
}

impl Version {
    /// Parses `1.2.3`.
    pub fn parse(text: &str) -> Option<Version> {
        let mut parts = text.trim().split('.').map(|p| p.parse::<u64>().ok());
        let v = Version {
            major: parts.next()??,
            minor: parts.next()??,
            patch: parts.next()??,
        };
        parts.next().is_none().then_some(v)
    }

    /// The version after a change of kind `change`.
    pub fn bump(self, change: Change) -> Version {
        let Version {
            major,
            minor,
            patch,
        } = self;
        match change {
            Change::None => self,
            Change::Patch => Version {
                major,
                minor,
                patch: patch + 1,
            },
            Change::Minor => Version {
                major,
                minor: minor + 1,
                patch: 0,
            },
            Change::Major => Version {
                major: major + 1,
                minor: 0,
                patch: 0,
            },
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// What kind of release a change is, least to most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// Nothing in the crate changed.
    None,
    /// Data or docs changed; every public name stays.
    Patch,
    /// Public names were only added.
    Minor,
    /// A public name was removed or changed meaning.
    Major,
}

/// The public names a downstream crate can rely on: one line per variant (`Ty::Variant key`)
/// and per former key (`Ty::Variant <- alias`), sorted.
pub fn surface(catalog: &Catalog) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for e in &catalog.nhn.events {
        out.insert(format!("nhn::EventId::{} {}", e.variant, e.id));
    }
    for e in &catalog.kakao.events {
        out.insert(format!("kakao::Event::{} {}", e.variant, e.key));
        for a in &e.aliases {
            out.insert(format!("kakao::Event::{} <- {a}", e.variant));
        }
    }
    let small = |ty: &str, keys: Vec<&str>, out: &mut BTreeSet<String>| {
        for (name, key) in trail_catalog::naming::idents(&keys, "").iter().zip(&keys) {
            out.insert(format!("{ty}::{name} {key}"));
        }
    };
    small(
        "nhn::Service",
        catalog
            .nhn
            .services
            .iter()
            .map(|s| s.key.as_str())
            .collect(),
        &mut out,
    );
    small(
        "kakao::Role",
        catalog
            .roles
            .kakao
            .rules
            .iter()
            .map(|r| r.role.as_str())
            .collect(),
        &mut out,
    );
    out
}

/// FNV-1a (64 bits) over the `src/` files, stamp lines left out: whether the code changed.
fn digest(src: &Tree) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (path, text) in src {
        let body = text.lines().filter(|l| !l.starts_with("// "));
        for part in std::iter::once(path.as_str()).chain(body) {
            for b in part.bytes().chain([0]) {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
    }
    format!("{h:016x}")
}

/// A previous `surface.txt`, read back.
struct Previous {
    version: Version,
    digest: String,
    surface: BTreeSet<String>,
}

fn parse_previous(text: &str) -> Option<Previous> {
    let mut lines = text.lines().filter(|l| !l.starts_with('#'));
    let version = Version::parse(lines.next()?.strip_prefix("version ")?)?;
    let digest = lines.next()?.strip_prefix("src ")?.to_string();
    Some(Previous {
        version,
        digest,
        surface: lines.map(str::to_string).collect(),
    })
}

/// The kind of change from `before` to `after`.
pub fn classify(before: &BTreeSet<String>, after: &BTreeSet<String>, code_changed: bool) -> Change {
    if !before.is_subset(after) {
        Change::Major
    } else if before.len() < after.len() {
        Change::Minor
    } else if code_changed {
        Change::Patch
    } else {
        Change::None
    }
}

/// The version of the crate generated now: [`INITIAL`] without a previous `surface.txt`, else the
/// previous version bumped by the change; and the new `surface.txt`.
///
/// Fails when `previous` is not a `surface.txt` (a hand edit gone wrong): guessing would publish
/// the wrong version.
pub fn version(
    header: &[String],
    catalog: &Catalog,
    src: &Tree,
    previous: Option<&str>,
) -> Result<(Version, String), String> {
    let surface = surface(catalog);
    let digest = digest(src);
    let version = match previous {
        None => INITIAL,
        Some(text) => {
            let prev = parse_previous(text).ok_or(
                "generated/surface.txt: expected `version X.Y.Z`, then `src DIGEST`, then one line per \
                 public name; restore it from git (or delete it to start at 1.0.0)",
            )?;
            prev.version
                .bump(classify(&prev.surface, &surface, prev.digest != digest))
        }
    };
    let mut text: String = header.iter().map(|l| format!("# {l}\n")).collect();
    text.push_str(
        "# The generated crate's public names and version; `cargo xtask gen` compares the next crate with\n\
         # it to choose the next version (see README.md, \"Versions\"). Raise the version by hand only for\n\
         # a change of the generator itself: major when it breaks, minor when it adds.\n",
    );
    text.push_str(&format!("version {version}\nsrc {digest}\n"));
    for line in &surface {
        text.push_str(line);
        text.push('\n');
    }
    Ok((version, text))
}

/// `Cargo.toml` of the crate: standalone (no workspace inheritance), publishable.
pub fn manifest(header: &[String], version: Version) -> String {
    let mut out: String = header.iter().map(|l| format!("# {l}\n")).collect();
    out.push_str(&format!(
        r#"[package]
name = "cloud-trail-events"
version = "{version}"
description = "NHN Cloud CloudTrail and KakaoCloud Cloud Trail event IDs as Rust types: names, services, history, roles, search API types."
edition = "2024"
rust-version = "1.85"
license = "MIT OR Apache-2.0"
repository = "{REPOSITORY}"
readme = "README.md"
keywords = ["cloudtrail", "nhn-cloud", "kakaocloud", "audit-log", "siem"]
categories = ["api-bindings", "data-structures", "no-std"]
include = ["/src/**/*.rs", "/README.md", "/Cargo.toml"]

[features]
default = ["std"]
std = ["alloc"]
alloc = []
serde = ["dep:serde", "alloc"]
ocsf = ["serde"]

[dependencies]
serde = {{ version = "1", optional = true, default-features = false, features = ["alloc", "derive"] }}
"#
    ));
    out
}

/// The crate's `README.md`, as crates.io shows it.
pub fn readme(header: &[String], catalog: &Catalog, version: Version) -> String {
    let comment = header.join(" ").replace("--", "- -");
    let nhn = catalog.nhn.events.len();
    let retired = catalog
        .nhn
        .events
        .iter()
        .filter(|e| e.status == trail_catalog::model::Status::Retired)
        .count();
    let kakao = catalog.kakao.events.len();
    let kakao_retired = match catalog
        .kakao
        .events
        .iter()
        .filter(|e| e.is_retired())
        .count()
    {
        0 => String::new(),
        n => format!(" ({n} of them retired)"),
    };
    format!(
        r#"<!-- {comment} -->

# cloud-trail-events {version}

The events recorded by **NHN Cloud CloudTrail** and **KakaoCloud Cloud Trail** as Rust types:
{nhn} NHN event IDs ({retired} of them retired, kept so that old logs resolve) with their names in
Korean, English, Japanese and Chinese, services and history; {kakao} KakaoCloud events{kakao_retired}
with scopes and the roles that may view them; and the types of NHN's search API. Both vendors publish their
event lists only as documentation: this crate is generated from a reviewed catalogue of them.

```toml
[dependencies]
cloud-trail-events = {{ version = "{major}", features = ["serde"] }}
```

```rust
use cloud_trail_events::nhn::{{AnyEventId, EventId, Locale}};
use cloud_trail_events::kakao::Event;

// Strict: a known ID or an error (which never allocates).
let id: EventId = "event_id.iaas.instance.create".parse().expect("a known ID");
println!("{{}} / {{:?}}", id.name(Locale::En).unwrap_or("?"), id.services());

// What it means: the resource type, the action, the OCSF class and activity.
let m = id.meaning();
println!("{{}} {{}}: OCSF {{}} {{}} ({{}})", m.action, m.resource_type, m.class.uid(), m.activity_id, m.activity_name());

// Lenient, for data: IDs this version does not know yet are kept byte for byte.
let any = AnyEventId::new("event_id.brand_new.thing");
assert_eq!(any.known(), None);

// KakaoCloud logs carry the service and the event name.
let e: Option<Event> = Event::from_service_and_name_ignore_case("virtual machine", "instance create");
```

No dependencies by default; `no_std` without the default `std` feature. Features: `std`
(default), `alloc` (the lenient types), `serde` (`Serialize`/`Deserialize` as key strings),
`ocsf` (a search API record as an OCSF 1.5.0 event: `ocsf::from_v1_0`, `ocsf::from_v2_0`;
implies `serde`).

## Versions

New events upstream are **minor** releases: the enums are `#[non_exhaustive]`, so a `match` on
them already has a wildcard arm, and variant names are pinned when an event first appears, so
adding one never renames another. A variant that is removed or renamed (never done for data
reasons: retired IDs stay) is a **major** release. Other data (names, services, history, docs)
is a **patch** release. Depend on the major version (`"{major}"`) to get new events.

The version is chosen by the generator from what changed; the crate's source is generated, so
please report problems to the project rather than editing it.

## License

MIT OR Apache-2.0.
"#,
        major = version.major,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(lines: &[&str]) -> BTreeSet<String> {
        lines.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn new_variants_are_minor_renames_and_removals_major_other_changes_patch() {
        let before = set(&["nhn::EventId::A event_id.a", "nhn::EventId::B event_id.b"]);
        let added = set(&[
            "nhn::EventId::A event_id.a",
            "nhn::EventId::B event_id.b",
            "nhn::EventId::C event_id.c",
        ]);
        let renamed = set(&["nhn::EventId::A event_id.a", "nhn::EventId::B2 event_id.b"]);
        assert_eq!(classify(&before, &added, true), Change::Minor);
        assert_eq!(classify(&before, &renamed, true), Change::Major);
        assert_eq!(
            classify(&before, &set(&["nhn::EventId::A event_id.a"]), false),
            Change::Major
        );
        assert_eq!(classify(&before, &before, true), Change::Patch);
        assert_eq!(classify(&before, &before, false), Change::None);
        let v = Version::parse("1.4.2").unwrap();
        assert_eq!(v.bump(Change::Minor).to_string(), "1.5.0");
        assert_eq!(v.bump(Change::Major).to_string(), "2.0.0");
        assert_eq!(v.bump(Change::Patch).to_string(), "1.4.3");
        assert_eq!(v.bump(Change::None), v);
        assert_eq!(Version::parse("1.2"), None);
    }

    #[test]
    fn gen_keeps_the_version_when_nothing_changed_and_bumps_minor_for_a_new_event() {
        use trail_catalog::model::NhnEvent;
        let mut catalog = Catalog::default();
        catalog.nhn.events.push(NhnEvent {
            id: "event_id.a".into(),
            variant: "A".into(),
            ..Default::default()
        });
        let src = Tree::from([(
            "src/lib.rs".to_string(),
            "// stamp\nfn a() {}\n".to_string(),
        )]);
        let (v, first) = version(&[], &catalog, &src, None).unwrap();
        assert_eq!(v, INITIAL);
        // Only the stamp changed: same version, same file.
        let restamped = Tree::from([(
            "src/lib.rs".to_string(),
            "// other stamp\nfn a() {}\n".to_string(),
        )]);
        assert_eq!(
            version(&[], &catalog, &restamped, Some(&first)).unwrap(),
            (INITIAL, first.clone())
        );
        catalog.nhn.events.push(NhnEvent {
            id: "event_id.b".into(),
            variant: "B".into(),
            ..Default::default()
        });
        let (v, second) = version(&[], &catalog, &src, Some(&first)).unwrap();
        assert_eq!(v.to_string(), "1.1.0");
        assert_eq!(
            version(&[], &catalog, &src, Some(&second))
                .unwrap()
                .0
                .to_string(),
            "1.1.0",
            "idempotent"
        );
        assert!(version(&[], &catalog, &src, Some("garbage")).is_err());
    }
}
