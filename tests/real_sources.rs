//! Integration tests: real_sources (placeholder).
