"""Derived data kept in step with the records: the list is in derived.py, wired in apps.py."""
