"""The end-to-end fixtures live in ``e2e_rig`` so tests can import its types by a name
no other folder uses."""

from e2e_rig import central_database_url, laptop, running_server

__all__ = ["central_database_url", "laptop", "running_server"]
