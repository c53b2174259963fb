"""Products as labelled, interactions and safety cautions (issues 10 and 11)."""
