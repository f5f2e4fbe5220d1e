"""Pure chart builders: DataFrames/lists + labels in, pyecharts charts out (no DB, no streamlit)."""
