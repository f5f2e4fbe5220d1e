"""Text from files and users shown through Streamlit's Markdown (st.error, st.info, st.caption,
st.success …): escaped so that it shows as written — a file named `**x**[链接](http://…)` or a
holder name with `:red[…]` or `$…$` is not rendered as bold, a link, a colour or a formula."""
from __future__ import annotations

import re

_INLINE = re.compile(r"([\\`*_{}\[\]()!|~<>$:])")
_LINE_START = re.compile(r"^([ \t]*)([-+#=]|\d+(?=\.))", re.M)  # lists, headings, rules


def plain(text) -> str:
    """`text` with the Markdown control characters escaped by a backslash."""
    out = _INLINE.sub(r"\\\1", str(text))
    return _LINE_START.sub(_escape_start, out)


def _escape_start(match: re.Match) -> str:
    indent, mark = match.groups()
    if mark.isdigit():  # "1." starts an ordered list: escape its dot
        return f"{indent}{mark}\\"
    return f"{indent}\\{mark}"
