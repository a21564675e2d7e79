"""osint-cli: who is cited, which figures are claimed, and when things happened, per news article."""

__version__ = "0.1.0"
