"""Synthetic CNKI (中国知网) patent exports in CNKI's two forms: the record-per-block text and the
".xls" that is an HTML table. The field tags and their order are those of real CNKI patent
exports (96 files in a public repository, listed in tests/data/README_vendors.md); every value
is made up. The layouts (blank line between records, tag, colon, value) follow the public
parsers of CNKI's text export named there.

The same four records as the other vendors' synthetic exports: P1's publication and grant
(merged into one patent), P2 (a utility model) and a Taiwanese document (skipped).
"""
from __future__ import annotations

import html

TAGS = ["SrcDatabase-来源库", "Author-作者", "Applicant-申请人", "Title-题名", "CountryName-国省名称",
        "PubNo-公开号", "PubTime-公开日期", "Summary-摘要", "Claims-主权项", "CLC-中图分类号"]
P1_TITLE = "一种图像识别方法"
P2_TITLE = "一种CO2散热装置"  # written with CNKI's markup: CO<sub>2</sub>
P1 = ["中国专利", "张三;李四", "苏州科达科技股份有限公司;苏州大学", P1_TITLE, "江苏", "CN108572939A",
      "2018-09-28", "本发明公开了一种图像识别方法。", "1.一种图像识别方法，其特征在于：包括以下步骤。",
      "G06K9/00;G06T7/00"]
P1_GRANT = P1[:5] + ["CN108572939B", "2019-09-20"] + P1[7:]
P2 = ["中国专利", "赵六", "苏州某某电子有限公司", "一种CO<sub>2</sub>散热装置", "江苏省", "CN209123456U",
      "2019-07-12", "本实用新型公开了一种散热装置。", "1.一种散热装置，其特征在于：包括壳体。", "H05K7/20"]
TW = ["海外专利", "王某某", "國立某大學", "Image recognition device", "", "TWI800001B", "2023-05-01",
      "An image recognition device.", "1. A device.", "G06K9/00"]
RECORDS = [P1, P1_GRANT, P2, TW]


def text_form(records: list[list[str]] = RECORDS, colon: str = ": ", newline: str = "\n",
              gap: int = 1) -> str:
    """The text export: one `tag<colon>value` line per field, `gap` blank lines between
    records. With the defaults record k (1-based) starts on line 1 + (k - 1) * 11 and its
    field i (0-based, TAGS order) is on the line after that + i."""
    blocks = [newline.join(f"{tag}{colon}{value}" for tag, value in zip(TAGS, record))
              for record in records]
    return (newline * (gap + 1)).join(blocks) + newline


def html_form(records: list[list[str]] = RECORDS) -> str:
    """The ".xls" export: an HTML page, one table, the tags in its first row (CNKI's own page
    head and cell styles). Names padded with spaces and line breaks as CNKI pads them; markup
    in titles escaped as CNKI escapes it."""
    head = ("<html xmlns:o='urn:schemas-microsoft-com:office:office' "
            "xmlns:x='urn:schemas-microsoft-com:office:excel' "
            "xmlns='http://www.w3.org/TR/REC-html40'><head><style>table td,th"
            "{vnd.ms-excel.numberformat:@;text-align: center;} table th{color:red}</style>"
            "<title></title><meta http-equiv='Content-Type' content=\"text/html; charset=utf-8\">"
            "</head><body><table cellspacing='0' border='1'>")
    rows = ["<tr>" + "".join(f"<td style='vnd.ms-excel.numberformat:@'>{t}</td>" for t in TAGS)
            + "</tr>"]
    for record in records:
        cells = list(record)
        cells[1] = "   " + ";\n        ".join(cells[1].split(";")) + "   "
        cells[3] = html.escape(cells[3])
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return head + "  ".join(rows) + "</table></body></html>"
