"""Invented but plausible names: people, enterprises, universities, institutes, agencies, banks,
roads (with pinyin for the English address forms). No real company names are used: enterprise
names are random combinations of a trade-name pair and an industry word."""
from __future__ import annotations

import random

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
            "于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛"
            "闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
GIVEN = ("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红玲兰峰建国文辉力斌宇浩凯"
         "鹏飞鑫婷雪琳晨欣怡思佳俊帆昊然子涵梓睿博翔志勤永春海波东健晓燕云雯倩蕾嘉祥瑞")
TRADE = ("瑞博科汇创宏达晟泰恒鼎峰鑫盛源华安信诚捷锐联众新"
         "迈驰凯睿嘉禾沃德优赛尔铭浩宸澜钧拓烨翊昕昊晖麟霆珂弘毅卓越")
TRADE_PAIRS_EXTRA = ("吴越", "姑苏", "澄湖", "枫桥", "虎丘", "金鸡", "太湖", "阳澄", "虞山", "娄江",
                     "玉峰", "沙洲", "暨阳", "鹿城", "东吴", "平江", "胥江", "石湖", "尚湖", "浏河")
CITY_PREFIX = {"320505": "苏州", "320506": "苏州", "320507": "苏州", "320508": "苏州",
               "320509": "吴江", "320576": "苏州", "320581": "常熟", "320582": "张家港",
               "320583": "昆山", "320585": "太仓"}
LEGAL_FORMS = ("有限公司", "有限公司", "有限公司", "股份有限公司", "科技有限公司")
UNIVERSITIES = ("苏州湖滨大学", "姑苏理工大学", "太湖科技学院", "吴越职业技术学院",
                "金鸡湖理工学院", "苏州澄湖大学", "娄江工程技术学院", "虞山师范学院",
                "暨阳工业职业技术学院", "玉峰科技大学苏州研究院", "江南工程技术大学苏州校区",
                "长三角先进技术大学")
INSTITUTES = ("苏州太湖先进材料研究院", "姑苏智能制造研究所", "江苏吴越生物医药研究院",
              "苏州澄湖纳米技术研究所", "苏州长三角光电技术研究院", "阳澄湖水环境研究所",
              "苏州虞山集成电路设计研究院", "苏州枫桥精密机械研究所", "太仓沿江新材料研究院",
              "昆山鹿城智能装备研究院", "苏州金鸡湖数字技术研究院", "张家港沙洲冶金研究所",
              "苏州胥江医疗器械检验研究所", "吴江丝绸纺织技术研究所", "苏州石湖农业科学研究所")
GOVERNMENT = ("{c}水务技术服务中心", "{c}环境监测站", "{c}农业技术推广站", "{c}市政设施管理处",
              "{c}交通运输技术保障中心")
BANKS = ("江南融通银行股份有限公司苏州分行", "长江汇丰农村商业银行股份有限公司",
         "吴越科技银行股份有限公司", "太湖信合银行股份有限公司苏州分行",
         "苏州融创科技小额贷款有限公司", "东吴知识产权融资担保有限公司")
# Syllables for invented road names: (character, pinyin).
ROAD_SYLLABLES = (("星", "Xing"), ("湖", "Hu"), ("金", "Jin"), ("枫", "Feng"), ("苑", "Yuan"),
                  ("长", "Chang"), ("青", "Qing"), ("松", "Song"), ("泽", "Ze"), ("澄", "Cheng"),
                  ("翠", "Cui"), ("宁", "Ning"), ("兴", "Xing"), ("旺", "Wang"), ("华", "Hua"),
                  ("虹", "Hong"), ("竹", "Zhu"), ("桂", "Gui"), ("富", "Fu"), ("民", "Min"),
                  ("望", "Wang"), ("亭", "Ting"), ("嘉", "Jia"), ("秀", "Xiu"), ("汇", "Hui"),
                  ("锦", "Jin"), ("荷", "He"), ("柳", "Liu"), ("梅", "Mei"), ("塘", "Tang"),
                  ("浦", "Pu"), ("滨", "Bin"), ("港", "Gang"), ("阳", "Yang"), ("新", "Xin"),
                  ("园", "Yuan"), ("东", "Dong"), ("西", "Xi"), ("南", "Nan"), ("北", "Bei"),
                  ("春", "Chun"), ("秋", "Qiu"), ("蓉", "Rong"), ("丰", "Feng"), ("安", "An"),
                  ("泰", "Tai"), ("通", "Tong"), ("德", "De"), ("胜", "Sheng"), ("乐", "Le"))
ROAD_KINDS = (("路", "Road"), ("路", "Road"), ("街", "Street"), ("大道", "Avenue"),
              ("路", "Road"), ("巷", "Lane"))
OUTSIDE_CITIES = (  # (address prefix, county code, postcode, short city name for firm names)
    ("上海市浦东新区", "310115", "201203", "上海"), ("上海市闵行区", "310112", "201100", "上海"),
    ("上海市嘉定区", "310114", "201800", "上海"), ("江苏省无锡市新吴区", "320214", "214028", "无锡"),
    ("江苏省南京市江宁区", "320115", "211100", "南京"), ("浙江省杭州市余杭区", "330110", "311100", "杭州"),
    ("浙江省嘉兴市南湖区", "330402", "314000", "嘉兴"), ("广东省深圳市南山区", "440305", "518000", "深圳"),
    ("北京市海淀区", "110108", "100080", "北京"), ("江苏省常州市武进区", "320412", "213100", "常州"),
)


def person(rng: random.Random) -> str:
    given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
    return rng.choice(SURNAMES) + given


def trade_name(rng: random.Random) -> str:
    if rng.random() < 0.15:
        return rng.choice(TRADE_PAIRS_EXTRA) + rng.choice(TRADE)
    first, second = rng.sample(TRADE, 2)
    return first + second


def enterprise(rng: random.Random, city: str, industry_word: str) -> str:
    """E.g. 昆山瑞博精密机械有限公司; the city prefix is dropped now and then (江苏…, none)."""
    roll = rng.random()
    prefix = city if roll < 0.8 else ("江苏" if roll < 0.9 else "")
    form = rng.choice(LEGAL_FORMS)
    if form == "科技有限公司" and industry_word.endswith("科技"):
        form = "有限公司"
    return f"{prefix}{trade_name(rng)}{industry_word}{form}"


def road(rng: random.Random) -> tuple[str, str]:
    """(Chinese road name, English form), e.g. ("星湖街", "Xinghu Street")."""
    (a, pa), (b, pb) = rng.sample(ROAD_SYLLABLES, 2)
    kind, english = rng.choice(ROAD_KINDS)
    return f"{a}{b}{kind}", f"{pa}{pb.lower()} {english}"


def agency(rng: random.Random, city: str) -> str:
    forms = ("专利代理事务所（普通合伙）", "知识产权代理有限公司", "专利代理有限公司",
             "知识产权服务有限公司")
    return f"{city}{trade_name(rng)}{rng.choice(forms)}"
