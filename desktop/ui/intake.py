"""The intake form (애로사항 접수) a counselor fills in while the SME is on the phone.

Company first: found by name or 사업자등록번호 among the companies known here (a
typed number that is already registered selects that company), or registered new,
with a warning when a company of a similar name exists. Then channel, service, the
description and the service's own fields.

The domain judges every value: the form builds the same commands the rest of Dari
uses (``Company.register``, ``Case.receive``) and shows each ``DomainError`` next to
the field it names. Keyboard only works: Tab walks the fields in reading order,
Ctrl+S saves, Esc goes back to the list. Saving records into the workspace (the
outbox): the case is on this computer at once, and syncs when it can.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any
from uuid import UUID, uuid4

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QStringListModel, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.local.read_model import CompanyDirectory, CompanyRow
from desktop.ui.fields import LabeledField, error_banner
from desktop.ui.session import Session
from desktop.ui.theme import set_role
from desktop.ui.translated_labels import domain_label
from domain.business_number import BusinessNumber, with_check_digit
from domain.case import Case
from domain.company import COMPANY_SIZES, Company
from domain.errors import DomainError
from domain.recording import Recording
from domain.service_details import EXCHANGE_PERIODS, INFORMATION_KINDS, validate_details

DESCRIPTION_LIMIT = 4000
SUGGESTIONS = 12
CHOOSE = str(QT_TRANSLATE_NOOP("IntakeForm", "선택해 주세요"))
STAND_IN_NUMBER = with_check_digit("000000000")
"""Checks the other company fields while the typed number is still wrong, so that
every mistake shows at once (the number's own message is shown separately)."""
NOT_A_CASE_SERVICE = "consulting"
"""기술지도·자문 is recorded as a consulting record, not as a case."""

FORM = "form"
TOP = Qt.AlignmentFlag.AlignTop
"""Fields in a row stay level when one of them shows a message."""
DETAIL_FIELDS = (
    "desired_institute",
    "research_field",
    "period",
    "information",
    "desired_field",
    "running_royalty",
)


def _combo(items: list[tuple[Any, str]], *, placeholder: bool = False) -> QComboBox:
    combo = QComboBox()
    if placeholder:
        combo.addItem(QCoreApplication.translate("IntakeForm", CHOOSE), None)
    for value, label in items:
        combo.addItem(label, value)
    combo.setMinimumContentsLength(10)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    return combo


def _domain_items(labels: dict[str, str]) -> list[tuple[Any, str]]:
    return [(value, domain_label(label)) for value, label in labels.items()]


def _select(combo: QComboBox, value: Any) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(max(0, index))


def _card(title: str) -> tuple[QFrame, QVBoxLayout]:
    card = QFrame()
    card.setProperty("role", "card")
    layout = QVBoxLayout(card)
    layout.setContentsMargins(20, 16, 20, 18)
    layout.setSpacing(10)
    heading = QLabel(title)
    set_role(heading, "subtitle")
    layout.addWidget(heading)
    return card, layout


class IntakeForm(QWidget):
    """``saved`` carries the new case's id; ``cancelled`` asks to go back."""

    saved = Signal(object)
    cancelled = Signal()

    def __init__(
        self,
        session: Session,
        directory: CompanyDirectory,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("intakeForm")
        self._session = session
        self._directory = directory
        self._reference = session.workspace.reference
        self._chosen: CompanyRow | None = None
        self._suggested: dict[str, CompanyRow] = {}
        self.fields: dict[str, LabeledField] = {}
        self._build_company_fields()
        self._build_case_fields()
        self._build_details()
        self._build_layout()
        self._connect()
        self.reset()

    # Building ----------------------------------------------------------------------------

    def _build_company_fields(self) -> None:
        regions = [(r.code, r.name) for r in self._reference.regions]
        self.company_search = QLineEdit()
        self.company_search.setObjectName("companySearch")
        self.company_search.setPlaceholderText(
            self.tr("기업명 또는 사업자등록번호 일부를 입력하세요")
        )
        self.company_search.setClearButtonEnabled(True)
        self._suggestion_model = QStringListModel(self)
        self.completer = QCompleter(self._suggestion_model, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setWidget(self.company_search)
        self.chosen_label = QLabel()
        self.chosen_label.setWordWrap(True)
        set_role(self.chosen_label, "banner-info")
        self.chosen_label.hide()
        self.clear_choice = QPushButton(self.tr("다른 기업 입력"))
        self.clear_choice.hide()

        self.business_number = QLineEdit()
        self.business_number.setObjectName("businessNumber")
        self.business_number.setPlaceholderText("123-45-67890")
        self.business_number.setMaxLength(12)
        self.company_name = QLineEdit()
        self.company_name.setObjectName("companyName")
        self.company_name.setPlaceholderText(self.tr("예: 한빛정밀(주)"))
        self.industry = QLineEdit()
        self.industry.setPlaceholderText(self.tr("예: 정밀 도금·표면처리"))
        self.company_size = _combo(_domain_items(COMPANY_SIZES), placeholder=True)
        self.research_lab = QCheckBox(self.tr("기업부설연구소 보유"))
        self.company_region = _combo(regions)
        self.duplicate_warning = QLabel()
        self.duplicate_warning.setWordWrap(True)
        set_role(self.duplicate_warning, "warning")
        self.duplicate_warning.hide()

        self.fields["company.business_number"] = LabeledField(
            self.tr("사업자등록번호"), self.business_number, required=True
        )
        self.fields["company.name"] = LabeledField(
            self.tr("기업명"), self.company_name, required=True
        )
        self.fields["company.industry"] = LabeledField(
            self.tr("업종"), self.industry, required=True
        )
        self.fields["company.size"] = LabeledField(
            self.tr("기업 규모"), self.company_size, required=True
        )
        self.fields["company.region"] = LabeledField(self.tr("소재 지역"), self.company_region)
        self.fields["company.has_research_lab"] = LabeledField(self.tr("연구소"), self.research_lab)

    def _build_case_fields(self) -> None:
        reference = self._reference
        self.case_region = _combo([(r.code, r.name) for r in reference.regions])
        self.channel = _combo([(c.code, c.name) for c in reference.channels])
        self.service = _combo(
            [(s.code, s.name) for s in reference.services if s.code != NOT_A_CASE_SERVICE]
        )
        self.description = QPlainTextEdit()
        self.description.setObjectName("description")
        self.description.setTabChangesFocus(True)
        self.description.setPlaceholderText(
            self.tr("기업이 겪는 기술적 어려움을 구체적으로 적어 주세요 (공정, 증상, 원하는 도움).")
        )
        self.description.setMinimumHeight(110)
        self.description_count = QLabel()
        set_role(self.description_count, "hint")
        self.fields["case.region"] = LabeledField(self.tr("접수 지역"), self.case_region)
        self.fields["case.channel"] = LabeledField(
            self.tr("접수 경로"), self.channel, required=True
        )
        self.fields["case.service"] = LabeledField(
            self.tr("기술지원 분야"), self.service, required=True
        )
        self.fields["case.description"] = LabeledField(
            self.tr("애로사항 내용"), self.description, required=True
        )

    def _build_details(self) -> None:
        reference = self._reference
        self.desired_institute = _combo(
            [(i.code, f"{i.name} ({i.code})") for i in reference.institutes], placeholder=True
        )
        self.research_field = QLineEdit()
        self.research_field.setPlaceholderText(self.tr("예: 신호처리"))
        self.period = _combo(_domain_items(EXCHANGE_PERIODS), placeholder=True)
        self.information = _combo(_domain_items(INFORMATION_KINDS), placeholder=True)
        self.desired_field = QLineEdit()
        self.desired_field.setPlaceholderText(self.tr("예: 이차전지 분리막"))
        self.running_royalty = _combo(
            [(True, self.tr("예")), (False, self.tr("아니오"))], placeholder=True
        )
        for name, label, editor in (
            ("desired_institute", self.tr("희망 기관(출연연)"), self.desired_institute),
            ("research_field", self.tr("희망 연구 분야"), self.research_field),
            ("period", self.tr("교류 기간"), self.period),
            ("information", self.tr("요청 정보 종류"), self.information),
            ("desired_field", self.tr("희망 기술 분야"), self.desired_field),
            ("running_royalty", self.tr("러닝개런티 협의"), self.running_royalty),
        ):
            self.fields[f"case.{name}"] = LabeledField(label, editor, required=True)

        self.details = QStackedWidget()
        self._detail_pages: dict[str, int] = {}
        none = QLabel(self.tr("이 분야는 추가 입력 항목이 없습니다."))
        none.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        set_role(none, "hint")
        self._detail_pages[""] = self.details.addWidget(none)
        for service, names in (
            ("personnel_exchange", ("desired_institute", "research_field", "period")),
            ("information_provision", ("information",)),
            ("technology_transfer", ("desired_field", "running_royalty")),
        ):
            page = QWidget()
            grid = QGridLayout(page)
            grid.setContentsMargins(0, 0, 0, 0)
            grid.setHorizontalSpacing(14)
            for number, name in enumerate(names):
                grid.addWidget(self.fields[f"case.{name}"], number // 2, number % 2, TOP)
            grid.setColumnStretch(0, 1)
            grid.setColumnStretch(1, 1)
            grid.setRowStretch(len(names), 1)
            self._detail_pages[service] = self.details.addWidget(page)
        self.details_error = QLabel()
        self.details_error.setWordWrap(True)
        set_role(self.details_error, "error")
        self.details_error.hide()

    def _build_layout(self) -> None:
        title = QLabel(self.tr("애로사항 접수"))
        set_role(title, "title")
        hint = QLabel(self.tr("* 표시는 필수 항목입니다. Ctrl+S 저장, Esc 목록으로."))
        set_role(hint, "hint")
        self.banner = error_banner()

        company, company_layout = _card(self.tr("기업"))
        search_label = QLabel(self.tr("기업 찾기"))
        search_label.setBuddy(self.company_search)
        company_layout.addWidget(search_label)
        company_layout.addWidget(self.company_search)
        choice = QHBoxLayout()
        choice.addWidget(self.chosen_label, 1)
        choice.addWidget(self.clear_choice)
        company_layout.addLayout(choice)
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(8)
        grid.addWidget(self.fields["company.business_number"], 0, 0, TOP)
        grid.addWidget(self.fields["company.name"], 0, 1, TOP)
        grid.addWidget(self.fields["company.industry"], 1, 0, TOP)
        grid.addWidget(self.fields["company.size"], 1, 1, TOP)
        grid.addWidget(self.fields["company.region"], 2, 0, TOP)
        grid.addWidget(self.fields["company.has_research_lab"], 2, 1, TOP)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        company_layout.addLayout(grid)
        company_layout.addWidget(self.duplicate_warning)
        company_layout.addStretch(1)
        guide = QLabel(
            self.tr(
                "이미 등록된 기업은 '기업 찾기'에서 이름이나 번호 일부로 찾을 수 있습니다. "
                "사업자등록번호를 끝까지 입력해도 등록된 기업이면 자동으로 선택됩니다."
            )
        )
        guide.setWordWrap(True)
        set_role(guide, "hint")
        company_layout.addWidget(guide)

        case, case_layout = _card(self.tr("애로사항"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(8)
        grid.addWidget(self.fields["case.channel"], 0, 0, TOP)
        grid.addWidget(self.fields["case.service"], 0, 1, TOP)
        grid.addWidget(self.fields["case.region"], 1, 0, TOP)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        case_layout.addLayout(grid)
        case_layout.addWidget(self.fields["case.description"])
        case_layout.addWidget(self.description_count, 0, Qt.AlignmentFlag.AlignRight)
        details_title = QLabel(self.tr("분야별 추가 항목"))
        set_role(details_title, "subtitle")
        case_layout.addWidget(details_title)
        case_layout.addWidget(self.details)
        case_layout.addWidget(self.details_error)
        case_layout.addStretch(1)

        self.save_button = QPushButton(self.tr("저장 (Ctrl+S)"))
        self.save_button.setObjectName("saveCase")
        self.save_button.setProperty("primary", True)
        self.cancel_button = QPushButton(self.tr("목록으로 (Esc)"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)

        columns = QHBoxLayout()
        columns.setSpacing(16)
        columns.addWidget(company, 1)
        columns.addWidget(case, 1)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(20, 16, 20, 16)
        body_layout.setSpacing(12)
        header = QHBoxLayout()
        header.addWidget(title)
        header.addSpacing(12)
        header.addWidget(hint)
        header.addStretch(1)
        body_layout.addLayout(header)
        body_layout.addWidget(self.banner)
        body_layout.addLayout(columns, 1)
        body_layout.addLayout(buttons)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        chain: list[QWidget] = [
            self.company_search,
            self.business_number,
            self.company_name,
            self.industry,
            self.company_size,
            self.company_region,
            self.research_lab,
            self.channel,
            self.service,
            self.case_region,
            self.description,
            self.desired_institute,
            self.research_field,
            self.period,
            self.information,
            self.desired_field,
            self.running_royalty,
            self.cancel_button,
            self.save_button,
        ]
        for before, after in pairwise(chain):
            self.setTabOrder(before, after)

    def _connect(self) -> None:
        self.company_search.textEdited.connect(self._suggest)
        self.completer.activated.connect(self._suggestion_chosen)
        self.clear_choice.clicked.connect(self._unchoose)
        self.business_number.textChanged.connect(self._number_typed)
        self.company_name.editingFinished.connect(self._check_duplicates)
        self.service.currentIndexChanged.connect(self._show_details)
        self.description.textChanged.connect(self._count_description)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.cancelled)
        save = QShortcut(QKeySequence.StandardKey.Save, self)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self.save)
        back = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.activated.connect(self.cancelled)

    # The company --------------------------------------------------------------------

    @Slot(str)
    def _suggest(self, text: str) -> None:
        found = self._directory.find(text, limit=SUGGESTIONS) if text.strip() else []
        self._suggested = {_suggestion_text(row): row for row in found}
        self._suggestion_model.setStringList(list(self._suggested))
        if found:
            self.completer.complete()
        else:
            self.hide_suggestions()

    def hide_suggestions(self) -> None:
        popup = self.completer.popup()
        if popup is not None:
            popup.hide()

    def suggestions(self) -> list[str]:
        return self._suggestion_model.stringList()

    @Slot(str)
    def _suggestion_chosen(self, text: str) -> None:
        row = self._suggested.get(text)
        if row is not None:
            self.choose_company(row)

    def choose_company(self, row: CompanyRow) -> None:
        """Record this case for a company already known here."""
        self._chosen = row
        self.company_search.setText(row.name)
        self.chosen_label.setText(
            self.tr("등록된 기업으로 접수합니다: {name} · {number} · {region}").format(
                name=row.name, number=row.formatted_number, region=self._region_name(row.region)
            )
        )
        self.chosen_label.show()
        self.clear_choice.show()
        with _quietly(self.business_number):
            self.business_number.setText(row.formatted_number)
        self.company_name.setText(row.name)
        self.industry.setText(row.industry)
        _select(self.company_size, row.size)
        _select(self.company_region, row.region)
        self.research_lab.setChecked(row.has_research_lab)
        for name in ("business_number", "name", "industry", "size", "region", "has_research_lab"):
            field = self.fields[f"company.{name}"]
            field.show_error(None)
            field.editor.setEnabled(False)
        self.duplicate_warning.hide()
        self.channel.setFocus()

    @Slot()
    def _unchoose(self) -> None:
        self._chosen = None
        self.chosen_label.hide()
        self.clear_choice.hide()
        for name in ("business_number", "name", "industry", "size", "region", "has_research_lab"):
            self.fields[f"company.{name}"].editor.setEnabled(True)
        self.company_search.clear()
        self.business_number.clear()
        self.company_name.clear()
        self.industry.clear()
        self.company_size.setCurrentIndex(0)
        self.research_lab.setChecked(False)
        _select(self.company_region, self._session.user.region)
        self.business_number.setFocus()

    @Slot(str)
    def _number_typed(self, text: str) -> None:
        if self._chosen is not None:
            return
        known = self._directory.by_number(text) if len(_digits(text)) == 10 else None
        if known is not None:
            self.choose_company(known)

    @Slot()
    def _check_duplicates(self) -> None:
        """A likely duplicate: the same name under another number (or none typed yet)."""
        name = self.company_name.text().strip()
        if self._chosen is not None or len(name) < 2:
            self.duplicate_warning.hide()
            return
        typed = _digits(self.business_number.text())
        similar = [
            row
            for row in self._directory.find(_core_name(name), limit=5)
            if row.business_number != typed
        ]
        if not similar:
            self.duplicate_warning.hide()
            return
        listed = ", ".join(f"{row.name} ({row.formatted_number})" for row in similar[:3])
        self.duplicate_warning.setText(
            self.tr(
                "비슷한 이름의 기업이 이미 있습니다: {listed}. "
                "같은 기업이면 위의 '기업 찾기'에서 선택해 주세요."
            ).format(listed=listed)
        )
        self.duplicate_warning.show()

    # The case -----------------------------------------------------------------------

    @Slot()
    def _show_details(self) -> None:
        service = self.service.currentData() or ""
        self.details.setCurrentIndex(self._detail_pages.get(service, self._detail_pages[""]))
        self.details_error.hide()

    @Slot()
    def _count_description(self) -> None:
        length = len(self.description.toPlainText().strip())
        self.description_count.setText(
            self.tr("{length:,} / {limit:,}자").format(length=length, limit=DESCRIPTION_LIMIT)
        )

    def _details(self) -> dict[str, Any]:
        service = self.service.currentData()
        if service == "personnel_exchange":
            return {
                "desired_institute": self.desired_institute.currentData(),
                "research_field": self.research_field.text().strip(),
                "period": self.period.currentData(),
            }
        if service == "information_provision":
            return {"information": self.information.currentData()}
        if service == "technology_transfer":
            return {
                "desired_field": self.desired_field.text().strip(),
                "running_royalty": self.running_royalty.currentData(),
            }
        return {}

    # Saving -------------------------------------------------------------------------

    @Slot()
    def save(self) -> UUID | None:
        """Check everything, show every message at once, record if all is well."""
        self.show_errors({})
        by = self._session.recording()
        company_id, new_company, errors = self._company(by)
        case, case_errors = self._case(company_id, by)
        errors |= case_errors
        if errors or case is None:
            self.show_errors(errors)
            return None
        try:
            self._session.workspace.record(*([new_company] if new_company else []), case)
        except Exception as error:  # storage failed: nothing was recorded
            message = self.tr("저장하지 못했습니다. 다시 시도해 주세요. ({error})").format(
                error=error
            )
            self.show_errors({FORM: message})
            return None
        self.saved.emit(case.id)
        self.reset()
        return case.id

    def _company(self, by: Recording) -> tuple[UUID | None, Company | None, dict[str, str]]:
        if self._chosen is not None:
            return self._chosen.company_id, None, {}
        errors: dict[str, str] = {}
        typed = self.business_number.text()
        try:
            number = BusinessNumber.parse(typed).digits
        except DomainError as error:
            errors["company.business_number"] = error.message
            number = None
        if number is not None:
            known = self._session.workspace.company_by_business_number(number)
            if known is not None:
                return known.id, None, {}
        try:
            company = Company.register(
                business_number=number or STAND_IN_NUMBER,
                name=self.company_name.text(),
                region=self.company_region.currentData(),
                industry=self.industry.text(),
                size=self.company_size.currentData() or "",
                has_research_lab=self.research_lab.isChecked(),
                by=by,
            )
        except DomainError as error:
            errors[_key("company", error.field)] = error.message
            return None, None, errors
        return (company.id, company, errors) if number else (None, None, errors)

    def _case(self, company_id: UUID | None, by: Recording) -> tuple[Case | None, dict[str, str]]:
        errors: dict[str, str] = {}
        service = self.service.currentData()
        details = self._details()
        case = None
        try:
            case = Case.receive(
                company_id=company_id or uuid4(),
                region=self.case_region.currentData(),
                channel=self.channel.currentData(),
                service=service,
                description=self.description.toPlainText(),
                details=details,
                by=by,
            )
        except DomainError as error:
            errors[_key("case", error.field)] = error.message
        if not any(key.removeprefix("case.") in DETAIL_FIELDS for key in errors):
            # The description's message does not hide the details' ones.
            try:
                validate_details(service, details, self._reference)
            except DomainError as error:
                errors.setdefault(_key("case", error.field), error.message)
        return (case if company_id is not None else None), errors

    def show_errors(self, errors: dict[str, str]) -> None:
        """Each message next to its field; the rest in the banner at the top."""
        for key, field in self.fields.items():
            field.show_error(errors.get(key))
        details = errors.get("case.details")
        self.details_error.setText(details or "")
        self.details_error.setVisible(bool(details))
        loose = [m for k, m in errors.items() if k not in self.fields and k != "case.details"]
        self.banner.setText(" ".join(loose))
        self.banner.setVisible(bool(loose))
        if errors:
            self._focus_first_error(errors)

    def errors(self) -> dict[str, str]:
        """The messages shown now, by field (for tests and screen readers)."""
        shown = {key: field.message for key, field in self.fields.items() if field.message}
        if self.banner.isVisibleTo(self):
            shown[FORM] = self.banner.text()
        return shown

    def _focus_first_error(self, errors: dict[str, str]) -> None:
        for key, field in self.fields.items():
            if key in errors and field.editor.isEnabled():
                field.editor.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    def reset(self) -> None:
        """An empty form for the next call; channel and region stay as they were."""
        region = self._session.user.region
        self._unchoose()
        self.company_search.clear()
        if region:
            _select(self.case_region, region)
        self.description.clear()
        for editor in (self.research_field, self.desired_field):
            editor.clear()
        for combo in (self.desired_institute, self.period, self.information, self.running_royalty):
            combo.setCurrentIndex(0)
        self.show_errors({})
        self._show_details()
        self._count_description()
        self.duplicate_warning.hide()
        self.company_search.setFocus()

    def _region_name(self, code: str) -> str:
        try:
            return self._reference.region(code).name
        except DomainError:
            return code


def _key(part: str, field: str | None) -> str:
    return f"{part}.{field}" if field else FORM


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isascii() and ch.isdigit())


def _core_name(name: str) -> str:
    """The name without its legal form, for finding likely duplicates: 한빛정밀(주) → 한빛정밀."""
    core = name
    for mark in ("(주)", "㈜", "주식회사", "(유)", "유한회사", "(사)"):
        core = core.replace(mark, "")
    return core.strip() or name


def _suggestion_text(row: CompanyRow) -> str:
    return f"{row.name} · {row.formatted_number}"


class _quietly:
    """Set a widget's value without firing its change signals."""

    def __init__(self, widget: QWidget) -> None:
        self._widget = widget

    def __enter__(self) -> None:
        self._widget.blockSignals(True)

    def __exit__(self, *_: object) -> None:
        self._widget.blockSignals(False)
