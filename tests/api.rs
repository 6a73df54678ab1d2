//! Integration tests: api (placeholder).
