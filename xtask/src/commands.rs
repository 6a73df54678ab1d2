//! The commands. Each returns its exit code; `Err` means bad input (exit 2).

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use trail_catalog::hash::{Stamp, catalog_hash};
use trail_catalog::io::{self, Tree};
use trail_sources::{Extracted, ReadContext};

use crate::cli::{Command, Format};

pub(crate) type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// Runs a parsed command.
pub fn run(cmd: Command) -> Result<ExitCode> {
    match cmd {
        Command::Import {
            git,
            sources,
            catalog,
            check,
        } => crate::import::run(git.as_ref(), &sources, &catalog, check),
        Command::Changes {
            catalog,
            since,
            format,
        } => changes(&catalog, since.as_deref(), format),
        Command::Extract {
            file,
            format,
            kind,
            catalog,
        } => extract(&file, format, kind, &catalog),
        Command::Check { catalog, format } => check(&catalog, format),
        Command::Gen {
            catalog,
            out,
            check,
        } => generate(&catalog, &out, check),
        Command::Recover {
            catalog,
            out,
            discard,
        } => recover(&catalog, &out, discard),
        Command::Book { book, dest } => crate::book::run(&book, &dest),
    }
}

/// Finishes (or undoes) an interrupted write in a folder this process has locked, saying so.
pub(crate) fn recover_folder(lock: &io::Lock, owner: io::Owner) -> Result<()> {
    if let Some(done) = lock.recover(owner)? {
        eprintln!("{}: {done}", lock.root().display());
    }
    Ok(())
}

