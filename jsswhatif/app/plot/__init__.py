"""The score plot: the view, its drawing canvas and the pyqtgraph items it draws."""
