"""Stage 4, reporting: extraction results and Report records -> text (table, JSONL, JSON, CSV,
Markdown, HTML), as pure functions."""
