//! Command-line parsing and help texts.

use std::ffi::OsString;
use std::path::PathBuf;

use lexopt::prelude::*;
use trail_sources::DocKind;

/// Output format for `extract` and `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Human-readable text (`--format text`; a table of records for `extract`). `table` is
    /// accepted as another name for it, as `extract` called it before.
    Text,
    /// JSON, for tools.
    Json,
    /// YAML, for people who read catalogues.
    Yaml,
}

/// A parsed command.
#[derive(Debug)]
pub enum Command {
    /// `import [--git DIR [--branch B]] [--sources DIR [--date D]]... [--check]`.
    Import {
        git: Option<(PathBuf, String)>,
        sources: Vec<(PathBuf, Option<String>)>,
        catalog: PathBuf,
        check: bool,
    },
    /// `changes [--since DATE] [--format text|json]`.
    Changes {
        catalog: PathBuf,
        since: Option<String>,
        format: Format,
    },
    /// `extract [--format] [--kind] FILE`.
    Extract {
        file: PathBuf,
        format: Format,
        kind: Option<DocKind>,
        catalog: PathBuf,
    },
    /// `check [--format]`.
    Check { catalog: PathBuf, format: Format },
    /// `gen [--check]`.
    Gen {
        catalog: PathBuf,
        out: PathBuf,
        check: bool,
    },
    /// `recover [--discard]`.
    Recover {
        catalog: PathBuf,
        out: PathBuf,
        discard: bool,
    },
    /// `book [--book DIR] [--dest-dir DIR]`.
    Book { book: PathBuf, dest: PathBuf },
}

