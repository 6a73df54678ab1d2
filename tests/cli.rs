//! Integration tests: cli (placeholder).
