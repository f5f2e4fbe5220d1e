"""Write the small dialect fixtures of tests/test_import_*.py into this folder.

Run once after a change: `python tests/data/import/make_fixtures.py` (the .xls needs xlwt, used
only here; the written files are committed, so the tests need neither this script nor xlwt).
Each file imitates one vendor's export and one or more value formats of issue 5.
"""
from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent

CNIPA = [
    ["申请号", "申请日", "公开（公告）号", "公开（公告）日", "发明名称", "申请（专利权）人", "申请人地址",
     "申请人邮编", "发明人", "IPC分类号", "主分类号", "代理机构", "代理人", "发明类型", "法律状态",
     "法律状态生效日期", "备注"],
    ["201810390462.7", "2018.04.25", "CN108572939B", "2019/09/20", "一种图像识别方法",
     "苏州科达科技股份有限公司;苏州大学", "江苏省苏州市高新区金山路131号", "215011", "张三;李四",
     "G06K  9/00;G06T 7/00", "G06K 9/00", "苏州创元专利商标事务所有限公司", "王五", "发明专利", "有效",
     20190920, "x"],
    ["CN201920123456", "2019-01-15", "CN209123456U", "2019-07-12", "一种散热装置",
     "苏州某某电子有限公司", "江苏省苏州市吴中区东吴北路1号", None, "赵六", "H05K 7/20", "H05K 7/20",
     "-", "-", "实用新型", "未缴年费专利权终止", "2022-03-01", None],
    ["ZL202030045678.8", 2020, "CN305123456S", "2020.06.30", "手机壳", "张小明",
     "江苏省苏州市姑苏区人民路100号", "无", "张小明", None, None, None, None, "外观设计", "授权",
     None, None],
    ["201810390462.3", "2018-04-25", "CN108000001A", "2018-10-01", "校验位错误的专利",
     "某公司", None, None, None, None, None, None, None, "发明专利", "公开", None, None],
    ["201610000777.7", "2016-01-05", "CN105000001A", "2016-05-01", None, "某公司", None, None,
     None, None, None, None, None, "发明专利", "公开", None, None],
]

INCOPAT = [
    ["序号", "标题 (中文)", "申请人", "公开（公告）号", "公开（公告）日", "申请号", "申请日", "专利类型",
     "公开国别", "IPC主分类", "IPC", "当前法律状态", "专利有效性", "申请人地址", "中国申请人区县",
     "代理机构", "链接到incoPat"],
    [1, "一种神经网络训练方法", "苏州大学; 苏州工业园区某某研究院有限公司", "CN113000001B", 44500,
     "CN202110001001.8", 44197, "发明授权", "中国", "G06N3/04", "G06N3/04; G06N3/08", "授权", "有效",
     "江苏省苏州市工业园区仁爱路199号", "苏州工业园区", "南京某某代理有限公司", "到incoPat中查看"],
    [2, "一种电池管理系统", "苏州甲新能源有限公司", "CN114000002A", dt.datetime(2022, 7, 1),
     "CN202210003003.5", dt.datetime(2022, 1, 5), "发明申请", "中国", "H01M10/42", "H01M10/42",
     "实质审查", "审中", "江苏省苏州市相城区元和街道", "相城区", None, "到incoPat中查看"],
    [3, "Battery pack", "Example Inc.", "US2023000001A1", 45000, "US18000001", 44900, "发明申请",
     "美国", "H01M10/42", "H01M10/42", "公开", "审中", None, None, None, "到incoPat中查看"],
    [4, "一种连接器", "苏州乙电子有限公司；苏州丙电子有限公司", "CN215000009U", 44400,
     "CN202120002002.X", 44250, "实用新型", "中国", "H01R13/02", "H01R13/02", "未缴年费", "失效",
     "江苏省苏州市吴江区松陵镇", "吴江区", None, "到incoPat中查看"],
]

