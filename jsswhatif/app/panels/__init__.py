"""Panels beside the table and plot: the summary and the observations."""
