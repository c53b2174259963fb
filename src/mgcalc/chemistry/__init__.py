"""Chemistry: amounts, units, formulas, the forms table and conversions."""
