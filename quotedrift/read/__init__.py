"""Stage 1, reading: files and folders -> Article records (decoding, HTML/JSON, boilerplate ranges,
metadata)."""
