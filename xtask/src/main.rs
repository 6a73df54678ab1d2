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
