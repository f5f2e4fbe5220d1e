"""Import vendor patent lists, legal-event lists and fee-payment lists (see batch.import_file)."""
