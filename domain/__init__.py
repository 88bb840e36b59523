"""Dari's domain: SME cases (애로사항), companies, consulting records, mentoring,
reference data, the Korean business calendar and SLA clocks.

Framework-free: it imports only the standard library, ``eventsourcing`` and ``holidays``.
"""
