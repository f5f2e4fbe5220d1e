"""Patent rules: application numbers, terms, fees, the holiday calendar, legal status, high-value
marks, industries and counting rules."""
