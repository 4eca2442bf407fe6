"""PORA Dashboard: where people of concern are, the stability context, and rakor follow-ups."""

__version__ = "0.1.0"
