//! Integration tests: gen_rust (placeholder).
