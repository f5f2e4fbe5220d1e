"""参数设置: indicator targets per region and year, population and GDP per region and year
(editable table and Excel import), and the rule parameters as typed forms. Every save is a new
version (core.config.params: audited, the data version raised), the older ones kept as history."""
import streamlit as st

from core.config import labels
from ui.guard import guard
from ui.params import audit_trail, regional, regions, rules, targets

guard(__file__)

st.header(labels.PARAMS_TITLE)
choices = regions()
target_tab, regional_tab, rules_tab = st.tabs(list(labels.PARAM_TABS))
with target_tab:
    targets.render(choices)
with regional_tab:
    regional.render(choices)
with rules_tab:
    rules.render(choices)
audit_trail()
