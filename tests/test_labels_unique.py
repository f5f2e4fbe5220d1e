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
