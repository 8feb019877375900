//! ocop-council: the desk of an OCOP product rating council.
//!
//! Layers, bottom up: `domain` (pure rules) → `exchange` (the JSON format) and `catalog` (built-in
//! criteria sets and rulesets) → `store` (the SQLite session file) → `cli` (headless commands).
//! `lang` renders domain values as text for people, in Vietnamese and English.

pub mod archive;
pub mod catalog;
pub mod cli;
pub mod domain;
pub mod dossier;
pub mod exchange;
pub mod import;
pub mod lan;
pub mod lang;
pub mod register;
pub mod report;
pub mod store;
pub mod table;
pub mod ui;
pub mod workspace;
