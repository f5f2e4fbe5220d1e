"""Streamlit-side helpers shared by Home.py, pages/ and admin/ (login, navigation, widgets).

core/ never imports streamlit; the UI layer lives here because any module inside pages/ would be
listed as a page by Streamlit's legacy pages/ discovery.
"""
