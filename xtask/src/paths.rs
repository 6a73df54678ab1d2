//! Where the workspace is.

use std::path::{Path, PathBuf};

/// The workspace root: the parent of this crate's folder. Used only to find
/// default locations; nothing derived from it is ever written into an output.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}
