"""National projections (전국 통합 현황): the KPIs the center reports, per region,
institute, service, channel, program and month, as of any instant.

Pure folds over stored events (``events``: ``FactEvent``) into facts per aggregate
(``facts``), and the KPI report computed from those facts (``kpi``). The server keeps
the facts as read models; a counselor's client runs the same functions on its own
events. The contract with the server is ``docs/projections-contract.md``.
"""

from domain.projections.events import FactEvent, date_of, fact_event_from, uuid_of
from domain.projections.facts import (
    CaseFacts,
    CompanyFacts,
    ConsultingFacts,
    MentoringFacts,
    NationalFacts,
    evolve,
    evolve_case,
    evolve_company,
    evolve_consulting,
    evolve_mentoring,
    facts_from,
)
from domain.projections.kpi import (
    BREAKDOWN_LABELS,
    BREAKDOWNS,
    KPI_LABELS,
    MENTORING_STAGE_LABELS,
    KpiFigures,
    KpiReport,
    KpiTargets,
    Period,
    StaffCounts,
    kpi_report,
)

__all__ = [
    "BREAKDOWNS",
    "BREAKDOWN_LABELS",
    "KPI_LABELS",
    "MENTORING_STAGE_LABELS",
    "CaseFacts",
    "CompanyFacts",
    "ConsultingFacts",
    "FactEvent",
    "KpiFigures",
    "KpiReport",
    "KpiTargets",
    "MentoringFacts",
    "NationalFacts",
    "Period",
    "StaffCounts",
    "date_of",
    "evolve",
    "evolve_case",
    "evolve_company",
    "evolve_consulting",
    "evolve_mentoring",
    "fact_event_from",
    "facts_from",
    "kpi_report",
    "uuid_of",
]
