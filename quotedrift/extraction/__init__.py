"""Stage 2, extraction: Article -> quotations, their kinds and cues, and speakers as written and
resolved within the article."""
