"""quotedrift: find how quotations drift as a news story is rewritten across outlets."""

__version__ = "0.1.0"
