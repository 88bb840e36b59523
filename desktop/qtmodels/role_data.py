"""Answering every role of a cell in one call (``QAbstractItemModel.multiData``).

Qt's delegates ask a cell for its roles with one ``multiData`` call (display text,
colours, alignment, font, …: seven roles). The default implementation calls ``data``
once per role, and each call from Qt into Python must win the interpreter lock back:
while a sync keeps two Python threads busy, a case-list repaint that asked 1,600
questions took ~100 ms in a test on this machine; answered per cell, ~35 ms.

PySide6 6.12 on Python 3.11 has a reference-counting bug here: every
``QModelRoleData.setData`` drops one reference to ``None`` that it never took. Left
alone, ``None``'s count runs down with every repaint until the interpreter aborts
("deallocating None"). ``set_role_data`` gives the reference back, but only where the
bug is found when this module loads, so a fixed PySide is left as it is."""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QPersistentModelIndex,
    Qt,
)

_PROBES = 64
_py_incref = ctypes.pythonapi.Py_IncRef
_py_incref.argtypes = [ctypes.py_object]
_py_incref.restype = None


def _set_data_drops_none() -> bool:
    probe = QModelRoleData(int(Qt.ItemDataRole.DisplayRole))
    before = sys.getrefcount(None)
    for _ in range(_PROBES):
        probe.setData("")
    dropped = before - sys.getrefcount(None)
    buggy = dropped >= _PROBES // 2  # other threads may move the count a little
    if buggy:
        for _ in range(_PROBES):
            _py_incref(None)
    return buggy


SET_DATA_DROPS_NONE = _set_data_drops_none()


def set_role_data(role_data: QModelRoleData, value: Any) -> None:
    role_data.setData(value)
    if SET_DATA_DROPS_NONE:
        _py_incref(None)


def answer_each_role(
    index: QModelIndex | QPersistentModelIndex,
    span: QModelRoleDataSpan | QModelRoleData,
    data: Callable[[QModelIndex | QPersistentModelIndex, int], Any],
) -> None:
    """``multiData`` in terms of a model's ``data(index, role)``: roles without an
    answer (``None``) are left unset, as Qt expects."""
    asked = [span] if isinstance(span, QModelRoleData) else [span[n] for n in range(len(span))]  # type: ignore[index, arg-type]
    for role_data in asked:
        value = data(index, role_data.role())
        if value is not None:
            set_role_data(role_data, value)


class OneCallPerCell:
    """A table model's ``multiData``: mix in before ``QAbstractTableModel``."""

    def multiData(
        self,
        index: QModelIndex | QPersistentModelIndex,
        roleDataSpan: QModelRoleDataSpan | QModelRoleData,
    ) -> None:
        answer_each_role(index, roleDataSpan, self.data)  # type: ignore[attr-defined]
