"""The dataset app: many packages scanned into one dataset, and the scan's report."""
