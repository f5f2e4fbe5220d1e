"""Exports to .xlsx: one safe writer and the streamed search export."""
