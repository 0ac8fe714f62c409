"""The daily screens as the eye reads them: names typed in the other script keep their order on an
English page (and an Arabic one), and the main pages fit a 1024 px window in both languages with
no sideways scrolling."""

from __future__ import annotations

import pytest
from django.conf import settings

from taawun.ingest import services
from tests.e2e.conftest import OVERFLOW
from tests.personas import logged_in, make_user

# The box of the first element matching each selector: {selector: {left, right, dir, tag}}.
BOXES = """
(selectors) => Object.fromEntries(selectors.map((selector) => {
  const element = document.querySelector(selector);
  if (!element) return [selector, null];
  const box = element.getBoundingClientRect();
  return [selector, {left: box.left, right: box.right, dir: element.getAttribute("dir"),
                     tag: element.tagName.toLowerCase(), text: element.textContent}];
}))
"""


NAME = "سامي بن فهد القحطاني"
POSITION = "مدير عام الشؤون الدولية"


def isolated(box: dict) -> bool:
    """A <bdi>, or an element whose direction comes from its own text."""
    return box["tag"] == "bdi" or box["dir"] == "auto"


@pytest.fixture
def chaired_committee(make):
    chair = make.person("JO", name_ar=NAME, name_en="", position=POSITION)
    return make.committee(["SA", "JO"], members=[chair], chair=chair)


@pytest.mark.parametrize("prefix", ["/en", ""], ids=["english", "arabic"])
def test_an_arabic_only_name_and_its_position_keep_their_order(signed_in_page, chaired_committee, prefix):
    page = signed_in_page
    page.goto(f"{prefix}/agreements/jointcommittee/{chaired_committee.pk}/")
    chair = "dl.fields dd a[href*='/registry/person/']"
    position = "dl.fields dd a[href*='/registry/person/'] + bdi"
    boxes = page.evaluate(BOXES, [chair, position])
    name_box, position_box = boxes[chair], boxes[position]
    assert name_box and name_box["text"] == NAME, boxes
    assert position_box and position_box["text"] == POSITION, boxes
    assert isolated(name_box) and isolated(position_box)
    if prefix == "/en":
        # Read left to right: the name first, then its position.
        assert name_box["right"] <= position_box["left"], boxes
    else:
        # Read right to left: the name first (on the right), then its position.
        assert position_box["right"] <= name_box["left"], boxes


def test_an_arabic_city_before_an_english_country_keeps_its_place(signed_in_page, make):
    engagement = make.engagement("SA", ["JO"], location_city="الرياض", location_country=make.party("SA"))
    page = signed_in_page
    page.goto(f"/en/registry/engagement/{engagement.pk}/")
    where = page.locator("dl.fields dt", has_text="Where").locator("xpath=following-sibling::dd[1]")
    city = where.locator("bdi").first
    country = where.locator("a").first
    assert city.text_content() == "الرياض"
    assert city.bounding_box()["x"] + city.bounding_box()["width"] <= country.bounding_box()["x"]


@pytest.fixture
def administrator_page(page, live_server, django_user_model, make):
    """An administrator's session (every page, the audit trail too) and a little of everything,
    with an unbroken value in the audit trail (a source's content hash)."""
    administrator = make_user(django_user_model, "administrator")
    make.committee(["SA", "JO"])
    make.action_item("JO", title="تبادل قوائم الضباط المعتمدين لدى الجانبين")
    # A document read into the review queue: its source's content hash is in the audit trail.
    services.ingest_text(
        text="عمّان - بحث وزير الداخلية الأردني مع وفد أمني سعودي اليوم التعاون في أمن الحدود.",
        home="SA",
        actor=administrator,
    )
    make.engagement("SA", ["JO"], title_ar="زيارة وفد أمني أردني إلى الرياض")
    client = logged_in(administrator)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )
    return page


PAGES = [
    "/",
    "/reports/dashboard/",
    "/registry/party/",
    "/registry/party/JO/",
    "/registry/engagement/",
    "/registry/person/",
    "/registry/source/",
    "/agreements/jointcommittee/",
    "/agreements/actionitem/",
    "/agreements/overdue/",
    "/agreements/understanding/",
    "/training/trainingprogram/",
    "/knowledge/knowledgeitem/",
    "/ingest/",
    "/schedule/",
    "/schedule/agenda/",
    "/notifications/",
    "/audit/",
    "/accounts/users/",
]


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["arabic", "english"])
def test_the_main_pages_fit_a_1024_pixel_window(administrator_page, prefix):
    page = administrator_page
    page.set_viewport_size({"width": 1024, "height": 768})
    too_wide = {}
    for path in PAGES:
        page.goto(prefix + path)
        measured = page.evaluate(OVERFLOW)
        if measured["scroll"] > 0:
            too_wide[path] = measured
    assert too_wide == {}


