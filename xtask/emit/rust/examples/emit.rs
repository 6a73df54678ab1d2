//! Development helper: `cargo run -p trail-emit-rust --example emit -- CATALOG OUT` writes only
//! this emitter's files (`OUT/src/...`) for `CATALOG`, without building the rest of xtask.

use trail_catalog::hash::{Stamp, catalog_hash};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(catalog), Some(out)) = (args.next(), args.next()) else {
        return Err("usage: emit CATALOG OUT".into());
    };
    let catalog_dir = std::path::Path::new(&catalog);
    let cat = trail_catalog::io::load(catalog_dir)?;
    let stamp = Stamp {
        command: "cargo xtask gen".into(),
        catalog_hash: catalog_hash(catalog_dir)?,
    };
    let tree = trail_emit_rust::emit(&cat, &stamp)?;
    let drift = trail_catalog::io::write_tree(std::path::Path::new(&out), &tree, &|p: &str| {
        p.starts_with("src/")
    })?;
    eprintln!(
        "{} files, {} written",
        tree.len(),
        drift.missing.len() + drift.changed.len()
    );
    Ok(())
}
