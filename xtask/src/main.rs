//! `cargo xtask`: the catalogue's command line.
//!
//! ```text
//! docs --import--> catalog/ --gen--> generated/
//!          \--extract (one doc, to look)    \--check (the report)
//! ```
//!
//! Exit codes: 0 success; 1 the check failed or files are out of date; 2 bad
//! input or usage (nothing was written).

mod cli;
mod commands;
mod paths;

use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::parse(std::env::args_os().skip(1)) {
        Ok(cli::Parsed::Help(text)) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Ok(cli::Parsed::Run(cmd)) => match commands::run(cmd) {
            Ok(code) => code,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }
        },
        Err(e) => {
            eprintln!("error: {e}\n\nRun `cargo xtask --help` for usage.");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    /// The README's table of diagnostic codes is what users read: it must list every code the
    /// checks can raise, with the same severity, and no code that no longer exists.
    #[test]
    fn readme_lists_every_diagnostic_code() {
        let readme = std::fs::read_to_string(crate::paths::workspace_root().join("README.md")).unwrap();
        let documented: std::collections::BTreeMap<&str, &str> = readme
            .lines()
            .filter_map(|l| {
                let rest = l.strip_prefix("| `")?;
                let (code, rest) = rest.split_once("` | ")?;
                let severity = rest.split(" |").next()?;
                ["error", "warning", "info"].contains(&severity).then_some((code, severity))
            })
            .collect();
        let mut known = std::collections::BTreeMap::new();
        known.insert("import/skipped", "info");
        for (code, severity, _) in
            trail_checks::nhn::CODES.iter().chain(trail_checks::kakao::CODES).chain(trail_checks::api::CODES)
        {
            known.insert(*code, severity.as_str());
        }
        assert_eq!(documented, known, "README.md's codes table is out of step with the CODES lists");
    }
}
