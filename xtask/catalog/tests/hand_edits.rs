//! Random hand edits of a small catalogue: each edit is refused naming its file and line, or the
//! catalogue loads to what a clean load of its own rewritten form gives (nothing accepted is
//! lost or changed on the way to the outputs); an edit that changes no value (a comment) loads
//! to exactly the clean catalogue. Run with `cargo test -p trail-catalog --test hand_edits`
//! (see [`config`] for the seed).

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use trail_catalog::io;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/catalog")
}

/// Every file of the fixture catalogue, relative path -> text.
fn files() -> Vec<(String, String)> {
    io::list_owned(&fixture(), &|p: &str| p.ends_with(".yaml"))
        .unwrap()
        .into_iter()
        .map(|rel| {
            let text = std::fs::read_to_string(fixture().join(&rel)).unwrap();
            (rel, text)
        })
        .collect()
}

/// Values a hurried maintainer or an attacker types.
const VALUES: &[&str] = &[
    "yesterday",
    "2025-02-30",
    "2019-11-06",
    "fn",
    "Self",
    "\"bogus;edition\"",
    "retired",
    "listed",
    "''",
    "~",
    "[[[[[[",
    "{a: 1, a: 2}",
    "event_id.iaas.instance.create",
    "event_id.",
    "gov",
    "- x",
    "&a [*a]",
    "!!binary aGVsbG8=",
];

/// One hand edit of one line of one file.
#[derive(Debug, Clone)]
enum Edit {
    /// The value after the line's first `: ` replaced.
    Value(usize),
    /// The line deleted.
    Delete,
    /// The line given twice.
    Twice,
    /// A line `key: value` inserted after it, with the same indentation.
    Insert(&'static str, usize),
    /// A comment line before a top-level entry: changes no value.
    Comment,
}

fn edit_strategy() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0..VALUES.len()).prop_map(Edit::Value),
        Just(Edit::Delete),
        Just(Edit::Twice),
        (
            prop::sample::select(vec![
                "removed",
                "first_listed",
                "variant",
                "editions",
                "status",
                "date",
                "en"
            ]),
            0..VALUES.len()
        )
            .prop_map(|(k, v)| Edit::Insert(k, v)),
        Just(Edit::Comment),
    ]
}

/// Applies `edit` at line `at` (modulo the line count); `None` when it cannot apply there.
fn apply(text: &str, at: usize, edit: &Edit) -> Option<String> {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    if lines.is_empty() {
        return None;
    }
    let i = at % lines.len();
    match edit {
        Edit::Value(v) => {
            let (key, _) = lines[i].split_once(": ")?;
            lines[i] = format!("{key}: {}", VALUES[*v]);
        }
        Edit::Delete => {
            lines.remove(i);
        }
        Edit::Twice => lines.insert(i, lines[i].clone()),
        Edit::Insert(key, v) => {
            let indent: String = lines[i]
                .chars()
                .take_while(|c| *c == ' ' || *c == '-')
                .map(|_| ' ')
                .collect();
            lines.insert(i + 1, format!("{indent}{key}: {}", VALUES[*v]));
        }
        Edit::Comment => {
            if !lines[i].starts_with("- ")
                && !lines[i].starts_with(|c: char| c.is_ascii_alphabetic())
            {
                return None;
            }
            lines.insert(i, "# a reviewer's note".to_owned());
        }
    }
    Some(lines.join("\n") + "\n")
}

/// Whether an error message names a catalogue file and a line in it.
fn names_file_and_line(message: &str) -> bool {
    message.match_indices(".yaml:").any(|(i, m)| {
        message[i + m.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit())
    })
}

fn catalogue_with(dir: &Path, rel: &str, text: &str) {
    for (r, t) in files() {
        let dest = dir.join(&r);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::write(dest, if r == rel { text } else { &t }).unwrap();
    }
}

/// 256 cases from a fixed seed, so that every run (CI's included) tries the same edits and a
/// failure is reproduced by running the test again; `PROPTEST_RNG_SEED=<number>` tries others
/// (`for s in $(seq 100); do PROPTEST_RNG_SEED=$s cargo test -p trail-catalog --test hand_edits
/// || break; done` explores), and `PROPTEST_CASES` sets how many.
fn config() -> ProptestConfig {
    let mut config = ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        config.rng_seed = proptest::test_runner::RngSeed::Fixed(0x7261_696c);
    }
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = 256;
    }
    config
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn a_hand_edit_is_refused_with_file_and_line_or_loads_faithfully(
        file in any::<prop::sample::Index>(),
        at in 0usize..400,
        edit in edit_strategy(),
    ) {
        let files = files();
        let (rel, text) = &files[file.index(files.len())];
        let Some(edited) = apply(text, at, &edit) else { return Ok(()) };
        let clean = io::load(&fixture()).expect("the fixture loads");
        let dir = tempfile::tempdir().unwrap();
        catalogue_with(dir.path(), rel, &edited);
        match io::load(dir.path()) {
            Err(e) => {
                let message = e.to_string();
                prop_assert!(
                    names_file_and_line(&message),
                    "{rel}, {edit:?}: refused without file:line: {message}"
                );
            }
            Ok(loaded) => {
                if matches!(edit, Edit::Comment) {
                    prop_assert!(loaded == clean, "{rel}: a comment changed the catalogue");
                }
                // What loaded is what the outputs get: written back and loaded again, it is the same.
                let again = tempfile::tempdir().unwrap();
                catalogue_with(again.path(), "", "");
                for (r, t) in io::render(&loaded) {
                    std::fs::create_dir_all(again.path().join(&r).parent().unwrap()).unwrap();
                    std::fs::write(again.path().join(&r), t).unwrap();
                }
                let reloaded = io::load(again.path());
                prop_assert!(reloaded.is_ok(), "{rel}, {edit:?}: accepted, but its own rewrite does not load: {:?}", reloaded.err().map(|e| e.to_string()));
                let reloaded = reloaded.unwrap();
                prop_assert_eq!(io::render(&reloaded), io::render(&loaded), "{}, {:?}", rel, edit);
            }
        }
    }
}