/// What the command line asks for.
#[derive(Debug)]
pub enum Parsed {
    /// Print this help text and exit 0.
    Help(&'static str),
    /// Run a command.
    Run(Command),
}

pub const MAIN_HELP: &str = "\
cargo xtask: the NHN Cloud CloudTrail and KakaoCloud Cloud Trail event catalogue

Data flows one way:
  vendor docs --import--> catalog/ (reviewed YAML) --gen--> generated/ (crate, docs, CSV, OpenAPI)

USAGE:
  cargo xtask <COMMAND> [OPTIONS]

COMMANDS:
  import   Merge the vendor docs (a folder, or the docs repository's git history)
           into catalog/; nothing is ever dropped (all files or none)
  changes  Print the NHN event IDs added, removed and renamed, per date
  extract  Show what the importer reads from one document, row by row
  check    Print what is wrong in the vendor docs; fails on any unwaived error
  gen      Write generated/ from catalog/ alone (no docs needed)
  recover  Finish a write that was interrupted (killed, power lost)
  book     Build the docs site from generated/ with mdBook, ready for Pagefind

Run `cargo xtask <COMMAND> --help` for a command's options.

EXIT CODES:
  0  success
  1  check found unwaived errors, or --check found out-of-date files
  2  bad input or usage; nothing was written

gen and import write one folder at a time, all or nothing, and only files they
own; read-only commands (check, changes, extract, --check) never change a file.
See `cargo xtask recover --help` for interrupted writes and locks.
";

const IMPORT_HELP: &str = "\
cargo xtask import: merge the vendor docs into catalog/

USAGE:
  cargo xtask import [--git DIR [--branch NAME]] [--sources DIR [--date YYYY-MM-DD]]...
                     [--check] [--catalog DIR]

Each --git and --sources is one observation, merged into the catalogue in the
order given (--git first). Nothing is ever deleted: an NHN event ID that a list
no longer names is kept, marked retired, with the date it was removed.

--git DIR reads every revision of every NHN event list (all locales, all
editions: <locale>/event-list.md, <locale>/event-list-<edition>.md) along the
first-parent history of the branch, and records for each ID when it was first
listed, when it was removed, its editions, and every change of its names.
Revisions that empty a list, hold another locale's text or drop a block of IDs
that comes back later are findings (nhn/history-*), not history. git is run as
a command; the clone must not be shallow.

--sources DIR reads every .md, .txt and .html document below DIR (README.md
excepted; the layout of ../shared/sources or a checkout of the docs repository),
tells NHN event lists, NHN API guides and KakaoCloud pages (page text, markdown
or saved HTML) apart by their text, and merges them as one observation. A
KakaoCloud revision without event tables retires no event. It speaks only for what it contains: importing
NHN docs never touches KakaoCloud entries and the other way round, and an NHN
list the folder does not hold keeps its state. Event lists need a date: --date,
or the folder's own git commit when DIR is the top of a git checkout.

Hand-written files (nhn/overrides.yaml, nhn/waivers.yaml, kakao/hints.yaml,
kakao/overrides.yaml, kakao/waivers.yaml) are read, never written.

A document that cannot be read (binary, invalid UTF-8, an event table of an
unknown layout), a folder that is not a git repository, an unknown branch or a
shallow clone stops the import with exit code 2 before anything is written.
Pages with nothing to import (prose only, or tables without an event column,
such as a console guide) are noted in the findings and skipped, except files
named event-list.md or api-guide.md, which must hold what their name says.

OPTIONS:
  --git DIR       A clone of the NHN CloudTrail docs repository (for example
                  `git clone ../shared/upstream/cloudtrail-docs.bundle DIR`)
  --branch NAME   The branch whose first-parent history was published
                  [default: release]; where the clone has it only as a
                  remote's (origin/release in a fresh clone), that one is
                  read, and the summary says which
  --sources DIR   A folder with docs (for example ../shared/sources); repeatable
  --date DATE     YYYY-MM-DD: when the docs of the --sources before it were
                  published or fetched
  --check         Write nothing; exit 1 and name the files that differ from
                  what import would write
  --catalog DIR   Catalogue folder [default: catalog/ in the workspace]
  -h, --help      Print this help
";

const CHANGES_HELP: &str = "\
cargo xtask changes: what changed in the NHN event lists, per date

USAGE:
  cargo xtask changes [--since YYYY-MM-DD] [--format text|json] [--catalog DIR]

Prints, newest date first, the event IDs first listed, removed (now retired)
and renamed (per locale, old and new name) on each date, as the catalogue
records them (`import --git` fills the history). Reads only catalog/.

OPTIONS:
  --since DATE    Only dates on or after DATE (YYYY-MM-DD)
  --format F      text (default) or json
  --catalog DIR   Catalogue folder [default: catalog/]
  -h, --help      Print this help
";

const EXTRACT_HELP: &str = "\
cargo xtask extract: show what the importer reads from one document

USAGE:
  cargo xtask extract [--format text|json|yaml] [--kind nhn|kakao|api-guide] FILE

Prints one record per table row the reader understood (stdout) and every
cleaning, malformation or skipped row as a diagnostic with file:line and the
raw text (stderr). The document kind is detected from its text; --kind forces it.

NHN records have at least event_id (cleaned; null in ID-less lists), name,
service and line. KakaoCloud pages (page text, markdown or saved HTML) give one
row per record import takes, with `record` saying which: `event` (scope,
service, resource_type, name, description), `versions` (resource_type,
versions), `role-statement` (a role and the scopes a sentence grants it) and
`role-rule` (a role table's row for a role: from its marks, or from the prose
where the page text lost them); `held_with: project` marks a grant that holds
only for a user who also holds a project role.

OPTIONS:
  --format F      text (default: a table of records), json or yaml;
                  `table` is accepted as another name for text
  --kind K        nhn, kakao or api-guide (default: detect)
  --catalog DIR   Where kakao/hints.yaml is read from [default: catalog/]
  -h, --help      Print this help

Exits 2 with a message naming the file if it cannot be read at all.
";

const CHECK_HELP: &str = "\
cargo xtask check: print what is wrong in the vendor docs

USAGE:
  cargo xtask check [--format text|json] [--catalog DIR]

Reads catalog/findings.yaml (written by import) and the waivers files, and
prints every finding with its code, severity and file:line, marking those a
waiver covers, plus per-locale name coverage and unused waivers.

Exits 1 if any error is not waived. To acknowledge a finding, add an entry to
catalog/nhn/waivers.yaml or catalog/kakao/waivers.yaml:
  waivers:
    - code: nhn/malformed-id
      subject: email_id.email.file_download
      reason: why this is acceptable

OPTIONS:
  --format F      text (default) or json
  --catalog DIR   Catalogue folder [default: catalog/]
  -h, --help      Print this help
";

const GEN_HELP: &str = "\
cargo xtask gen: write generated/ from catalog/

USAGE:
  cargo xtask gen [--check] [--catalog DIR] [--out DIR]

Reads only catalog/ and writes generated/: the Rust crate's sources (src/),
its Cargo.toml, README.md and surface.txt, docs tables (docs/), CSV lookup
tables (csv/), OpenAPI documents (openapi/) and JSON Schemas for the catalogue
files (schema/). Every file starts with a header naming this command and the
catalogue hash. Output is byte-identical for the same catalogue and the same
previous generated/surface.txt, from which the crate's next version is chosen
(new events: minor; removed or renamed variants: major; other changes: patch).
Exits 2, naming the event, when an event has no pinned variant name.

OPTIONS:
  --check         Write nothing; exit 1 naming stale files if generated/ is
                  not what gen would write
  --catalog DIR   Catalogue folder [default: catalog/]
  --out DIR       Output folder [default: generated/]
  -h, --help      Print this help
";

const RECOVER_HELP: &str = "\
cargo xtask recover: finish a write that was interrupted

USAGE:
  cargo xtask recover [--discard] [--catalog DIR] [--out DIR]

gen and import write all or nothing: they prepare every file beside its
destination, record the plan in the folder's journal (.xtask-journal), then
rename the files into place. A command killed on the way leaves the journal;
read-only commands (check, changes, extract, gen --check, import --check) then
stop with exit 2 instead of reading a mix. recover (as the next gen or import
does first) finishes a committed write, or removes the temporary files
(.NAME.xtask-tmp) of one that had not committed, in catalog/ and generated/.

A journal names only files of its own folder that the command owns (catalog/:
the files import writes; generated/: the files its .xtask-manifest lists); a
journal that names anything else, or is no regular file, is refused and
nothing is done. Look at the folder (git status), restore what is half done
(git checkout -- DIR), then delete the journal with --discard.

One writer at a time: gen and import hold the folder's lock (.xtask-lock)
while they run, and a second one waits up to 10 seconds, then stops naming
it. A lock left by a killed command stays: if no xtask command is running,
delete it (rm catalog/.xtask-lock).

OPTIONS:
  --discard       Delete the journals, leaving the files as they are
  --catalog DIR   Catalogue folder [default: catalog/]
  --out DIR       Output folder [default: generated/]
";

const BOOK_HELP: &str = "\
cargo xtask book: build the docs site from generated/book and generated/docs

USAGE:
  cargo xtask book [--book DIR] [--dest-dir DIR]

Runs `mdbook build` (mdbook 0.5.4 on PATH; install it with
`cargo install --locked mdbook --version 0.5.4 --no-default-features --features search`),
then finishes every page it wrote: each page declares the language it is
written in (`<html lang=\"ko\">` for the Korean event list), so that Pagefind
builds one search index per language; event IDs break only after a dot, an
underscore or a slash; table cells are indexed as separate words. Then index
and serve the site on 127.0.0.1 (from file:// the search cannot load):

  npx --yes pagefind@1.6.0 --site target/book --root-selector main --serve

OPTIONS:
  --book DIR      The book folder (book.toml) [default: generated/book/]
  --dest-dir DIR  Where the site goes [default: target/book/]
  -h, --help      Print this help
";

/// Parses the arguments after `xtask`.
pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Parsed, lexopt::Error> {
    let mut p = lexopt::Parser::from_args(args);
    let sub = match p.next()? {
        Some(Short('h') | Long("help")) => return Ok(Parsed::Help(MAIN_HELP)),
        Some(Value(v)) => v.string()?,
        Some(arg) => return Err(arg.unexpected()),
        None => {
            return Err(
                "no command given: expected import, changes, extract, check, gen, recover or book"
                    .into(),
            );
        }
    };
    let ws = crate::paths::workspace_root();
    let mut catalog = ws.join("catalog");
    let mut check = false;
    let mut format: Option<Format> = None;
    match sub.as_str() {
        "import" => {
            let mut git: Option<(PathBuf, String)> = None;
            let mut branch: Option<String> = None;
            let mut sources: Vec<(PathBuf, Option<String>)> = Vec::new();
            while let Some(arg) = p.next()? {
                match arg {
                    Short('h') | Long("help") => return Ok(Parsed::Help(IMPORT_HELP)),
                    Long("git") => git = Some((PathBuf::from(p.value()?), String::new())),
                    Long("branch") => branch = Some(p.value()?.string()?),
                    Long("sources") => sources.push((PathBuf::from(p.value()?), None)),
                    Long("date") => {
                        let d = parse_date(&p.value()?.string()?)?;
                        let last = sources
                            .last_mut()
                            .ok_or("--date belongs after the --sources DIR it dates")?;
                        last.1 = Some(d);
                    }
                    Long("catalog") => catalog = p.value()?.into(),
                    Long("check") => check = true,
                    _ => return Err(arg.unexpected()),
                }
            }
            match (&mut git, branch) {
                (Some(g), b) => g.1 = b.unwrap_or_else(|| "release".into()),
                (None, Some(_)) => return Err("--branch goes with --git DIR".into()),
                (None, None) => {}
            }
            if git.is_none() && sources.is_empty() {
                return Err(
                    "import needs --git DIR or --sources DIR (for example --sources ../shared/sources --date 2026-03-23)".into()
                );
            }
            Ok(Parsed::Run(Command::Import {
                git,
                sources,
                catalog,
                check,
            }))
        }
        "changes" => {
            let mut since = None;
            while let Some(arg) = p.next()? {
                match arg {
                    Short('h') | Long("help") => return Ok(Parsed::Help(CHANGES_HELP)),
                    Long("since") => since = Some(parse_date(&p.value()?.string()?)?),
                    Long("format") => format = Some(parse_format(&p.value()?.string()?, false)?),
                    Long("catalog") => catalog = p.value()?.into(),
                    _ => return Err(arg.unexpected()),
                }
            }
            Ok(Parsed::Run(Command::Changes {
                catalog,
                since,
                format: format.unwrap_or(Format::Text),
            }))
        }
        "extract" => {
            let mut file = None;
            let mut kind = None;
            while let Some(arg) = p.next()? {
                match arg {
                    Short('h') | Long("help") => return Ok(Parsed::Help(EXTRACT_HELP)),
                    Long("format") => format = Some(parse_format(&p.value()?.string()?, true)?),
                    Long("kind") => {
                        let k = p.value()?.string()?;
                        kind = Some(DocKind::from_name(&k).ok_or_else(|| {
                            format!("unknown --kind `{k}`: expected nhn, kakao or api-guide")
                        })?);
                    }
                    Long("catalog") => catalog = p.value()?.into(),
                    Value(v) if file.is_none() => file = Some(PathBuf::from(v)),
                    _ => return Err(arg.unexpected()),
                }
            }
            let file = file.ok_or("extract needs a FILE to read")?;
            Ok(Parsed::Run(Command::Extract {
                file,
                format: format.unwrap_or(Format::Text),
                kind,
                catalog,
            }))
        }
        "check" => {
            while let Some(arg) = p.next()? {
                match arg {
                    Short('h') | Long("help") => return Ok(Parsed::Help(CHECK_HELP)),
                    Long("format") => format = Some(parse_format(&p.value()?.string()?, false)?),
                    Long("catalog") => catalog = p.value()?.into(),
                    _ => return Err(arg.unexpected()),
                }
            }
            Ok(Parsed::Run(Command::Check {
                catalog,
                format: format.unwrap_or(Format::Text),
            }))
        }
        "gen" => {
            let mut out = ws.join("generated");
            while let Some(arg) = p.next()? {
                match arg {
                    Short('h') | Long("help") => return Ok(Parsed::Help(GEN_HELP)),
                    Long("check") => check = true,
                    Long("catalog") => catalog = p.value()?.into(),
                    Long("out") => out = p.value()?.into(),
                    _ => return Err(arg.unexpected()),
                }
            }
            Ok(Parsed::Run(Command::Gen {
                catalog,
                out,
                check,
            }))
        }
        "recover" => {
            let mut out = ws.join("generated");
            let mut discard = false;
            while let Some(arg) = p.next()? {
                match arg {
                    Short('h') | Long("help") => return Ok(Parsed::Help(RECOVER_HELP)),
                    Long("discard") => discard = true,
                    Long("catalog") => catalog = p.value()?.into(),
                    Long("out") => out = p.value()?.into(),
                    _ => return Err(arg.unexpected()),
                }
            }
            Ok(Parsed::Run(Command::Recover {
                catalog,
                out,
                discard,
            }))
        }
        "book" => {
            let mut book = ws.join("generated/book");
            let mut dest = ws.join("target/book");
            while let Some(arg) = p.next()? {
                match arg {
                    Short('h') | Long("help") => return Ok(Parsed::Help(BOOK_HELP)),
                    Long("book") => book = p.value()?.into(),
                    Long("dest-dir") => dest = p.value()?.into(),
                    _ => return Err(arg.unexpected()),
                }
            }
            Ok(Parsed::Run(Command::Book { book, dest }))
        }
        other => Err(format!(
            "unknown command `{other}`: expected import, changes, extract, check, gen, recover or book"
        )
        .into()),
    }
}

/// Checks a `YYYY-MM-DD` date: a real calendar date, as the catalogue requires.
fn parse_date(s: &str) -> Result<String, lexopt::Error> {
    trail_catalog::validate::real_date(s)
        .map(|()| s.to_owned())
        .map_err(|why| format!("--date: {why}").into())
}

/// `--format`: `text` (also called `table`, the name `extract` once used), `json`, and for
/// `extract` also `yaml`.
fn parse_format(s: &str, extract: bool) -> Result<Format, lexopt::Error> {
    match (s, extract) {
        ("json", _) => Ok(Format::Json),
        ("text" | "table", _) => Ok(Format::Text),
        ("yaml", true) => Ok(Format::Yaml),
        _ if extract => Err(format!("unknown --format `{s}`: expected text, json or yaml").into()),
        _ => Err(format!("unknown --format `{s}`: expected text or json").into()),
    }
}
