"""The pure scoring model: contracts, rule sets, calendar, engine, timeline, insights, documents.

Nothing here imports Qt, touches files or reads the clock: every date is an argument.
"""
