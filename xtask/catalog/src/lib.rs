//! Stage 2 of the pipeline: the canonical catalogue.
//!
//! ```text
//! docs --[trail-sources]--> records --[trail-catalog]--> catalogue --[trail-emit-*]--> outputs
//! ```
//!
//! * [`model`]: the types stored in `catalog/` (one module per provider, plus roles and the API).
//! * [`classify`]: what every event means (resource type, action, OCSF class and activity), by rules.
//! * [`changes`]: what changed upstream per date, derived from the catalogue.
//! * [`build`]: records from `trail-sources` in, a [`Catalog`] and diagnostics out.
//! * [`io`]: the file layout of `catalog/`, YAML (de)serialisation, loading with every check a
//!   hand edit must pass.
//! * [`store`]: ownership of written folders, the writers' lock, the journal of all-or-nothing writes.
//! * [`validate`]: what each catalogue value can mean, checked on load and before import writes.
//! * [`naming`]: variant names for new keys, pinned once and then kept.
//! * [`outputs`]: what the generated outputs show (exclusions left out, corrected forms kept).
//! * [`hash`]: the catalogue hash stamped into every generated file.
//! * [`schema`]: JSON Schemas for the catalogue files, so editors validate hand edits.
//!
//! Emitters depend on this crate only: they never see the vendor documents.
//!
//! What it may not touch: it never reads a vendor document (records come from `trail-sources`)
//! and never decides how an output looks. [`store`] writes a folder only where the tool owns the
//! files: in `catalog/` those import owns ([`io::is_import_owned`]), in `generated/` those gen's
//! manifest lists.

pub mod build;
pub mod changes;
pub mod classify;
pub mod hash;
pub mod io;
pub mod merge;
pub mod model;
pub mod naming;
pub mod outputs;
pub mod schema;
pub mod store;
pub mod validate;

pub use model::Catalog;
pub use trail_sources::{Diagnostic, Locale, Severity, SourceRef};
