"""Clinical lookups: serum magnesium levels, products as labelled, interactions and cautions."""
