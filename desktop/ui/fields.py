"""Form fields that show their own Korean error message (검증 메시지) underneath, and the
error banner a form shows for a message that belongs to no one field."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from desktop.ui.theme import mark_invalid, set_role


class LabeledField(QWidget):
    """A label, an input and the message under it when the input is wrong."""

    def __init__(
        self, label: str, editor: QWidget, parent: QWidget | None = None, *, required: bool = False
    ) -> None:
        super().__init__(parent)
        self.editor = editor
        text = f"{label} <span style='color:#C0262D'>*</span>" if required else label
        self.label = QLabel(text)
        self.label.setBuddy(editor)
        self.error = QLabel()
        self.error.setWordWrap(True)
        set_role(self.error, "error")
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.label)
        layout.addWidget(editor)
        layout.addWidget(self.error)

    @property
    def message(self) -> str:
        return self.error.text() if self.error.isVisibleTo(self) else ""

    def show_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
        mark_invalid(self.editor, bool(message))
        if message:
            make_room(self.window())


def make_room(window: QWidget) -> None:
    """A dialog grows to show a new message whole, rather than squeeze its inputs to
    a sliver and cut the message to one line."""
    layout = window.layout()
    if not isinstance(window, QDialog) or layout is None:
        return
    layout.activate()
    width = window.width()
    needed = (
        layout.totalHeightForWidth(width)
        if layout.hasHeightForWidth()
        else layout.totalMinimumSize().height()
    )
    if needed > window.height():
        window.resize(width, needed)


def error_banner() -> QLabel:
    """A form's red message line, hidden until there is something to say."""
    banner = QLabel()
    banner.setWordWrap(True)
    set_role(banner, "banner-error")
    banner.hide()
    return banner
