"""The contracts table: its model, columns, cell editors and filter bar."""
