"""Where a department sits: the province-level and city-level names the document itself says.

The department's own name is read first ("苏州市审计局": 苏州市; "上海市普陀区人民政府办公室":
上海市, 普陀区). What the name leaves unsaid is looked for in the pages, but only as the place
words printed right before the department's name ("江苏省苏州市审计局"), so a place merely
mentioned in the prose never becomes the department's. Nothing is guessed from a file name: a
place the document does not say is None.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# The 34 province-level divisions, full names. A name may also be printed in its short form
# ("江苏" in 中共江苏省委): both map to the full name.
PROVINCES = (
    "北京市",
    "天津市",
    "上海市",
    "重庆市",
    "河北省",
    "山西省",
    "辽宁省",
    "吉林省",
    "黑龙江省",
    "江苏省",
    "浙江省",
    "安徽省",
    "福建省",
    "江西省",
    "山东省",
    "河南省",
    "湖北省",
    "湖南省",
    "广东省",
    "海南省",
    "四川省",
    "贵州省",
    "云南省",
    "陕西省",
    "甘肃省",
    "青海省",
    "台湾省",
    "内蒙古自治区",
    "广西壮族自治区",
    "西藏自治区",
    "宁夏回族自治区",
    "新疆维吾尔自治区",
    "香港特别行政区",
    "澳门特别行政区",
)
_SHORT = {
    name.removesuffix("维吾尔自治区")
    .removesuffix("壮族自治区")
    .removesuffix("回族自治区")
    .removesuffix("自治区")
    .removesuffix("特别行政区")
    .removesuffix("省")
    .removesuffix("市"): name
    for name in PROVINCES
}
# a province-level name, full or short, at the start of a string
_PROVINCE = re.compile(
    "(" + "|".join(sorted(PROVINCES, key=len, reverse=True)) + ")"
    "|(" + "|".join(sorted(_SHORT, key=len, reverse=True)) + ")(?:省|市)?"
)
# what names a party or CPPCC body before its place ("中共苏州市委", "中国共产党江苏省委员会")
_BODY_PREFIX = re.compile(r"^(?:中国共产党|中共|中国人民政治协商会议|政协)")
# a city-level or county-level name: two to four characters and the division's suffix
_PLACE = re.compile(r"^([\u4e00-\u9fff]{1,4}?(?:自治州|地区|盟|市|区|县|旗))")
# words ending like a place that are not one ("城市管理局", "社区", "开发区管委会" is kept)
_NOT_PLACES = {
    "城市",
    "都市",
    "超市",
    "本市",
    "全市",
    "全区",
    "全县",
    "社区",
    "园区",
    "景区",
    "城区",
    "市区",
    "郊区",
    "辖区",
    "地区",
    "片区",
    "山区",
    "林区",
    "矿区",
    "库区",
    "牧区",
}


def _province_at_start(text: str) -> tuple[str | None, str]:
    """(the province named at the start of ``text``, the rest)."""
    m = _PROVINCE.match(text)
    if not m:
        return None, text
    return m.group(1) or _SHORT[m.group(2)], text[m.end() :]


def _place_at_start(text: str) -> tuple[str | None, str]:
    m = _PLACE.match(text)
    if (
        m is None
        or any(m.group(1).endswith(w) for w in _NOT_PLACES)
        or any(name in m.group(1) for name in PROVINCES)  # "…局北京市": a province, not a city
    ):
        return None, text
    return m.group(1), text[m.end() :]


def places_in_name(name: str) -> tuple[str | None, str | None, str]:
    """(province, city, the name without them) as the name prints them at its start."""
    body = _BODY_PREFIX.sub("", name)
    province, rest = _province_at_start(body)
    city, rest = _place_at_start(rest)
    return province, city, rest


def _place_words(text: str) -> tuple[str | None, str | None] | None:
    """(province, city) when ``text`` is nothing but place words: a province, a city-level
    name, a county-level name under it; None when anything else is in it."""
    province, rest = _province_at_start(text)
    places: list[str] = []
    while rest and len(places) < 2:
        place, rest = _place_at_start(rest)
        if place is None:
            return None
        places.append(place)
    if rest or not (province or places):
        return None
    return province, places[0] if places else None


def detect_region(department: str | None, texts: Iterable[str]) -> tuple[str | None, str | None]:
    """(province-level name, city-level name) the document says for ``department``."""
    if not department:
        return None, None
    province, city, bare = places_in_name(department)
    if province and city:
        return province, city
    # the words right before the department's name in the document's own text
    anchor = (city or "") + re.sub(r"[（(][^）)]*[）)]$", "", bare)
    if len(anchor) < 2:
        return province, city
    pattern = re.compile(r"([\u4e00-\u9fff]{2,12})" + re.escape(anchor))
    for text in texts:
        for m in pattern.finditer(re.sub(r"\s+", "", text)):
            before = m.group(1)
            for start in range(len(before)):  # the longest run of place words before the name
                said = _place_words(before[start:])
                if said is not None:
                    return province or said[0], city or said[1]
    return province, city


def region_label(province: str | None, city: str | None) -> str | None:
    """ "江苏省苏州市", "上海市普陀区", "北京市"; None when the document names no place."""
    if province is None and city is None:
        return None
    return (province or "") + (city or "")
