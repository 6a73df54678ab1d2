//! The hints file's schema (`catalog/kakao/hints.yaml`): the services with the resource types
//! that split a glued row, and the roles with their kinds and aliases; and the lookups on it.
//!
//! Only the file's shape and its lookups live here. The catalogue loads the file and passes it to
//! [`super::read`]; the readers consult it. Nothing here reads a page or a catalogue file.

use serde::{Deserialize, Serialize};

use super::RoleKind;

/// Hand-written knowledge used to split glued cells (`catalog/kakao/hints.yaml`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Hints {
    /// Known services, each with its known resource types.
    #[serde(default)]
    pub services: Vec<ServiceHint>,
    /// Known role names and their kind.
    #[serde(default)]
    pub roles: Vec<RoleHint>,
}

/// A known service and its resource types.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceHint {
    /// The service name as the page writes it, e.g. `Virtual Machine`.
    pub name: String,
    /// Its resource types as the page writes them, e.g. `Block Storage`.
    #[serde(default)]
    pub resource_types: Vec<String>,
}

/// A known role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleHint {
    /// The role name as pages write it, e.g. `Trail Viewer`.
    pub name: String,
    /// Organization or project role.
    pub kind: RoleKind,
    /// Other names pages use for the same role (`Org Admin` for `Organization Admin`); read as `name`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

impl Hints {
    /// The known role a page's role name (its name or one of its aliases) stands for.
    pub fn role(&self, written: &str) -> Option<&RoleHint> {
        self.roles
            .iter()
            .find(|h| h.name == written || h.aliases.iter().any(|a| a == written))
    }
}
