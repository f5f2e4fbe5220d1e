"""Text from files and users shown through Streamlit's Markdown (st.error, st.info, st.caption,
st.success …): escaped so that it shows as written — a file named `**x**[链接](http://…)` or a
holder name with `:red[…]`, `:material/home:` or `$…$` is not rendered as bold, a link, a colour,
an icon or a formula.

Backslashes escape the Markdown syntax. Streamlit replaces icons and colour directives on the
text after that, and GFM turns bare URLs, www. names and e-mail addresses into links: an
invisible word joiner (U+2060) after every ':' and '@' and inside 'www.' breaks those."""
from __future__ import annotations

import re

_INLINE = re.compile(r"([\\`*_{}\[\]()!|~<>$])")
_LINE_START = re.compile(r"^([ \t]*)([-+#=]|\d+(?=\.))", re.M)  # lists, headings, rules
_WWW = re.compile(r"(w)(ww\.)", re.I)
JOINER = "\u2060"


def plain(text) -> str:
    """`text` shown as written through Markdown (see the module docstring)."""
    out = _INLINE.sub(r"\\\1", str(text))
    out = _LINE_START.sub(_escape_start, out)
    out = out.replace(":", ":" + JOINER).replace("@", "@" + JOINER)
    return _WWW.sub(r"\1" + JOINER + r"\2", out)


def _escape_start(match: re.Match) -> str:
    indent, mark = match.groups()
    if mark.isdigit():  # "1." starts an ordered list: escape its dot
        return f"{indent}{mark}\\"
    return f"{indent}\\{mark}"
