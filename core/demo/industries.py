"""Industries of the demo city with real-format IPC symbols and the words titles are made of, so
that industry statistics over the demo data are meaningful (IPC → industry)."""
from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Industry:
    key: str
    word: str  # used in enterprise names, e.g. 电子科技
    weight: float
    ipc: tuple[str, ...]
    objects: tuple[str, ...]
    products: tuple[str, ...]  # design patents


INDUSTRIES = (
    Industry("electronics", "电子科技", 16,
             ("H01L 21/56", "H01L 23/31", "H01L 23/367", "H05K 1/02", "H05K 7/20", "G06F 3/041",
              "G06F 16/27", "H04W 72/04", "H04L 67/10", "G06T 7/00", "G06N 3/08", "G02F 1/1333"),
             ("芯片封装结构", "印刷电路板", "散热模组", "触控显示面板", "数据同步方法", "图像识别方法",
              "无线通信装置", "半导体器件", "测试治具", "柔性电路板", "服务器机柜"),
             ("路由器", "智能音箱", "平板电脑", "显示器", "充电器", "蓝牙耳机")),
    Industry("battery", "新能源科技", 8,
             ("H01M 10/0525", "H01M 4/62", "H01M 50/20", "H01M 10/44", "H02J 7/00", "H02S 40/34",
              "H01L 31/18"),
             ("锂离子电池", "电池模组", "正极材料", "储能变流器", "光伏组件", "电池管理系统", "充电桩"),
             ("储能电源", "光伏支架", "充电桩")),
    Industry("ev", "汽车科技", 5,
             ("B60L 53/16", "B60L 58/12", "B60K 6/48", "B62D 25/08", "B60R 16/02", "F16F 15/08"),
             ("电驱动总成", "车身连接结构", "线束固定装置", "减震支架", "电机控制器", "车载充电装置"),
             ("汽车轮毂", "车灯", "后视镜")),
    Industry("machinery", "精密机械", 20,
             ("B23K 37/04", "B23Q 3/06", "B25J 9/16", "B65G 47/90", "B21D 37/10", "F16H 57/02",
              "F16K 31/04", "G01B 11/00", "G01N 21/88", "B23P 19/00", "B24B 27/00"),
             ("焊接夹具", "自动上下料机构", "机械手", "输送线", "冲压模具", "减速机", "检测设备",
              "数控机床", "打磨装置", "装配治具", "视觉检测系统"),
             ("数控机床", "工业机器人", "包装机", "激光切割机")),
    Industry("materials", "新材料", 9,
             ("C08L 23/06", "C08K 3/04", "C01B 32/184", "C22C 38/02", "C09D 133/00", "B32B 27/08",
              "C08J 5/18"),
             ("复合材料", "改性塑料", "石墨烯薄膜", "耐磨涂料", "合金钢", "功能膜", "阻燃材料"),
             ("装饰板", "复合地板")),
    Industry("biomed", "生物医药", 8,
             ("A61K 9/20", "A61K 31/4439", "A61P 35/00", "C12N 15/113", "C07K 16/28", "A61B 5/00",
              "A61M 5/315", "C12Q 1/6883", "A61B 17/34"),
             ("抗体", "检测试剂盒", "药物组合物", "注射装置", "穿刺器", "细胞培养方法", "医用导管"),
             ("医用监护仪", "输液架", "体温计")),
    Industry("textile", "纺织", 8,
             ("D03D 15/00", "D01F 6/92", "D06P 1/16", "D04B 1/14", "D06M 15/643", "D02G 3/04"),
             ("面料", "涤纶纤维", "染色工艺", "经编机", "真丝织物", "整理剂", "纺纱装置"),
             ("面料（花型）", "围巾", "丝巾", "床品")),
    Industry("environment", "环保科技", 5,
             ("B01D 53/78", "C02F 9/04", "B09B 3/00", "F23G 5/027", "B01D 46/00"),
             ("废气处理装置", "污水处理系统", "固废处置方法", "除尘器", "净化塔"),
             ("空气净化器", "垃圾分类箱")),
    Industry("optics", "光电科技", 6,
             ("G02B 6/42", "G01J 3/28", "H01S 5/024", "G02B 27/01", "G02B 7/02", "H04N 23/55"),
             ("光模块", "光谱仪", "激光器", "镜头模组", "光纤连接器", "成像装置"),
             ("镜头", "投影仪", "摄像头")),
    Industry("home", "智能家居", 9,
             ("A47J 36/00", "F24F 11/89", "A47B 96/00", "E04F 15/02", "E04B 1/38", "H05B 47/19",
              "A47L 11/40"),
             ("烹饪器具", "空调控制方法", "收纳柜", "地板安装结构", "照明灯具", "清洁机器人", "门锁"),
             ("电饭煲", "台灯", "沙发", "餐椅", "衣柜", "扫地机器人", "水杯", "包装盒")),
    Industry("chemicals", "化工", 6,
             ("C07C 67/08", "C08G 18/48", "C09J 7/30", "B01J 23/89", "C07D 213/61"),
             ("催化剂", "胶粘剂", "聚氨酯", "中间体的合成方法", "表面活性剂"),
             ("包装瓶",)),
)
ADJECTIVES = ("便于拆装的", "高效", "节能型", "智能", "可调节的", "防水", "多功能", "自动化",
              "低成本", "高精度", "新型", "轻量化", "模块化", "稳定性好的")
INVENTION_TEMPLATES = ("一种{adj}{obj}", "一种{obj}及其制备方法", "{obj}的控制方法、装置及存储介质",
                       "一种{obj}的检测方法", "一种{obj}的制造方法", "一种{adj}{obj}及系统")
UTILITY_TEMPLATES = ("一种{adj}{obj}", "一种{obj}", "一种{obj}用固定装置", "{obj}的安装结构",
                     "一种带有散热功能的{obj}")


def pick(rng: random.Random) -> Industry:
    return rng.choices(INDUSTRIES, [i.weight for i in INDUSTRIES])[0]


def title(rng: random.Random, industry: Industry, patent_type: str) -> str:
    if patent_type == "design":
        name = rng.choice(industry.products)
        variant = f"{rng.choice('ABCDEFGHJK')}{rng.randint(1, 9)}"
        return name if rng.random() < 0.6 else f"{name}（{variant}）"
    obj = rng.choice(industry.objects)
    if obj.endswith(("方法", "工艺")):
        if patent_type == "invention":
            return f"一种{obj}" if rng.random() < 0.6 else f"{obj}、装置、设备及存储介质"
        obj = rng.choice([o for o in industry.objects if not o.endswith(("方法", "工艺"))])
    templates = INVENTION_TEMPLATES if patent_type == "invention" else UTILITY_TEMPLATES
    return rng.choice(templates).format(adj=rng.choice(ADJECTIVES), obj=obj)


def ipc(rng: random.Random, industry: Industry) -> tuple[str, str]:
    """(main IPC, all IPCs joined by ';'), e.g. ("H01M 10/0525", "H01M 10/0525;H01M 4/62")."""
    main = rng.choice(industry.ipc)
    extra = [c for c in rng.sample(industry.ipc, min(2, len(industry.ipc))) if c != main]
    return main, ";".join([main] + extra[: rng.randint(0, 2)])
