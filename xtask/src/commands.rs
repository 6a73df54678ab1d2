//! The four commands. Each returns its exit code; `Err` means bad input (exit 2).

use std::path::Path;
use std::process::ExitCode;

use trail_catalog::hash::{Stamp, catalog_hash};
use trail_catalog::io::{self, Tree};
use trail_sources::{Diagnostic, Extracted, ReadContext, Severity, SourceDoc, SourceRef};

use crate::cli::{Command, Format};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// Runs a parsed command.
pub fn run(cmd: Command) -> Result<ExitCode> {
    match cmd {
        Command::Import { sources, catalog, check } => import(&sources, &catalog, check),
        Command::Extract { file, format, kind, catalog } => extract(&file, format, kind, &catalog),
        Command::Check { catalog, format } => check(&catalog, format),
        Command::Gen { catalog, out, check } => generate(&catalog, &out, check),
    }
}

/// Reads a file as a source document, reported under `shown` (a relative path).
fn load_doc(path: &Path, shown: &str) -> Result<SourceDoc> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    Ok(trail_sources::decode(shown, &bytes)?)
}

/// Every document below `root` that import reads: `.md` and `.txt` files except READMEs,
/// as `(path relative to root, /-separated)`, sorted.
fn discover(root: &Path) -> Result<Vec<String>> {
    if !root.is_dir() {
        return Err(format!("{}: not a folder; pass --sources DIR with the vendor docs", root.display()).into());
    }
    let files = io::list_owned(root, &|rel: &str| {
        let name = rel.rsplit('/').next().unwrap_or(rel);
        let hidden = rel.split('/').any(|c| c.starts_with('.'));
        (name.ends_with(".md") || name.ends_with(".txt")) && !name.eq_ignore_ascii_case("README.md") && !hidden
    })?;
    if files.is_empty() {
        return Err(format!("{}: no .md or .txt documents found; is this the docs folder?", root.display()).into());
    }
    Ok(files)
}

fn import(sources: &Path, catalog_dir: &Path, check: bool) -> Result<ExitCode> {
    let hand = io::load_hand_written(catalog_dir)?;
    let ctx = ReadContext { kakao_hints: hand.kakao_hints.clone() };
    let mut docs: Vec<Extracted> = Vec::new();
    let mut notes: Vec<Diagnostic> = Vec::new();
    for rel in discover(sources)? {
        let doc = load_doc(&sources.join(&rel), &rel)?;
        let kind = match trail_sources::detect_kind(&doc) {
            Ok(kind) => kind,
            Err(e) => {
                notes.push(skip_note(&rel, &e.message));
                continue;
            }
        };
        match trail_sources::extract(&doc, kind, &ctx) {
            Ok(extracted) => docs.push(extracted),
            Err(e) if e.no_data && !must_hold_data(&rel) => notes.push(skip_note(&rel, &e.message)),
            Err(e) => return Err(e.into()),
        }
    }

    let (mut catalog, build_diags) = trail_catalog::build::build(&docs, &hand);
    let mut findings: Vec<Diagnostic> = notes;
    findings.extend(docs.iter().flat_map(|d| d.diagnostics().iter().cloned()));
    findings.extend(build_diags);
    findings.extend(trail_checks::run(&docs, &catalog));
    findings.sort();
    findings.dedup();
    catalog.findings.coverage = trail_checks::coverage(&catalog);
    catalog.findings.diagnostics = findings;

    trail_catalog::naming::pin_from(catalog_dir, &mut catalog)?;
    let tree = io::render(&catalog);
    let owned = |rel: &str| io::is_import_owned(rel);
    if check {
        let drift = io::diff_tree(catalog_dir, &tree, &owned)?;
        if drift.is_empty() {
            eprintln!("catalog/ is up to date with {}", sources.display());
            return Ok(ExitCode::SUCCESS);
        }
        eprint!("catalog/ is not what import would write:\n{drift}");
        eprintln!("run `cargo xtask import --sources {}` and commit the result", sources.display());
        return Ok(ExitCode::from(1));
    }
    let drift = io::write_tree(catalog_dir, &tree, &owned)?;
    let counts = summary_counts(&catalog.findings.diagnostics);
    eprintln!(
        "imported {} documents: {} NHN events, {} KakaoCloud events; {} files written, {} removed; \
         findings: {} errors, {} warnings, {} notes (see `cargo xtask check`)",
        docs.len(),
        catalog.nhn.events.len(),
        catalog.kakao.events.len(),
        drift.missing.len() + drift.changed.len(),
        drift.stale.len(),
        counts[0],
        counts[1],
        counts[2],
    );
    Ok(ExitCode::SUCCESS)
}

