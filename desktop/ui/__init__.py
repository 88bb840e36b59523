"""The desktop program's windows and widgets (PySide6), in Korean.

Qt is imported only here, in ``desktop.qtmodels`` and in ``desktop.app``; what the
windows show and record comes from ``desktop.local`` and ``desktop.sync``."""
