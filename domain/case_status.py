"""Where a case (애로사항) stands, and the kinds of resolution and outcome."""

from __future__ import annotations

from enum import StrEnum


class CaseStatus(StrEnum):
    RECEIVED = "received"
    CLASSIFIED = "classified"
    ASSIGNED = "assigned"
    DECLINED = "declined"
    ACCEPTED = "accepted"
    IN_CONTACT = "in_contact"
    PLANNED = "planned"
    AGREED = "agreed"
    RESOLVED = "resolved"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]

    @property
    def is_open(self) -> bool:
        return self not in (CaseStatus.CLOSED, CaseStatus.WITHDRAWN)


_STATUS_LABELS = {
    CaseStatus.RECEIVED: "접수",
    CaseStatus.CLASSIFIED: "분류 완료",
    CaseStatus.ASSIGNED: "출연연 지정 (수락 대기)",
    CaseStatus.DECLINED: "반려 (재지정 필요)",
    CaseStatus.ACCEPTED: "출연연 수락",
    CaseStatus.IN_CONTACT: "상담 진행",
    CaseStatus.PLANNED: "해결방안 수립",
    CaseStatus.AGREED: "협약 체결",
    CaseStatus.RESOLVED: "해결",
    CaseStatus.CLOSED: "종결",
    CaseStatus.WITHDRAWN: "취하",
}

RESOLUTION_KINDS = {
    "technology_transfer": "기술이전",
    "equipment_support": "장비 지원",
    "rnd": "R&D 과제",
}

OUTCOMES = {
    "resolved": "해결",
    "partially_resolved": "부분 해결",
    "not_resolvable": "해결 불가",
}

URGENCIES = {"urgent": "긴급", "normal": "보통"}

CONTACT_METHODS = {"phone": "전화", "visit": "방문", "email": "이메일", "video": "화상"}

CONFLICT_DECISIONS = {"keep_canonical": "기존 기록 유지", "apply_theirs": "보류된 기록 반영"}