/// Whether a document is named as an event list or an API guide (`event-list.md`,
/// `api-guide.md`, as in the vendor's docs repository). Such a document with nothing to read
/// stops the import: skipping it would silently retire every event it used to list.
fn must_hold_data(rel: &str) -> bool {
    matches!(rel.rsplit('/').next(), Some("event-list.md" | "api-guide.md"))
}

fn skip_note(rel: &str, why: &str) -> Diagnostic {
    Diagnostic::new(
        SourceRef::new(rel, 1),
        "import/skipped",
        Severity::Info,
        format!("not imported: {why}"),
    )
}

fn summary_counts(diags: &[Diagnostic]) -> [usize; 3] {
    let mut c = [0; 3];
    for d in diags {
        c[d.severity as usize] += 1;
    }
    c
}

fn extract(file: &Path, format: Format, kind: Option<trail_sources::DocKind>, catalog_dir: &Path) -> Result<ExitCode> {
    let shown = file.to_string_lossy().replace('\\', "/");
    let doc = load_doc(file, &shown)?;
    let kind = match kind {
        Some(k) => k,
        None => trail_sources::detect_kind(&doc)?,
    };
    let hand = io::load_hand_written(catalog_dir)?;
    let ctx = ReadContext { kakao_hints: hand.kakao_hints };
    let extracted = trail_sources::extract(&doc, kind, &ctx)?;
    for d in extracted.diagnostics() {
        eprintln!("{d}");
    }
    let records = match &extracted {
        Extracted::Nhn(d) => serde_json::to_value(&d.records)?,
        Extracted::Kakao(d) => serde_json::to_value(&d.records)?,
        Extracted::ApiGuide(d) => serde_json::to_value(&d.records)?,
    };
    let out = match format {
        Format::Json => serde_json::to_string_pretty(&records)? + "\n",
        Format::Yaml => serde_yaml::to_string(&records)?,
        Format::Text => text_table(&records),
    };
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}

/// Renders a JSON array of flat objects as an aligned text table: `line` and the identifying
/// fields first, then the rest alphabetically.
fn text_table(records: &serde_json::Value) -> String {
    let rows: &[serde_json::Value] = records.as_array().map(Vec::as_slice).unwrap_or(&[]);
    // The fields a reader scans for come first, in this order; any others follow alphabetically.
    const LEADING: &[&str] = &["line", "scope", "service", "resource_type", "event_id", "name", "description"];
    let mut columns: Vec<&str> = Vec::new();
    for row in rows {
        for key in row.as_object().into_iter().flat_map(|o| o.keys()) {
            if !columns.contains(&key.as_str()) {
                columns.push(key);
            }
        }
    }
    let rank = |c: &str| LEADING.iter().position(|l| *l == c).unwrap_or(LEADING.len());
    columns.sort_by(|a, b| rank(a).cmp(&rank(b)).then(a.cmp(b)));
    let cell = |v: Option<&serde_json::Value>| match v {
        None | Some(serde_json::Value::Null) => "-".to_string(),
        Some(serde_json::Value::String(s)) => s.escape_debug().to_string(),
        Some(other) => other.to_string(),
    };
    let grid: Vec<Vec<String>> = rows.iter().map(|r| columns.iter().map(|c| cell(r.get(*c))).collect()).collect();
    let widths: Vec<usize> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| grid.iter().map(|r| display_width(&r[i])).chain([c.len()]).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    let mut line = |cells: &mut dyn Iterator<Item = &str>| {
        let parts: Vec<String> =
            cells.zip(&widths).map(|(c, w)| format!("{c}{}", " ".repeat(w - display_width(c)))).collect();
        out.push_str(parts.join("  ").trim_end());
        out.push('\n');
    };
    line(&mut columns.iter().copied());
    for row in &grid {
        line(&mut row.iter().map(String::as_str));
    }
    out.push_str(&format!("({} records)\n", rows.len()));
    out
}

/// Terminal columns a string takes: Hangul, CJK and kana are two columns wide, the rest one.
/// Good enough for the vendor's four languages without a Unicode width table.
fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
            | 0xA960..=0xA97F | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum()
}

