//! Integration tests: gen_docs (placeholder).
