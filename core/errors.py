"""The one error core raises for bad input; kept free of imports so that page workers
(core.reading.pool) start without loading polars."""


class BudgetInputError(Exception):
    """Input that cannot be read as a disclosure. The message is one line for the user."""
