//! Shared helpers of the integration tests.
#![allow(dead_code)]

use ocop_council::catalog::{Catalog, DEMO_SESSION};
use ocop_council::store::Store;
use std::path::{Path, PathBuf};

pub fn catalog() -> Catalog {
    Catalog::builtin().expect("built-in catalog")
}

/// A session file made from the bundled demo session, in a fresh temporary folder.
pub fn demo_file(dir: &Path) -> PathBuf {
    let path = dir.join("demo.ocop");
    let cat = catalog();
    let (session, criteria, ruleset) = ocop_council::exchange::parse(DEMO_SESSION, &cat, None).expect("demo parses");
    Store::create(&path, &session, criteria, ruleset, "test").expect("demo file created");
    path
}

/// The demo's exchange JSON, as a value to break in tests.
pub fn demo_value() -> serde_json::Value {
    serde_json::from_str(DEMO_SESSION).expect("demo is JSON")
}

pub fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).expect("file readable")
}
