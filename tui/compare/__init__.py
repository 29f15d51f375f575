"""The compare app: several files or years of one department side by side."""
