//! Command-line parsing and help texts.

use std::ffi::OsString;
use std::path::PathBuf;

use lexopt::prelude::*;
use trail_sources::DocKind;

/// Output format for `extract` and `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Human-readable text (a table for `extract`).
    Text,
    /// JSON, for tools.
    Json,
    /// YAML, for people who read catalogues.
    Yaml,
}

/// A parsed command.
#[derive(Debug)]
pub enum Command {
    /// `import --sources DIR [--check]`.
    Import { sources: PathBuf, catalog: PathBuf, check: bool },
    /// `extract [--format] [--kind] FILE`.
    Extract { file: PathBuf, format: Format, kind: Option<DocKind>, catalog: PathBuf },
    /// `check [--format]`.
    Check { catalog: PathBuf, format: Format },
    /// `gen [--check]`.
    Gen { catalog: PathBuf, out: PathBuf, check: bool },
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
  import   Read the vendor docs in a folder and rewrite catalog/ (all files or none)
  extract  Show what the importer reads from one document, row by row
  check    Print what is wrong in the vendor docs; fails on any unwaived error
  gen      Write generated/ from catalog/ alone (no docs needed)

Run `cargo xtask <COMMAND> --help` for a command's options.

EXIT CODES:
  0  success
  1  check found unwaived errors, or --check found out-of-date files
  2  bad input or usage; nothing was written
";

const IMPORT_HELP: &str = "\
cargo xtask import: read the vendor docs and rewrite catalog/

USAGE:
  cargo xtask import --sources DIR [--check] [--catalog DIR]

Reads every .md and .txt document below DIR (README.md excepted), tells NHN
event lists, NHN API guides and KakaoCloud pages apart by their text, and writes
the catalogue: one entry per NHN event ID, every KakaoCloud event, the role
rules, the search API and every finding (catalog/findings.yaml).

Hand-written files (nhn/overrides.yaml, nhn/waivers.yaml, kakao/hints.yaml,
kakao/overrides.yaml, kakao/waivers.yaml) are read, never written.

A document that cannot be read (binary, invalid UTF-8, an event table of an
unknown layout) stops the import with exit code 2 before anything is written.
Pages with nothing to import (prose only, or tables without an event column,
such as a console guide) are noted in the findings and skipped, except files
named event-list.md or api-guide.md, which must hold what their name says.

OPTIONS:
  --sources DIR   Folder with the docs (for example ../shared/sources or a
                  checkout of the NHN CloudTrail docs)
  --check         Write nothing; exit 1 and name the files that differ from
                  what import would write
  --catalog DIR   Catalogue folder [default: catalog/ in the workspace]
  -h, --help      Print this help
";

const EXTRACT_HELP: &str = "\
cargo xtask extract: show what the importer reads from one document

USAGE:
  cargo xtask extract [--format json|yaml|table] [--kind nhn|kakao|api-guide] FILE

Prints one record per table row the reader understood (stdout) and every
cleaning, malformation or skipped row as a diagnostic with file:line and the
raw text (stderr). The document kind is detected from its text; --kind forces it.

NHN records have at least event_id (cleaned; null in ID-less lists), name,
service and line. KakaoCloud records have scope, service, resource_type, name,
description and line.

OPTIONS:
  --format F      table (default), json or yaml
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

/// Parses the arguments after `xtask`.
pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Parsed, lexopt::Error> {
    let mut p = lexopt::Parser::from_args(args);
    let sub = match p.next()? {
        Some(Short('h') | Long("help")) => return Ok(Parsed::Help(MAIN_HELP)),
        Some(Value(v)) => v.string()?,
        Some(arg) => return Err(arg.unexpected()),
        None => return Err("no command given: expected import, extract, check or gen".into()),
    };
    let ws = crate::paths::workspace_root();
    let mut catalog = ws.join("catalog");
    let mut check = false;
    let mut format: Option<Format> = None;
    match sub.as_str() {
        "import" => {
            let mut sources = None;
            while let Some(arg) = p.next()? {
                match arg {
                    Short('h') | Long("help") => return Ok(Parsed::Help(IMPORT_HELP)),
                    Long("sources") => sources = Some(PathBuf::from(p.value()?)),
                    Long("catalog") => catalog = p.value()?.into(),
                    Long("check") => check = true,
                    _ => return Err(arg.unexpected()),
                }
            }
            let sources = sources.ok_or("import needs --sources DIR (for example --sources ../shared/sources)")?;
            Ok(Parsed::Run(Command::Import { sources, catalog, check }))
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
            Ok(Parsed::Run(Command::Extract { file, format: format.unwrap_or(Format::Text), kind, catalog }))
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
            Ok(Parsed::Run(Command::Check { catalog, format: format.unwrap_or(Format::Text) }))
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
            Ok(Parsed::Run(Command::Gen { catalog, out, check }))
        }
        other => Err(format!("unknown command `{other}`: expected import, extract, check or gen").into()),
    }
}

fn parse_format(s: &str, extract: bool) -> Result<Format, lexopt::Error> {
    match (s, extract) {
        ("json", _) => Ok(Format::Json),
        ("table", true) | ("text", false) => Ok(Format::Text),
        ("yaml", true) => Ok(Format::Yaml),
        _ if extract => Err(format!("unknown --format `{s}`: expected table, json or yaml").into()),
        _ => Err(format!("unknown --format `{s}`: expected text or json").into()),
    }
}
