"""Regional patent data: models, rules and statistics (no Streamlit here)."""
