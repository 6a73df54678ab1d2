//! `book`: builds the docs site with mdBook and finishes its pages for Pagefind
//! ([`trail_emit_docs::site::finish_page`]).

use std::path::Path;
use std::process::ExitCode;

use crate::commands::Result;

/// The mdBook release the book is written for (`book.toml`, the finished page layout).
pub const MDBOOK_VERSION: &str = "0.5.4";

/// How to install that mdBook, for the error when it is missing.
const INSTALL: &str =
    "cargo install --locked mdbook --version 0.5.4 --no-default-features --features search";

/// Runs `mdbook build BOOK --dest-dir DEST`, then rewrites each HTML page below DEST with
/// [`trail_emit_docs::site::finish_page`]. mdBook's messages pass through.
pub fn run(book: &Path, dest: &Path) -> Result<ExitCode> {
    if !book.join("book.toml").is_file() {
        return Err(format!(
            "{}: no book.toml here; run `cargo xtask gen` first, or name the folder with --book",
            book.display()
        )
        .into());
    }
    let version = std::process::Command::new("mdbook")
        .arg("--version")
        .output()
        .map_err(|e| format!("cannot run mdbook ({e}); install it with `{INSTALL}`"))?;
    let version = String::from_utf8_lossy(&version.stdout);
    if !version.contains(MDBOOK_VERSION) {
        eprintln!(
            "warning: {} found, the book is written for mdbook v{MDBOOK_VERSION} (`{INSTALL}`)",
            version.trim()
        );
    }
    let status = std::process::Command::new("mdbook")
        .arg("build")
        .arg(book)
        .arg("--dest-dir")
        .arg(dest)
        .stdout(std::process::Stdio::inherit())
        .status()
        .map_err(|e| format!("cannot run mdbook: {e}"))?;
    if !status.success() {
        return Err(format!(
            "mdbook build {} failed ({status}); its messages are above",
            book.display()
        )
        .into());
    }
    let pages = trail_catalog::io::list_owned(dest, &|rel: &str| rel.ends_with(".html"))?;
    let mut localised = 0;
    for rel in &pages {
        let path = dest.join(rel);
        let html = std::fs::read_to_string(&path)
            .map_err(|e| format!("{}: cannot read the page mdbook wrote: {e}", path.display()))?;
        if trail_emit_docs::site::content_language(&html).is_some() {
            localised += 1;
        }
        let finished = trail_emit_docs::site::finish_page(&html);
        if finished != html {
            // Temp file, then rename: a page is never left half-written.
            let tmp = path.with_extension("html.tmp");
            std::fs::write(&tmp, finished)
                .and_then(|()| std::fs::rename(&tmp, &path))
                .map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
        }
    }
    eprintln!(
        "built {} pages in {} ({localised} in their own language); index and serve them with\n  \
         npx --yes pagefind@1.6.0 --site {} --root-selector main --serve",
        pages.len(),
        dest.display(),
        dest.display()
    );
    Ok(ExitCode::SUCCESS)
}
