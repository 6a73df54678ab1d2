//! `cargo xtask import`: the observations named on the command line (a folder of docs, the docs
//! repository's git history) absorbed by `trail_import` one after the other, then the catalogue
//! written all at once or not at all, and what was done said.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use trail_catalog::io;
use trail_catalog::model::Status;
use trail_import::Import;

use crate::commands::Result;

/// Runs `import`: with `check`, reading only (no lock, no recovery); else holding the
/// catalogue's lock from the first read to the last write, after finishing an interrupted write.
pub fn run(
    git: Option<&(PathBuf, String)>,
    sources: &[(PathBuf, Option<String>)],
    catalog_dir: &Path,
    check: bool,
) -> Result<ExitCode> {
    if check {
        return io::read_quietly(&[catalog_dir], || locked(git, sources, catalog_dir, None));
    }
    let lock = io::Lock::acquire(catalog_dir, "cargo xtask import")?;
    crate::commands::recover_folder(&lock, io::Owner::Layout(&io::is_import_owned))?;
    locked(git, sources, catalog_dir, Some(&lock))
}

/// `import`, once the catalogue is safe to read: `lock` held to write, or `None` for `--check`.
fn locked(
    git: Option<&(PathBuf, String)>,
    sources: &[(PathBuf, Option<String>)],
    catalog_dir: &Path,
    lock: Option<&io::Lock>,
) -> Result<ExitCode> {
    let mut import = Import::open(catalog_dir)?;
    let mut said = Vec::new();
    if let Some((dir, branch)) = git {
        said.push(import.absorb_git(dir, branch)?);
    }
    for (dir, date) in sources {
        said.push(import.absorb_folder(dir, date.as_deref())?);
    }
    let catalog = import.finish();

    io::check_before_writing(&catalog)?;
    let tree = io::render(&catalog);
    let owner = io::Owner::Layout(&io::is_import_owned);
    let again = command_line(git, sources);
    let Some(lock) = lock else {
        let drift = io::diff_tree(catalog_dir, &tree, owner)?;
        if drift.is_empty() {
            eprintln!("catalog/ is up to date with `{again}`");
            return Ok(ExitCode::SUCCESS);
        }
        eprint!("catalog/ is not what import would write:\n{drift}");
        eprintln!("run `{again}` and commit the result");
        return Ok(ExitCode::from(1));
    };
    let drift = lock.write_tree(&tree, owner)?;
    let counts = trail_import::summary_counts(&catalog.findings.diagnostics);
    let retired = catalog
        .nhn
        .events
        .iter()
        .filter(|e| e.status == Status::Retired)
        .count();
    eprintln!(
        "{}\ncatalogue: {} NHN event IDs ({} retired), {} KakaoCloud events; {} files written, {} removed; \
         findings: {} errors, {} warnings, {} notes (see `cargo xtask check`, `cargo xtask changes`)",
        said.join("\n"),
        catalog.nhn.events.len(),
        retired,
        catalog.kakao.events.len(),
        drift.missing.len() + drift.changed.len(),
        drift.stale.len(),
        counts[0],
        counts[1],
        counts[2],
    );
    Ok(ExitCode::SUCCESS)
}

/// The command line that reproduces this import (for messages).
fn command_line(git: Option<&(PathBuf, String)>, sources: &[(PathBuf, Option<String>)]) -> String {
    let mut s = String::from("cargo xtask import");
    if let Some((dir, branch)) = git {
        s.push_str(&format!(" --git {} --branch {branch}", dir.display()));
    }
    for (dir, date) in sources {
        s.push_str(&format!(" --sources {}", dir.display()));
        if let Some(d) = date {
            s.push_str(&format!(" --date {d}"));
        }
    }
    s
}
