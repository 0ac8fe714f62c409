"""Taawun (تعاون): the system an interior ministry's international cooperation office runs on."""

__version__ = "0.1.0"
