"""Stage 3, comparison: identities across articles, embeddings, the original of each statement,
alignment and drift."""
