"""Throughput of taawun.extract on generated ~3 KB articles, in one process (not a test).

    .venv/bin/python benchmarks/extract_bench.py [--count 1000]

The articles are assembled from sentence templates written for this benchmark, with countries,
names, ranks and dates drawn at random, so every run sees varied text of realistic length.
"""

from __future__ import annotations

import argparse
import random
import time

from taawun.extract import extract

COUNTRIES = [
    ("السعودية", "السعودي"),
    ("الأردن", "الأردني"),
    ("مصر", "المصري"),
    ("تونس", "التونسي"),
    ("المغرب", "المغربي"),
    ("إسبانيا", "الإسباني"),
    ("فرنسا", "الفرنسي"),
    ("تركيا", "التركي"),
    ("العراق", "العراقي"),
    ("الكويت", "الكويتي"),
    ("إيطاليا", "الإيطالي"),
    ("اليابان", "الياباني"),
]
CITIES = ["الرياض", "عمان", "القاهرة", "تونس", "الرباط", "مدريد", "باريس", "أنقرة", "بغداد", "الكويت"]
RANKS = ["اللواء", "العميد", "الفريق أول", "العقيد", "المقدم ركن", "اللواء الركن"]
FIRST = ["سالم", "خالد", "ناصر", "هشام", "كريم", "يوسف", "طارق", "منصور", "عادل", "فيصل"]
LAST = ["الحربي", "العتيبي", "بن علي", "الشامي", "الكبيسي", "المرزوقي", "الدوري", "السالمي"]
MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر"]
FILLER = [
    "وأكد الجانبان أهمية تطوير التنسيق في مجال مكافحة الجريمة المنظمة وتهريب المخدرات عبر الحدود.",
    "وتناول اللقاء سبل تبادل المعلومات والخبرات في مجالات الأمن السيبراني والسلامة المرورية.",
    "كما بحث الطرفان تنظيم دورات تدريبية مشتركة لمنسوبي الأجهزة الأمنية في البلدين.",
    "ومن المتوقع أن يتم تشكيل لجنة فنية مشتركة لمتابعة تنفيذ ما تم الاتفاق عليه خلال الأشهر المقبلة.",
    "وأشاد الوفد بالتجهيزات الحديثة التي اطلع عليها خلال جولته الميدانية على مراكز القيادة والسيطرة.",
    "وفي ختام الزيارة جرى تبادل الهدايا التذكارية بين رئيسي الوفدين وسط أجواء ودية.",
]


def article(rng: random.Random) -> str:
    host, guest = rng.sample(COUNTRIES, 2)
    name = lambda: f"{rng.choice(FIRST)} {rng.choice(FIRST)} {rng.choice(LAST)}"  # noqa: E731
    day, month, year = rng.randint(1, 27), rng.choice(MONTHS), rng.randint(2015, 2025)
    head = (
        f"وزير الداخلية {host[1]} يستقبل وفدا أمنيا {guest[1]}\n"
        f"استقبل وزير الداخلية {host[1]} {rng.choice(RANKS)} {name()} في {rng.choice(CITIES)} "
        f"من {day} إلى {day + 1} {month} {year} وفدا أمنيا من {guest[0]} برئاسة {rng.choice(RANKS)} {name()}، "
        f"مدير عام الجوازات {guest[1]}.\n"
    )
    body = []
    while len(head) + sum(len(s) for s in body) < 1650:
        body.append(rng.choice(FILLER))
    return head + " ".join(body)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    texts = [article(rng) for _ in range(args.count)]
    extract(texts[0], home="SA")  # load and compile gazetteers before timing
    began = time.perf_counter()
    for text in texts:
        extract(text, published="2025-01-01", home="SA")
    seconds = time.perf_counter() - began
    size = sum(len(t.encode()) for t in texts) / len(texts)
    print(
        f"{args.count} articles, mean {size / 1024:.1f} KB, {seconds:.2f} s, {args.count / seconds:.0f} articles/s"
    )


if __name__ == "__main__":
    main()
