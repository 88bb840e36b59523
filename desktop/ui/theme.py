"""The look of the program: Fusion with a calm public-sector palette, the bundled
Korean font, and (unless a display language was installed already) Qt's own Korean
strings for standard dialogs (확인 / 취소), see ``desktop.ui.translation``.

Widgets mark their role with dynamic properties the style sheet reads:
``primary`` buttons, ``role`` of a label (``title``, ``hint``, ``error``, ``warning``),
``invalid`` inputs (set by ``mark_invalid``)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget

from desktop.local.preferences import DEFAULT_LANGUAGE
from desktop.ui.fonts import resources_directory, use_korean_font
from desktop.ui.translation import install_translation, installed_translators

NAVY = "#17305E"
BLUE = "#1F5FBF"
BLUE_DARK = "#184E9E"
INK = "#1D2939"
MUTED = "#667085"
LINE = "#D0D5DD"
CANVAS = "#F3F5F8"
RED = "#C0262D"
RED_SOFT = "#FEE4E2"
AMBER = "#B54708"
AMBER_SOFT = "#FEF0C7"
GREEN = "#067647"
GREEN_SOFT = "#DCFAE6"
BLUE_SOFT = "#E8F0FE"
GREY_SOFT = "#EEF0F3"

STYLE_SHEET = f"""
QMainWindow, QDialog {{ background: {CANVAS}; }}
QWidget {{ color: {INK}; }}
QLabel[role="title"] {{ font-size: 16pt; font-weight: bold; color: {NAVY}; }}
QLabel[role="subtitle"] {{ font-size: 11pt; font-weight: bold; color: {NAVY}; }}
QLabel[role="hint"] {{ color: {MUTED}; }}
QLabel[role="error"] {{ color: {RED}; }}
QLabel[role="warning"] {{ color: {AMBER}; }}
QLabel[role="banner-error"] {{
    color: {RED}; background: {RED_SOFT}; border: 1px solid #F4B7B3;
    border-radius: 4px; padding: 8px 10px;
}}
QLabel[role="banner-info"] {{
    color: {GREEN}; background: {GREEN_SOFT}; border: 1px solid #A6E9C2;
    border-radius: 4px; padding: 8px 10px;
}}
QFrame[role="card"] {{
    background: white; border: 1px solid {LINE}; border-radius: 6px;
}}
QFrame[role="header"] {{ background: {NAVY}; }}
QFrame[role="header"] QLabel {{ color: white; }}
QFrame[role="header"] QLabel[role="hint"] {{ color: #C7D3EA; }}
QLineEdit, QPlainTextEdit, QComboBox, QSpinBox {{
    background: white; border: 1px solid {LINE}; border-radius: 4px; padding: 5px 8px;
    selection-background-color: {BLUE}; selection-color: white;
}}
QLineEdit:focus, QPlainTextEdit:focus, QComboBox:focus, QSpinBox:focus {{
    border: 1px solid {BLUE};
}}
QLineEdit:read-only {{ background: {GREY_SOFT}; color: {MUTED}; }}
QLineEdit:disabled, QPlainTextEdit:disabled, QComboBox:disabled {{
    background: {GREY_SOFT}; color: #475467; border-color: #E4E7EC;
}}
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"], QComboBox[invalid="true"] {{
    border: 1px solid {RED}; background: #FFF8F7;
}}
QComboBox::drop-down {{ border: none; width: 22px; }}
QComboBox::down-arrow {{ image: url("@ICONS@/chevron-down.svg"); width: 12px; height: 12px; }}
QSpinBox {{ padding-right: 24px; }}
QSpinBox::up-button, QSpinBox::down-button {{ width: 22px; border: none; background: transparent; }}
QSpinBox::up-arrow {{ image: url("@ICONS@/chevron-up.svg"); width: 10px; height: 10px; }}
QSpinBox::down-arrow {{ image: url("@ICONS@/chevron-down.svg"); width: 10px; height: 10px; }}
QComboBox QAbstractItemView {{
    background: white; border: 1px solid {LINE}; selection-background-color: {BLUE_SOFT};
    selection-color: {INK};
}}
QCheckBox {{ spacing: 6px; }}
QPushButton {{
    background: white; border: 1px solid {LINE}; border-radius: 4px; padding: 6px 14px;
}}
QPushButton:hover {{ background: {GREY_SOFT}; }}
QPushButton:focus {{ border: 1px solid {BLUE}; }}
QPushButton:disabled {{ color: #98A2B3; background: {GREY_SOFT}; }}
QPushButton[primary="true"] {{
    background: {BLUE}; color: white; border: 1px solid {BLUE}; font-weight: bold;
}}
QPushButton[primary="true"]:hover {{ background: {BLUE_DARK}; }}
QPushButton[primary="true"]:focus {{ border: 2px solid {NAVY}; }}
QPushButton[primary="true"]:disabled {{ background: #8EAEDD; border-color: #8EAEDD; }}
QPushButton[nav="true"] {{
    background: transparent; color: #DCE4F2; border: none; border-radius: 0;
    padding: 10px 16px; font-size: 11pt;
}}
QPushButton[nav="true"]:hover {{ color: white; background: #213F76; }}
QPushButton[nav="true"]:checked {{
    color: white; font-weight: bold; border-bottom: 3px solid #7FB2FF;
}}
QPushButton[flat-header="true"] {{
    background: transparent; color: white; border: 1px solid #5A73A3; padding: 5px 12px;
}}
QPushButton[flat-header="true"]:hover {{ background: #213F76; }}
QTableView {{
    background: white; border: 1px solid {LINE}; gridline-color: #EAECF0;
    alternate-background-color: #F9FAFB;
    selection-background-color: #D6E4FF; selection-color: {INK};
}}
QHeaderView::section {{
    background: #F2F4F7; color: {INK}; border: none; border-bottom: 1px solid {LINE};
    border-right: 1px solid #EAECF0; padding: 6px 8px; font-weight: bold;
}}
QStatusBar {{ background: white; border-top: 1px solid {LINE}; }}
QStatusBar QLabel {{ padding: 0 6px; }}
QProgressBar {{
    border: 1px solid {LINE}; border-radius: 3px; background: {GREY_SOFT};
    text-align: center; max-height: 14px;
}}
QProgressBar::chunk {{ background: {BLUE}; border-radius: 2px; }}
QScrollArea {{ border: none; background: transparent; }}
QScrollArea > QWidget > QWidget {{ background: transparent; }}
"""


def style_sheet() -> str:
    """``STYLE_SHEET`` with the bundled icons' folder filled in."""
    icons = (resources_directory() / "icons").as_posix()
    return STYLE_SHEET.replace("@ICONS@", icons)


def apply_theme(app: QApplication) -> str:
    """Style, palette, font and (if no language is installed yet) Qt's Korean strings;
    returns the font family used."""
    app.setStyle(QStyleFactory.create("Fusion"))
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor(CANVAS))
    palette.setColor(QPalette.ColorRole.Base, QColor("white"))
    palette.setColor(QPalette.ColorRole.Text, QColor(INK))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(INK))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(BLUE))
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#98A2B3"))
    app.setPalette(palette)
    family = use_korean_font(app)
    app.setStyleSheet(style_sheet())
    if not installed_translators():
        install_translation(app, DEFAULT_LANGUAGE)
    return family


def set_role(widget: QWidget, role: str) -> None:
    widget.setProperty("role", role)
    _repolish(widget)


def mark_invalid(widget: QWidget, invalid: bool) -> None:
    if bool(widget.property("invalid")) == invalid:
        return
    widget.setProperty("invalid", invalid)
    _repolish(widget)


def _repolish(widget: QWidget) -> None:
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
