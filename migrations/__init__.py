"""Alembic environment and revisions: the server's whole schema, events included."""
