"""Reconciliation rules, one module per family; ``catalogue`` lists them as data."""
