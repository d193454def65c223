"""The rules dialog and the editors of a custom rule set's parameters."""