# The size, in screen pixels, at which each chart draws its labels (its 12 px scaled with the chart).
LABEL_SIZES = """
() => [...document.querySelectorAll("svg.chart, svg.network")].map((chart) => {
  const label = chart.querySelector("text.label");
  return chart.getScreenCTM().a * parseFloat(getComputedStyle(label).fontSize);
})
"""


@pytest.mark.parametrize("width", [1366, 1024])
@pytest.mark.parametrize("prefix", ["", "/en"], ids=["arabic", "english"])
def test_the_dashboard_charts_are_drawn_large_enough_to_read(signed_in_page, make, width, prefix):
    for guest in ("JO", "QA", "SY"):
        make.engagement("SA", [guest], domains=["counter_terrorism"])
    page = signed_in_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{prefix}/reports/dashboard/")
    sizes = page.evaluate(LABEL_SIZES)
    assert len(sizes) == 4 and min(sizes) >= 11, sizes  # three bar charts and the network


# The network's names as drawn: each one's box, and the network's own box.
NETWORK_LABELS = """
() => {
  const network = document.querySelector("svg.network");
  const box = (element) => {
    const r = element.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom};
  };
  return {
    chart: box(network),
    labels: [...network.querySelectorAll("text.label")].map((label) => {
      const last = label.getNumberOfChars() - 1;
      // Where the first and the last letter are drawn: a cut name's ellipsis ends its reading.
      const first_x = label.getExtentOfChar(0).x, last_x = label.getExtentOfChar(last).x;
      return {name: label.textContent, first_x, last_x, ...box(label)};
    }),
  };
}
"""


def meet(a: dict, b: dict) -> bool:
    return (
        a["left"] < b["right"] - 0.5
        and b["left"] < a["right"] - 0.5
        and a["top"] < b["bottom"] - 0.5
        and b["top"] < a["bottom"] - 0.5
    )


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["arabic", "english"])
def test_the_network_names_stay_apart_and_inside_it(signed_in_page, make, prefix):
    # Partners of unequal weight, long names among them, as the demo has them.
    weights = {"SY": 6, "KW": 4, "BH": 3, "EU": 3, "QA": 3, "IQ": 2, "AIMC": 1, "EG": 1, "ES": 1, "GCC": 1}
    weights |= {"INTERPOL": 1, "JO": 1, "MA": 1}
    for guest, weight in weights.items():
        for _ in range(weight):
            make.engagement("SA", [guest])
    guests = list(weights)
    page = signed_in_page
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{prefix}/reports/dashboard/")
    drawn = page.evaluate(NETWORK_LABELS)
    labels, chart = drawn["labels"], drawn["chart"]
    assert len(labels) == len(guests) + 1
    for label in labels:
        assert chart["left"] <= label["left"] and label["right"] <= chart["right"], label
        assert chart["top"] <= label["top"] and label["bottom"] <= chart["bottom"], label
    touching = [(a["name"], b["name"]) for i, a in enumerate(labels) for b in labels[i + 1 :] if meet(a, b)]
    assert touching == []
    # A name cut short ends with its ellipsis where its reading ends: on the left in Arabic.
    cut = [label for label in labels if label["name"].endswith("…")]
    assert cut, "a long name is cut (the Gulf Cooperation Council's)"
    for label in cut:
        arabic = any("\u0600" <= char <= "\u06ff" for char in label["name"])
        assert (label["last_x"] < label["first_x"]) == arabic, label


def test_an_english_paragraph_after_an_arabic_one_keeps_its_full_stop_at_its_end(signed_in_page, make):
    engagement = make.engagement(summary="اجتماع دوري لبحث التعاون.\n\nA regular meeting on cooperation.")
    page = signed_in_page
    page.goto(f"/en/registry/engagement/{engagement.pk}/")
    # Where the sentence's first letter and its full stop are drawn (the text node holding it).
    ends = page.evaluate(
        """() => {
          const walker = document.createTreeWalker(document.querySelector(".prose"), NodeFilter.SHOW_TEXT);
          let text = walker.nextNode();
          while (text && !text.data.includes("A regular meeting")) text = walker.nextNode();
          const start = text.data.indexOf("A regular meeting"), stop = text.data.indexOf(".", start);
          const range = document.createRange();
          range.setStart(text, start); range.setEnd(text, start + 1);
          const first = range.getBoundingClientRect().left;
          range.setStart(text, stop); range.setEnd(text, stop + 1);
          return {first, stop: range.getBoundingClientRect().left};
        }"""
    )
    # The full stop is drawn at the right end of the English sentence, not before its first word.
    assert ends["stop"] > ends["first"], ends
