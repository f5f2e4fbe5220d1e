"""Every Chinese label is defined once: a second top-level assignment of the same name in
core/config/labels.py silently replaces the first (a merged branch's labels lost their keys)."""
import ast
from collections import Counter
from pathlib import Path

LABELS = Path(__file__).resolve().parents[1] / "core" / "config" / "labels.py"


def test_no_label_is_assigned_twice():
    tree = ast.parse(LABELS.read_text(encoding="utf-8"))
    names = Counter(target.id for node in tree.body if isinstance(node, (ast.Assign, ast.AnnAssign))
                    for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
                    if isinstance(target, ast.Name))
    assert [name for name, n in names.items() if n > 1] == []


def test_every_field_an_import_maps_or_reports_has_a_chinese_name():
    """The import report names each mapped column and each changed field by IMP_FIELD, falling
    back to the code's own name: a field without one showed as 「abstract ← 摘要」."""
    from core.config.labels import IMP_FIELD
    from core.importer import headers, patent_store
    mapped = {f for table in (*headers.ALIASES.values(), *headers.SOURCE_ALIASES.values())
              for f in table}
    reported = {*patent_store.COLUMNS, "holders", "abstract"}
    missing = sorted(f for f in mapped | reported if f not in IMP_FIELD)
    assert missing == []
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in IMP_FIELD[f]) for f in mapped | reported)
