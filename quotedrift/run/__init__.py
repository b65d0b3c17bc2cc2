"""Running the stages: the pipeline (the one place that wires them), engines, caches, the store,
progress and output files."""