fn check(catalog_dir: &Path, format: Format) -> Result<ExitCode> {
    let catalog = io::load(catalog_dir)?;
    let report = trail_checks::report::report(&catalog);
    match format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&report)?),
        _ => {
            for e in &report.findings {
                match e.waived {
                    Some(reason) => println!("{} [waived: {reason}]", e.diagnostic),
                    None => println!("{}", e.diagnostic),
                }
            }
            if !report.coverage.is_empty() {
                println!("\ncoverage of NHN event names (listed events):");
                for c in report.coverage {
                    println!(
                        "  {}: {}/{} named ({:.1}%), {} untranslated",
                        c.locale,
                        c.named,
                        c.events,
                        if c.events == 0 { 0.0 } else { 100.0 * c.named as f64 / c.events as f64 },
                        c.untranslated
                    );
                }
            }
            for w in &report.unused_waivers {
                println!(
                    "unused waiver: code {} subject {} ({}); delete it if the finding is gone",
                    w.code,
                    w.subject.as_deref().unwrap_or("*"),
                    w.reason
                );
            }
            let s = report.summary;
            println!(
                "\n{} errors, {} warnings, {} notes, {} waived",
                s.errors, s.warnings, s.infos, s.waived
            );
        }
    }
    if report.summary.errors > 0 {
        eprintln!(
            "check failed: {} unwaived errors. Fix the docs upstream, correct them in an overrides file, \
             or acknowledge them in a waivers file with a reason.",
            report.summary.errors
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// Top-level folders of `generated/` that gen owns entirely.
const GEN_OWNED: &[&str] = &["src/", "docs/", "csv/", "openapi/", "schema/", "Cargo.toml", "README.md", "surface.txt"];

fn generate(catalog_dir: &Path, out: &Path, check: bool) -> Result<ExitCode> {
    let catalog = io::load(catalog_dir)?;
    let stamp = Stamp { command: "cargo xtask gen".into(), catalog_hash: catalog_hash(catalog_dir)? };
    let mut tree = Tree::new();
    let mut add = |prefix: &str, part: Tree| {
        for (rel, text) in part {
            let rel = format!("{prefix}{rel}");
            assert!(GEN_OWNED.iter().any(|o| rel.starts_with(o)), "emitter wrote outside its folder: {rel}");
            assert!(tree.insert(rel.clone(), text).is_none(), "two emitters wrote {rel}");
        }
    };
    let surface = std::fs::read_to_string(out.join("surface.txt")).ok();
    add("", trail_emit_rust::emit_after(&catalog, &stamp, surface.as_deref())?);
    add("", trail_emit_docs::emit(&catalog, &stamp));
    add("", trail_emit_csv::emit(&catalog, &stamp));
    add("", trail_emit_openapi::emit(&catalog, &stamp));
    add("schema/", schemas(&stamp)?);
    let owned = |rel: &str| GEN_OWNED.iter().any(|o| rel.starts_with(o));
    if check {
        let drift = io::diff_tree(out, &tree, &owned)?;
        if drift.is_empty() {
            eprintln!("generated/ is up to date ({})", stamp.catalog_hash);
            return Ok(ExitCode::SUCCESS);
        }
        eprint!("generated/ is stale:\n{drift}");
        eprintln!("run `cargo xtask gen` and commit the result");
        return Ok(ExitCode::from(1));
    }
    let drift = io::write_tree(out, &tree, &owned)?;
    eprintln!(
        "generated {} files from catalog/ ({}): {} written, {} removed",
        tree.len(),
        stamp.catalog_hash,
        drift.missing.len() + drift.changed.len(),
        drift.stale.len()
    );
    Ok(ExitCode::SUCCESS)
}

/// The JSON Schemas of the catalogue files, each with the stamp as `$comment`. serde_json's
/// maps are sorted by key, so the output is deterministic and `$comment` comes first.
fn schemas(stamp: &Stamp) -> Result<Tree> {
    let mut tree = Tree::new();
    for (name, mut schema) in trail_catalog::schema::schemas() {
        let obj = schema.as_object_mut().expect("schemars schemas are objects");
        obj.insert("$comment".into(), stamp.lines().join(" ").into());
        tree.insert(name.to_string(), serde_json::to_string_pretty(&schema)? + "
");
    }
    Ok(tree)
}
