"""Streamlit's own English texts (skip link, upload button, size limit, select placeholders…) in
Chinese on screen: a small script, installed once per browser tab, rewrites them wherever
Streamlit draws them (labels.STREAMLIT_TEXTS / STREAMLIT_PATTERNS), placeholders included when
Streamlit changes them on a drawn input (a multiselect whose options arrive after a rerun)."""
from __future__ import annotations

import json

import streamlit as st

from core.config import labels

SCRIPT = """
<script>
(() => {
  if (window.__zhInstalled) return;
  window.__zhInstalled = true;
  const texts = %s;
  const patterns = %s.map(([p, r]) => [new RegExp(p), r]);
  const translate = (text) => {
    const trimmed = text.trim();
    if (texts[trimmed] !== undefined) return texts[trimmed];
    for (const [p, r] of patterns) if (p.test(trimmed)) return trimmed.replace(p, r);
    return null;
  };
  const fix = (root) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const done = translate(node.nodeValue);
      if (done !== null && done !== node.nodeValue) node.nodeValue = done;
    }
    root.querySelectorAll && root.querySelectorAll("input[placeholder]").forEach((e) => {
      const done = translate(e.placeholder);
      if (done !== null) e.placeholder = done;
    });
  };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === "characterData") {
        const done = translate(r.target.nodeValue);
        if (done !== null && done !== r.target.nodeValue) r.target.nodeValue = done;
      } else if (r.type === "attributes") {
        const done = translate(r.target.placeholder);
        if (done !== null && done !== r.target.placeholder) r.target.placeholder = done;
      } else {
        r.addedNodes.forEach((n) => n.nodeType === 3 ? fix(n.parentNode || document.body) : fix(n));
      }
    }
  }).observe(document.body, {childList: true, subtree: true, characterData: true,
                             attributes: true, attributeFilter: ["placeholder"]});
  fix(document.body);
})();
</script>
"""


HTML = SCRIPT % (json.dumps(labels.STREAMLIT_TEXTS, ensure_ascii=False),
                 json.dumps(labels.STREAMLIT_PATTERNS, ensure_ascii=False))  # built once


def install(*more: str) -> None:
    """Call on every run of Home.py (before the login too): a no-op once the tab has it. `more`:
    other scripts of the tab (ui.edits), in the same element."""
    st.html(HTML + "".join(more), unsafe_allow_javascript=True)
