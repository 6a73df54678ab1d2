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
    // OUT is the emitter's own folder: its manifest lists what it wrote there.
    std::fs::create_dir_all(&out)?;
    let lock = trail_catalog::io::Lock::acquire(std::path::Path::new(&out), "emit example")?;
    let drift = lock.write_tree(&tree, trail_catalog::io::Owner::Manifest)?;
    eprintln!(
        "{} files, {} written",
        tree.len(),
        drift.missing.len() + drift.changed.len()
    );
    Ok(())
}
