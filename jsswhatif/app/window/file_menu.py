"""The File menu of the main window: its actions wired to the files room.

The window owns its actions (:mod:`jsswhatif.app.window.actions`); the files room owns what
they do (:class:`~jsswhatif.app.files.document_files.DocumentFiles`,
:class:`~jsswhatif.app.files.import_export.ImportExport`). :class:`FileMenu` connects the two
and fills Open Recent and Open Sample each time they are about to show.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QGuiApplication

from jsswhatif.app.files.document_files import DocumentFiles
from jsswhatif.app.files.import_export import ImportExport
from jsswhatif.app.files.importer import Importer
from jsswhatif.app.files.samples import bundled_samples
from jsswhatif.app.rich_text import plain_tip
from jsswhatif.app.window.actions import Actions


class FileMenu:
    """File ▸ New, Open, Open Recent, Open Sample, Save, Save As, Import and Export, and
    Edit ▸ Paste contracts (an import of rows from the clipboard)."""

    def __init__(
        self,
        actions: Actions,
        files: DocumentFiles,
        import_export: ImportExport,
        importer: Importer,
    ):
        """Connect ``actions``' file commands to ``files``, ``import_export`` and ``importer``."""
        self._actions = actions
        self._files = files
        handlers: dict[str, Callable[[], object]] = {
            "new": files.new,
            "open": files.open,
            "save": files.save,
            "save_as": files.save_as,
            "import_upwork": importer.import_upwork,
            "import_csv": importer.import_csv,
            "paste_rows": lambda: importer.paste(QGuiApplication.clipboard().text()),
            "export_copy": import_export.export_copy,
            "export_contracts": import_export.export_contracts,
            "export_timeline": import_export.export_timeline,
            "export_png": import_export.export_png,
            "export_svg": import_export.export_svg,
            "clear_recent": files.settings.clear_recent,
        }
        for name, handler in handlers.items():
            actions[name].triggered.connect(lambda _=False, h=handler: h())
        actions.submenus["recent"].aboutToShow.connect(self.fill_recent)
        actions.submenus["samples"].aboutToShow.connect(self.fill_samples)
        self.fill_recent()  # (the samples are read when first shown: 8 ms of a cold start)

    def fill_recent(self) -> None:
        """List the recent files (most recent first), then Clear list."""
        menu = self._actions.submenus["recent"]
        menu.clear()
        settings = self._files.settings
        settings.reload()
        for number, path in enumerate(settings.recent, start=1):
            action = menu.addAction(f"&{number % 10} {path.name}")
            action.setToolTip(plain_tip(str(path)))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _=False, p=path: self._files.open_recent(p))
        menu.addSeparator()
        clear = self._actions["clear_recent"]
        clear.setEnabled(bool(settings.recent))
        menu.addAction(clear)

    def fill_samples(self) -> None:
        """List the bundled samples by title."""
        menu = self._actions.submenus["samples"]
        menu.clear()
        for sample in bundled_samples():
            action = menu.addAction(sample.title.replace("&", "&&"))
            action.setStatusTip(sample.description[:120])
            action.triggered.connect(lambda _=False, s=sample: self._files.open_sample(s))