PATSNAP = [
    ["公开公告号", "受理局", "标题", "专利类型", "当前申请专利权人", "发明人", "IPC分类号",
     "IPC主分类号小类", "简单法律状态", "法律状态事件", "申请年", "当前申请专利权人州省",
     "当前申请专利权人地市", "当前申请专利权人区县", "代理机构", "代理人", "专利价值"],
    ["CN215000001U", "中国", "一种夹具", "实用新型", "苏州甲机械有限公司 | 苏州乙科技有限公司",
     "张三 | 李四", "B25B11/00 | B23Q3/06", "B25B", "有效", "授权 | 质押", "2021", "江苏", "苏州",
     "吴中区", "苏州某代理事务所(普通合伙)", "钱七", "$ 3,500"],
    ["CN113000003A", "中国", "一种数据处理方法", "发明专利", "苏州丙有限公司", "王五", "-", "-", "审中",
     "实质审查 | 一案双申", "2021", "江苏", "苏州", "昆山市", "-", "-", "-"],
    ["CN305000004S", "中国", "灯具", "外观设计", "孙八", "孙八", "-", "-", "失效", "未缴年费", "2020",
     "江苏", "苏州", "常熟市", "-", "-", "-"],
]
# A later export of the first Patsnap patent, now with application number and filing date.
PATSNAP_LATER = [
    ["公开(公告)号", "申请号", "申请日", "标题", "专利类型", "当前申请(专利权)人", "简单法律状态",
     "法律状态/事件"],
    ["CN215000001U", "202120001234.3", "2021-03-02", "一种夹具", "实用新型",
     "苏州甲机械有限公司 | 苏州乙科技有限公司", "有效", "授权 | 质押 | 权利转移"],
]

PATENTICS = [
    ["公开号", "申请号", "标题", "申请日", "公开日", "授权公告日", "国际分类", "国际主分类", "申请人",
     "标准化申请人", "发明人", "法律状态", "本文引用专利数"],
    ["CN114285873A", "CN202111513510.5", "建立通信连接的方法", "20211209", "20220405", "",
     "H04L 67/12 | H04W  4/40 | H04W 76/10", "H04W", "苏州甲科技有限公司 | 苏州乙科技有限公司",
     "甲科技", "黄启立 | 毛冠钰", "公开", "0"],
    ["CN114261338B", "CN202111495169.5", "车辆检测方法", "20211208", "20220401", "20230512",
     "G09B  9/00", "G09B", "苏州丙大学", "丙大学", "于宁", "有效", "0"],
]

BAITEN = [
    ["公开(公告)号", "申请号", "专利名称", "摘要", "权利要求书", "IPC分类号", "申请人", "发明人", "申请日"],
    ["CN206000001U", "CN201720000500", "一种支架", "摘要", "1.一种支架", "F16M 11/04",
     "苏州丁有限公司；苏州戊有限公司", "钱一；孙二", "2017/03/05"],
]

SOOPAT = [
    ["名称", "摘要(中文)", "主权项", "主分类号", "分类号", "申请人名称", "申请日", "公开（公告）号",
     "公开（公告）日", "申请号", "地址", "发明(设计)人"],
    ["一种清洁机器人", "摘要", "1.一种清洁机器人", "A47L 11/24", "A47L 11/24,A47L 11/40",
     "苏州己科技有限公司", "2016年5月4日", "CN105000777A", "2016年9月1日", "ZL201610000777.7", "无",
     "周甲,吴乙"],
]

MULTI_NOTES = [["检索说明"], ["检索式：申请人=(苏州*) AND 申请日>=2020"], ["导出日期：2024-05-01"]]
MULTI_DATA = [
    ["专利检索结果（共 1 条）"],
    [None],
    ["申请号", "申请日", "公开号", "公开日", "发明名称", "申请人", "专利类型"],
    ["202210003003.5", "2022-01-05", "CN114000002A", "2022-07-01", "一种电池管理系统",
     "苏州甲新能源有限公司", "发明公布"],
]