/// `recover`: finishes the interrupted writes of catalog/ and generated/, or with `discard`,
/// deletes their journals (the files stay as the interrupted write left them).
fn recover(catalog_dir: &Path, out: &Path, discard: bool) -> Result<ExitCode> {
    let import_owned = |rel: &str| io::is_import_owned(rel);
    for (dir, owner) in [
        (catalog_dir, io::Owner::Layout(&import_owned)),
        (out, io::Owner::Manifest),
    ] {
        if !dir.is_dir() {
            continue;
        }
        let lock = io::Lock::acquire(dir, "cargo xtask recover")?;
        if discard {
            if lock.discard_journal()? {
                eprintln!(
                    "{}: deleted the journal; the files are as the interrupted write left them \
                     (`git status` shows what differs from the last commit)",
                    dir.display()
                );
            }
        } else {
            match lock.recover(owner)? {
                Some(done) => eprintln!("{}: {done}", dir.display()),
                None => eprintln!("{}: no interrupted write", dir.display()),
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn extract(
    file: &Path,
    format: Format,
    kind: Option<trail_sources::DocKind>,
    catalog_dir: &Path,
) -> Result<ExitCode> {
    let shown = file.to_string_lossy().replace('\\', "/");
    let doc = trail_import::load_doc(file, &shown)?;
    let kind = match kind {
        Some(k) => k,
        None => trail_sources::detect_kind(&doc)?,
    };
    let hand = io::read_quietly(&[catalog_dir], || io::load_hand_written(catalog_dir))?;
    let ctx = ReadContext {
        kakao_hints: hand.kakao_hints,
    };
    let extracted = trail_sources::extract(&doc, kind, &ctx)?;
    for d in extracted.diagnostics() {
        eprintln!("{d}");
    }
    let records = match &extracted {
        Extracted::Nhn(d) => serde_json::to_value(&d.records)?,
        Extracted::Kakao(d) => kakao_rows(d)?,
        Extracted::ApiGuide(d) => serde_json::to_value(&d.records)?,
    };
    let mut out = stdout();
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &records)?;
            writeln!(out)?;
        }
        Format::Yaml => out.write_all(serde_yaml::to_string(&records)?.as_bytes())?,
        Format::Text => text_table(&records, &mut out)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Every record import takes from a KakaoCloud page, one flat row each, in document order within
/// each kind, `record` naming the kind: `event`, `versions`, `role-statement` (a prose sentence)
/// and `role-rule` (a role table's row for one role).
fn kakao_rows(d: &trail_sources::kakao::KakaoDocument) -> Result<serde_json::Value> {
    use trail_sources::kakao::Via;
    let mut rows = Vec::new();
    let mut push = |kind: &str, value: serde_json::Value| {
        if let serde_json::Value::Object(mut map) = value {
            map.insert("record".into(), kind.into());
            rows.push(serde_json::Value::Object(map));
        }
    };
    for r in &d.records {
        push("event", serde_json::to_value(r)?);
    }
    for v in &d.versions {
        push("versions", serde_json::to_value(v)?);
    }
    for g in &d.role_grants {
        let kind = match g.via {
            Via::Statement => "role-statement",
            Via::Marks | Via::TableProse => "role-rule",
        };
        push(kind, serde_json::to_value(g)?);
    }
    Ok(serde_json::Value::Array(rows))
}

/// Standard output, buffered. Write errors propagate: a closed pipe ends the command quietly
/// (see `main`), any other error exits 2 with a message.
pub(crate) fn stdout() -> std::io::BufWriter<std::io::StdoutLock<'static>> {
    std::io::BufWriter::new(std::io::stdout().lock())
}

/// Prints `text` to standard output (see [`stdout`] for errors).
pub(crate) fn print_out(text: &str) -> Result<()> {
    let mut out = stdout();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// The widest a column is padded to: a longer cell is printed whole but does not widen its
/// column, so the table stays proportional to its input however long one cell is.
const MAX_COLUMN: usize = 48;

/// Writes a JSON array of flat objects as an aligned text table, row by row: `line` and the
/// identifying fields first, then the rest alphabetically.
fn text_table(records: &serde_json::Value, out: &mut dyn Write) -> std::io::Result<()> {
    let rows: &[serde_json::Value] = records.as_array().map(Vec::as_slice).unwrap_or(&[]);
    // The fields a reader scans for come first, in this order; any others follow alphabetically.
    const LEADING: &[&str] = &[
        "line",
        "record",
        "scope",
        "service",
        "resource_type",
        "event_id",
        "name",
        "description",
    ];
    let mut columns: Vec<&str> = Vec::new();
    for row in rows {
        for key in row.as_object().into_iter().flat_map(|o| o.keys()) {
            if !columns.contains(&key.as_str()) {
                columns.push(key);
            }
        }
    }
    let rank = |c: &str| {
        LEADING
            .iter()
            .position(|l| *l == c)
            .unwrap_or(LEADING.len())
    };
    columns.sort_by(|a, b| rank(a).cmp(&rank(b)).then(a.cmp(b)));
    let cell = |v: Option<&serde_json::Value>| match v {
        None | Some(serde_json::Value::Null) => "-".to_string(),
        Some(serde_json::Value::String(s)) => s.escape_debug().to_string(),
        Some(other) => other.to_string(),
    };
    let widths: Vec<usize> = columns
        .iter()
        .map(|c| {
            rows.iter()
                .map(|r| display_width(&cell(r.get(*c))).min(MAX_COLUMN))
                .chain([c.len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut line = |cells: &mut dyn Iterator<Item = String>| -> std::io::Result<()> {
        let mut text = String::new();
        for (i, (c, w)) in cells.zip(&widths).enumerate() {
            if i > 0 {
                text.push_str("  ");
            }
            text.push_str(&c);
            text.push_str(&" ".repeat(w.saturating_sub(display_width(&c))));
        }
        writeln!(out, "{}", text.trim_end())
    };
    line(&mut columns.iter().map(|c| c.to_string()))?;
    for row in rows {
        line(&mut columns.iter().map(|c| cell(row.get(*c))))?;
    }
    writeln!(out, "({} records)", rows.len())
}

/// Terminal columns a string takes: Hangul, CJK and kana are two columns wide, the rest one.
/// Good enough for the vendor's four languages without a Unicode width table.
fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0x303E
            | 0x3041..=0x33FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xA960..=0xA97F
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum()
}

fn changes(catalog_dir: &Path, since: Option<&str>, format: Format) -> Result<ExitCode> {
    let catalog = io::read_quietly(&[catalog_dir], || load_catalog(catalog_dir))?;
    let mut days = trail_catalog::changes::changes(&catalog.nhn, since);
    trail_catalog::changes::add_kakao_reclassified(&mut days, &catalog.kakao, since);
    let mut out = String::new();
    if format == Format::Json {
        out = serde_json::to_string_pretty(&days)? + "\n";
    } else {
        use std::fmt::Write as _;
        for d in &days {
            let _ = writeln!(
                out,
                "{}  +{} -{} ~{}",
                d.date,
                d.added.len(),
                d.removed.len(),
                d.renamed.len() + d.reclassified.len()
            );
            for id in &d.added {
                let _ = writeln!(out, "  added    {id}");
            }
            for id in &d.removed {
                let _ = writeln!(out, "  removed  {id}");
            }
            for r in &d.renamed {
                let _ = writeln!(
                    out,
                    "  renamed  {} [{}] {:?} -> {:?}",
                    r.id, r.locale, r.from, r.to
                );
            }
            for r in &d.reclassified {
                let _ = writeln!(
                    out,
                    "  reclassified {} {}/{} ({} {}) -> {}/{} ({} {})",
                    r.id,
                    r.from.resource_type,
                    r.from.action,
                    r.from.class_uid,
                    r.from.activity_id,
                    r.to.resource_type,
                    r.to.action,
                    r.to.class_uid,
                    r.to.activity_id
                );
            }
        }
        if days.is_empty() {
            let _ = writeln!(
                out,
                "no changes recorded{}; `cargo xtask import --git DIR` records the history",
                since.map(|d| format!(" since {d}")).unwrap_or_default()
            );
        }
    }
    print_out(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// Loads and validates the catalogue (gen, check, changes): files, then waiver codes.
pub(crate) fn load_catalog(catalog_dir: &Path) -> Result<trail_catalog::Catalog> {
    let catalog = io::load(catalog_dir)?;
    trail_import::validate_waivers(catalog_dir, &catalog.hand)?;
    Ok(catalog)
}

fn check(catalog_dir: &Path, format: Format) -> Result<ExitCode> {
    let catalog = io::read_quietly(&[catalog_dir], || load_catalog(catalog_dir))?;
    let report = trail_checks::report::report(&catalog);
    let mut out = stdout();
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
        }
        _ => {
            for e in &report.findings {
                match e.waived {
                    Some(reason) => writeln!(out, "{} [waived: {reason}]", e.diagnostic)?,
                    None => writeln!(out, "{}", e.diagnostic)?,
                }
            }
            if !report.coverage.is_empty() {
                writeln!(out, "\ncoverage of NHN event names (listed events):")?;
                for c in report.coverage {
                    writeln!(
                        out,
                        "  {}: {}/{} named ({:.1}%), {} untranslated",
                        c.locale,
                        c.named,
                        c.events,
                        if c.events == 0 {
                            0.0
                        } else {
                            100.0 * c.named as f64 / c.events as f64
                        },
                        c.untranslated
                    )?;
                }
            }
            for w in &report.unused_waivers {
                writeln!(
                    out,
                    "unused waiver: code {} subject {} ({}); delete it if the finding is gone",
                    w.code,
                    w.subject.as_deref().unwrap_or("*"),
                    w.reason
                )?;
            }
            let s = &report.summary;
            writeln!(
                out,
                "\n{} errors, {} warnings, {} notes, {} waived",
                s.errors, s.warnings, s.infos, s.waived
            )?;
        }
    }
    out.flush()?;
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

/// Top-level folders and files of `generated/` that the emitters write to.
const GEN_OWNED: &[&str] = &[
    "src/",
    "docs/",
    "book/",
    "csv/",
    "openapi/",
    "schema/",
    "Cargo.toml",
    "README.md",
    "surface.txt",
    "LICENSE-MIT",
    "LICENSE-APACHE",
];

/// The catalogue as published (without the entries overrides.yaml excludes: the emitters never see
/// them), loaded with its hash (what gen stamps into every file).
fn load_stamped(catalog_dir: &Path) -> Result<(trail_catalog::Catalog, Stamp)> {
    let catalog = load_catalog(catalog_dir)?.published();
    let stamp = Stamp {
        command: "cargo xtask gen".into(),
        catalog_hash: catalog_hash(catalog_dir)?,
    };
    Ok((catalog, stamp))
}

fn generate(catalog_dir: &Path, out: &Path, check: bool) -> Result<ExitCode> {
    let same = |a: &Path, b: &Path| matches!((std::fs::canonicalize(a), std::fs::canonicalize(b)), (Ok(a), Ok(b)) if a == b);
    if same(catalog_dir, out) {
        return Err(format!(
            "{}: --out is the catalogue folder; gen writes its outputs to another folder",
            out.display()
        )
        .into());
    }
    if check {
        return io::read_quietly(&[catalog_dir, out], || {
            let (catalog, stamp) = load_stamped(catalog_dir)?;
            let surface = read_surface(out)?;
            let tree = outputs(&catalog, &stamp, surface.as_deref())?;
            let drift = io::diff_tree(out, &tree, io::Owner::Manifest)?;
            if drift.is_empty() {
                eprintln!("generated/ is up to date ({})", stamp.catalog_hash);
                return Ok(ExitCode::SUCCESS);
            }
            eprint!("generated/ is stale:\n{drift}");
            eprintln!("run `cargo xtask gen` and commit the result");
            Ok(ExitCode::from(1))
        });
    }
    let (catalog, stamp) = io::read_quietly(&[catalog_dir], || load_stamped(catalog_dir))?;
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let lock = io::Lock::acquire(out, "cargo xtask gen")?;
    recover_folder(&lock, io::Owner::Manifest)?;
    let surface = read_surface(out)?;
    let tree = outputs(&catalog, &stamp, surface.as_deref())?;
    let drift = lock.write_tree(&tree, io::Owner::Manifest)?;
    eprintln!(
        "generated {} files from catalog/ ({}): {} written, {} removed",
        tree.len(),
        stamp.catalog_hash,
        drift.missing.len() + drift.changed.len(),
        drift.stale.len()
    );
    Ok(ExitCode::SUCCESS)
}

/// The previous `surface.txt` of the output folder (the crate's version is chosen from it).
fn read_surface(out: &Path) -> Result<Option<String>> {
    Ok(io::read_text(&out.join("surface.txt"))?)
}

/// Every file gen writes for `catalog`.
fn outputs(catalog: &trail_catalog::Catalog, stamp: &Stamp, surface: Option<&str>) -> Result<Tree> {
    let mut tree = Tree::new();
    let mut add = |prefix: &str, part: Tree| {
        for (rel, text) in part {
            let rel = format!("{prefix}{rel}");
            assert!(
                GEN_OWNED.iter().any(|o| rel.starts_with(o)),
                "emitter wrote outside its folder: {rel}"
            );
            assert!(
                tree.insert(rel.clone(), text).is_none(),
                "two emitters wrote {rel}"
            );
        }
    };
    add("", trail_emit_rust::emit_after(catalog, stamp, surface)?);
    add("", trail_emit_docs::emit(catalog, stamp));
    add("", trail_emit_csv::emit(catalog, stamp));
    add("", trail_emit_openapi::emit(catalog, stamp));
    add("schema/", schemas(stamp)?);
    Ok(tree)
}

/// The JSON Schemas of the catalogue files, each with the stamp as `$comment`. serde_json's
/// maps are sorted by key, so the output is deterministic and `$comment` comes first.
fn schemas(stamp: &Stamp) -> Result<Tree> {
    let mut tree = Tree::new();
    for (name, mut schema) in trail_catalog::schema::schemas() {
        let obj = schema
            .as_object_mut()
            .expect("schemars schemas are objects");
        obj.insert("$comment".into(), stamp.lines().join(" ").into());
        tree.insert(
            name.to_string(),
            serde_json::to_string_pretty(&schema)?
                + "
",
        );
    }
    Ok(tree)
}
