"""A click on a button right after a table cell was edited waits until the edit has reached
Streamlit. Its data editor hands edits over 150 ms after the last one (a debounce in its
frontend), and neither a form's submit nor a button's run waits for them: a value committed
with Enter, or by clicking 保存 with the cell still open, and a click at once sent the unedited
table (参数设置's targets: 与当前生效值相同, nothing saved). A small script, installed once per
browser tab, holds such a click back until the hand-over is due, then clicks again."""
from __future__ import annotations

HANDOVER_MS = 400  # the editor's 150 ms, with room for a busy browser's late timer

HTML = """
<script>
(() => {
  if (window.__editHandover) return;
  window.__editHandover = true;
  let lastEdit = -Infinity;
  // the grid's cell editor is drawn in an overlay (#portal); it commits on Enter, Tab or blur
  const noteEdit = (e) => { if (e.target.closest && e.target.closest("#portal")) lastEdit = performance.now(); };
  for (const type of ["input", "keydown", "focusout"]) document.addEventListener(type, noteEdit, true);
  window.addEventListener("click", (e) => {
    const button = e.target.closest && e.target.closest("button");
    const wait = lastEdit + HANDOVER_MS - performance.now();
    if (!button || wait <= 0) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    setTimeout(() => button.click(), wait);
  }, true);
})();
</script>
""".replace("HANDOVER_MS", str(HANDOVER_MS))
