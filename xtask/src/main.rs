//! `cargo xtask`: the catalogue's command line.
//!
//! ```text
//! docs --import--> catalog/ --gen--> generated/
//!          \--extract (one doc, to look)    \--check (the report)
//! ```
//!
//! Exit codes: 0 success; 1 the check failed or files are out of date; 2 bad
//! input or usage (nothing was written).

mod book;
mod cli;
mod commands;
mod import;
mod paths;

use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::parse(std::env::args_os().skip(1)) {
        Ok(cli::Parsed::Help(text)) => match commands::print_out(text) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => failed(&*e),
        },
        Ok(cli::Parsed::Run(cmd)) => match commands::run(cmd) {
            Ok(code) => code,
            Err(e) => failed(&*e),
        },
        Err(e) => {
            eprintln!("error: {e}\n\nRun `cargo xtask --help` for usage.");
            ExitCode::from(2)
        }
    }
}

/// The exit of a command that failed: quietly with 0 when the reader of its output went away
/// (`xtask extract F | head`), else the message and exit code 2.
fn failed(e: &(dyn std::error::Error + 'static)) -> ExitCode {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = source {
        if err
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
        {
            return ExitCode::SUCCESS;
        }
        source = err.source();
    }
    eprintln!("error: {e}");
    if e.downcast_ref::<std::io::Error>().is_some() {
        eprintln!("(writing the output failed; is the disk full, or the output closed?)");
    }
    ExitCode::from(2)
}

#[cfg(test)]
mod tests {
    /// Editors validate catalogue files through their `yaml-language-server` line: every YAML
    /// file in catalog/ must have one, and it must point at a schema that `cargo xtask gen` writes.
    #[test]
    fn every_catalogue_file_names_a_schema_gen_writes() {
        let root = crate::paths::workspace_root().join("catalog");
        let written: Vec<String> = trail_catalog::schema::schemas()
            .into_iter()
            .map(|(name, _)| format!("generated/schema/{name}"))
            .collect();
        let files = trail_catalog::io::list_owned(&root, &|p: &str| p.ends_with(".yaml")).unwrap();
        assert!(files.len() > 10, "the committed catalogue is there");
        for rel in files {
            let text = std::fs::read_to_string(root.join(&rel)).unwrap();
            let first = text.lines().next().unwrap_or_default();
            let schema = first
                .strip_prefix("# yaml-language-server: $schema=")
                .unwrap_or_else(|| {
                    panic!("catalog/{rel} does not start with a yaml-language-server schema line")
                });
            // Resolve the relative path from the file's folder to a workspace path.
            let mut parts: Vec<&str> = std::iter::once("catalog").chain(rel.split('/')).collect();
            parts.pop();
            for seg in schema.split('/') {
                match seg {
                    ".." => {
                        parts.pop();
                    }
                    s => parts.push(s),
                }
            }
            let target = parts.join("/");
            assert!(
                written.contains(&target),
                "catalog/{rel} names {schema}, which gen does not write"
            );
        }
    }
}