EVENTS_CNIPA = [
    ["申请号", "法律状态公告日", "法律状态", "法律状态信息"],
    ["201810390462.7", "20210105", "专利申请权、专利权的转移",
     "登记生效日：20201230；变更前权利人：苏州科达科技股份有限公司；变更后权利人：上海某某科技有限公司；"
     "变更前地址：江苏省苏州市高新区金山路131号；变更后地址：上海市浦东新区张江路1号"],
    ["201920123456.5", "20220301", "未缴年费专利权终止", "IPC(主分类)：H05K 7/20；申请日：20190115"],
    ["201810390462.7", "20190920", "授权", ""],
    ["201110099999.6", "20190920", "授权", ""],
]
TRANSFER = [
    ["申请号", "变更前权利人", "变更后权利人", "变更前地址", "变更后地址", "登记生效日"],
    ["202210003003.5", "苏州甲新能源有限公司", "无锡某某有限公司", "江苏省苏州市相城区元和街道",
     "江苏省无锡市新吴区", "2023-02-01"],
]
LICENSE = [
    ["申请号", "许可人", "被许可人", "许可类型", "备案日", "合同备案号"],
    ["202110001001.8", "苏州大学", "苏州某某科技有限公司", "普通许可", "2022/05/06", "X2022320000123"],
]
PLEDGE = [
    ["申请号", "出质人", "质权人", "登记日", "金额", "解除日"],
    ["201810390462.7", "苏州科达科技股份有限公司", "中国银行苏州分行", "2020.06.01", "¥1,200万", ""],
    ["201810390462.7", "苏州科达科技股份有限公司", "中国银行苏州分行", "2020.06.01", "abc", ""],
]
FEES = [
    ["申请号", "缴费年度", "金额", "缴费日", "滞纳金", "费用种类"],
    ["201810390462.7", "第3年", "900", "2020-04-01", "", "发明专利第3年年费"],
    ["201810390462.7", "4", "1200.00", "2021/04/20", "60", "年费"],
    ["201810390462.7", "", "180", "2021/04/20", "", "发明专利第4年年费滞纳金"],
    ["201810390462.7", "", "950", "2018-04-25", "", "申请费"],
    ["201999999999", "5", "600", "2022-01-01", "", "年费"],
]


def write_xlsx(path: Path, sheets: dict[str, list[list]]) -> None:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)


def write_csv(path: Path, rows: list[list], encoding: str = "utf-8", delimiter: str = ",") -> None:
    with path.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh, delimiter=delimiter).writerows(rows)


def write_xls(path: Path, rows: list[list]) -> None:
    import xlwt
    book = xlwt.Workbook()
    sheet = book.add_sheet("Sheet1")
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, dt.date):
                sheet.write(r, c, value, date_style)
            else:
                sheet.write(r, c, value)
    book.save(str(path))


def main() -> None:
    write_xlsx(HERE / "cnipa.xlsx", {"检索结果": [["专利检索及分析 导出结果"], [None], *CNIPA]})
    write_xlsx(HERE / "incopat.xlsx", {"下载的著录项1": INCOPAT})
    write_xlsx(HERE / "patsnap.xlsx", {"sheet1": PATSNAP})
    write_csv(HERE / "patsnap_later.csv", PATSNAP_LATER)
    write_csv(HERE / "patentics.csv", PATENTICS, "utf-8-sig")
    write_csv(HERE / "baiten.csv", BAITEN, "gbk")
    write_csv(HERE / "soopat.txt", SOOPAT, "utf-16", "\t")
    xls_rows = [SOOPAT[0], [*SOOPAT[1][:6], dt.date(2016, 5, 4), *SOOPAT[1][7:]]]
    write_xls(HERE / "soopat.xls", xls_rows)
    write_xlsx(HERE / "multisheet.xlsx", {"说明": MULTI_NOTES, "专利": MULTI_DATA, "空白": []})
    write_csv(HERE / "events_cnipa.csv", EVENTS_CNIPA, "gb18030")
    write_xlsx(HERE / "transfer.xlsx", {"转让": TRANSFER})
    write_xlsx(HERE / "license.xlsx", {"许可": LICENSE})
    write_xlsx(HERE / "pledge.xlsx", {"质押": PLEDGE})
    write_csv(HERE / "fees.csv", FEES)


if __name__ == "__main__":
    main()
