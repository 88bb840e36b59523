"""The counselor's local event store (encrypted SQLite) and its settings."""
