"""Nutrition: profiles, reference values, the intake check and the planner."""
