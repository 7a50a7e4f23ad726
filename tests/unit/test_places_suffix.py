"""Unknown places recognised by their suffix (core/place_suffix.py)."""

from djreader.core.places import find_places


def _names(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_places(text)]


def test_unknown_village_after_a_function_word():
    assert "沙矶头村" in _names("在沙矶头村，家家户户都购置了电视机。")


def test_unknown_village_then_its_bare_form():
    text = "记者来到鹿丹村采访。鹿丹的变化很大。"
    assert _names(text).count("鹿丹") == 1 and "鹿丹村" in _names(text)


def test_unknown_lake_and_foreign_city():
    assert "官桥湖" in _names("此次官桥湖死鱼达30万公斤")
    assert "波尔多市" in _names("设在波尔多市附近的造币厂")


def test_generic_words_are_not_places():
    text = "全村人都来了，该镇的山村里，建设新农村，走进超市，大城市里，人工岛，三下乡活动，小康村建设"
    assert not any(s.kind in ("village", "township", "geo", "city") for s in find_places(text))


def test_person_names_and_idioms_are_not_places():
    for text in ("部长刘云峰说，", "记者张德江报道", "日薄西山", "指点江山", "五省一市的代表"):
        assert find_places(text) == [], text


def test_foreign_city_from_geonames_with_its_country():
    spans = find_places("在伍珀塔尔比赛")
    assert [("伍珀塔尔", "city")] == [("在伍珀塔尔比赛"[s.start : s.end], s.kind) for s in spans]
    assert spans[0].parents == ("德国",)


def test_two_continents_as_one_word():
    text = "把欧美流行的食品，亚非作家会议"
    got = [(text[s.start : s.end], s.kind) for s in find_places(text)]
    assert got == [("欧", "region"), ("美", "region"), ("亚", "region"), ("非", "region")]
    assert find_places("是非美丑") == []


def test_list_closed_by_a_count_of_towns():
    text = "在实地考察了郑口、沙河店两镇的工作后"
    got = [(text[s.start : s.end], s.kind) for s in find_places(text)]
    assert ("郑口", "township") in got and ("沙河店", "township") in got
    assert find_places("张三、李四两村民") == []
    # an item that holds a known name (饶阳, a county's short form) is the town all the same
    text = "考察了郑口、饶阳店两镇"
    assert [(text[s.start : s.end], s.kind) for s in find_places(text)] == [("郑口", "township"), ("饶阳店", "township")]


def test_a_count_before_a_suffix_is_no_name():
    assert not any(s.kind == "township" for s in find_places("河北省饶阳县饶阳店两镇"))


def test_rare_county_short_form_alone():
    spans = find_places("恭城的经验值得推广")
    assert [("恭城", "county")] == [("恭城的经验值得推广"[s.start : s.end], s.kind) for s in spans]
    assert find_places("突破千处大关") == []
