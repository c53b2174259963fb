"""The diet: foods (USDA SR28), water, known totals and food-tracker exports."""
