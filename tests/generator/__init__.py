"""Render realistic 部门预算公开 PDFs from structured descriptions (see spec.py)."""
