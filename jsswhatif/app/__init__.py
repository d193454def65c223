"""The Qt desktop application: main window, controller, table model and views.

The only package that imports PySide6 and pyqtgraph. Start it with
:func:`jsswhatif.app.launch.run`.
"""
