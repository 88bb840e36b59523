"""Reference data (기준 정보): the 12 regional counseling centers, the 25
institutes (출연연), the R&D programs and their rules, the services a request
can ask for and the channels it can arrive through.

Bundled defaults live in ``reference.toml``; an administrator's file can
replace any of its lists (see :func:`load_reference`).
"""

from domain.reference.catalog import Channel, Institute, ReferenceData, Region, Service
from domain.reference.loader import default_reference, load_reference
from domain.reference.program import Program

__all__ = [
    "Channel",
    "Institute",
    "Program",
    "ReferenceData",
    "Region",
    "Service",
    "default_reference",
    "load_reference",
]
