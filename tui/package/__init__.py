"""The single-package app: the overview, the trees, the side panel, the narrative and the
raw tables."""
