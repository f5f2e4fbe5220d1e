"""Configuration: settings, every Chinese label, and the versioned parameters (store, typed rule
reader, admin catalogue)."""
