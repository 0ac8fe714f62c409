"""End-to-end ingestion throughput: N generated press releases through `taawun ingest` (not a test).

    .venv/bin/python benchmarks/ingest_bench.py                # 1000 articles, fresh SQLite
    .venv/bin/python benchmarks/ingest_bench.py --n 10000      # the full figure
    .venv/bin/python benchmarks/ingest_bench.py --accept       # accepted records instead of drafts
    DATABASE_URL=postgres://... .venv/bin/python benchmarks/ingest_bench.py   # a throw-away test database

Each article is written to a file first; the timed part is the command itself: reading each file
(content sniffing, decoding), storing the source once per content hash, extraction, the draft,
and the audit entries, one transaction per file. A second run over the same folder is timed too
(every file already known). The articles come from sentence templates written for this
benchmark with parties, people, places, dates and topics drawn at random.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import sys
import tempfile
import time
from pathlib import Path

# Django and the application are imported inside the functions: only once the database is chosen
# and Django set up (main()).

# (country, adjective) pairs for hosts and guests.
SIDES = [
    ("المملكة العربية السعودية", "السعودي"),
    ("المملكة الأردنية الهاشمية", "الأردني"),
    ("جمهورية مصر العربية", "المصري"),
    ("دولة الكويت", "الكويتي"),
    ("سلطنة عمان", "العماني"),
    ("مملكة البحرين", "البحريني"),
    ("الجمهورية التونسية", "التونسي"),
    ("المملكة المغربية", "المغربي"),
    ("جمهورية العراق", "العراقي"),
    ("الجمهورية الفرنسية", "الفرنسي"),
    ("جمهورية إيطاليا", "الإيطالي"),
    ("جمهورية كوريا", "الكوري"),
]
TOWNS = ["جدة", "الدمام", "عمّان", "الإسكندرية", "مسقط", "المنامة", "سوسة", "طنجة", "البصرة", "ليون"]
GRADES = ["اللواء", "العميد", "العقيد", "الفريق", "المقدم", "الرائد"]
GIVEN = ["عبدالله", "مشعل", "راشد", "حمد", "وليد", "أنور", "ماجد", "سعيد", "إبراهيم", "زياد", "بندر"]
FAMILY = ["القحطاني", "الزهراني", "النعيمي", "الخالدي", "الجبوري", "الرفاعي", "التميمي", "الهاشمي"]
MONTH_NAMES = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "نوفمبر"]
OFFICES = ["الأمن العام", "المرور", "الدفاع المدني", "حرس الحدود", "مكافحة المخدرات", "الجوازات"]
TOPICS = [
    "مكافحة الإرهاب وتمويله",
    "مكافحة تهريب المخدرات",
    "الجرائم الإلكترونية",
    "أمن الحدود والمنافذ",
    "الهجرة غير النظامية",
    "السلامة المرورية",
    "الحماية المدنية وإدارة الكوارث",
]
OPENINGS = [
    "{town} - استقبل وزير الداخلية {host_adj} في مقر الوزارة بمدينة {town} يوم {day} {month} {year} "
    "{grade} {person}، رئيس الوفد الأمني {guest_adj} الزائر، والوفد المرافق له.",
    "{town} - عقد وزير الداخلية {host_adj} جلسة مباحثات رسمية في {town} بتاريخ {day} {month} {year} "
    "مع وفد من {guest} يرأسه {grade} {person} مدير عام {office}.",
    "{town} - اختتمت في {town} يوم {day} {month} {year} أعمال ورشة عمل مشتركة بين وزارتي الداخلية "
    "في {host} و{guest} بمشاركة {grade} {person}.",
]
MIDDLES = [
    "وتناولت المباحثات أوجه التعاون القائم بين الجانبين في مجالات {topic} و{topic2}.",
    "واستعرض الجانبان التجارب الناجحة في {topic}، وسبل تبادل المعلومات والخبرات الميدانية.",
    "وقدم المختصون عرضا عن منظومة {office} والتقنيات المستخدمة في {topic2}.",
    "وأشاد رئيس الوفد بمستوى التنسيق القائم بين الأجهزة الأمنية في البلدين الشقيقين.",
    "وجرى الاتفاق على تعزيز قنوات الاتصال المباشر بين المختصين في {topic}.",
]
CLOSINGS = [
    "ومن المقرر أن يعقد الجانبان اجتماعا للجنة الأمنية المشتركة خلال الربع القادم.",
    "كما سيتم تنظيم برنامج تدريبي متخصص لمنسوبي {office} في {guest}.",
    "وفي ختام اللقاء تبادل الجانبان الدروع التذكارية.",
]


def press_release(rng: random.Random, serial: int) -> str:
    (host, host_adj), (guest, guest_adj) = rng.sample(SIDES, 2)
    fields = {
        "host": host,
        "host_adj": host_adj,
        "guest": guest,
        "guest_adj": guest_adj,
        "town": rng.choice(TOWNS),
        "grade": rng.choice(GRADES),
        "person": f"{rng.choice(GIVEN)} بن {rng.choice(GIVEN)} {rng.choice(FAMILY)}",
        "office": rng.choice(OFFICES),
        "day": rng.randint(1, 28),
        "month": rng.choice(MONTH_NAMES),
        "year": rng.randint(2016, 2025),
    }
    topics = rng.sample(TOPICS, 2)
    fields.update(topic=topics[0], topic2=topics[1])
    parts = [rng.choice(OPENINGS).format(**fields)]
    parts += [sentence.format(**fields) for sentence in rng.sample(MIDDLES, 3)]
    parts.append(rng.choice(CLOSINGS).format(**fields))
    # A reference number makes every release distinct, as real ones are.
    parts.append(f"(الخبر رقم {serial})")
    return "\n".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=1000, help="number of articles (default 1000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--accept", action="store_true", help="accept the records (taawun ingest --accept)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="taawun-ingest-bench-"))
    postgres = bool(os.environ.get("DATABASE_URL"))
    if not postgres:
        os.environ["TAAWUN_VAR_DIR"] = str(work / "var")  # a fresh, empty SQLite database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "taawun.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import translation

    translation.activate("en")
    if postgres:
        test_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    else:
        call_command("migrate", verbosity=0)
        test_name = None

    articles = work / "articles"
    articles.mkdir()
    rng = random.Random(args.seed)
    total_bytes = 0
    for serial in range(args.n):
        data = press_release(rng, serial).encode("utf-8")
        total_bytes += len(data)
        (articles / f"{serial:06d}.txt").write_bytes(data)

    from taawun.ingest.models import Draft
    from taawun.registry.models import Engagement

    def run() -> tuple[float, float, str]:
        out = io.StringIO()
        options = ["--no-progress", "--home", "SA"] + (["--accept"] if args.accept else [])
        started, cpu = time.perf_counter(), time.process_time()
        call_command("ingest", str(articles), *options, stdout=out)
        return time.perf_counter() - started, time.process_time() - cpu, out.getvalue()

    try:
        seconds, cpu, summary = run()
        again, cpu_again, _summary = run()
        engine = connection.vendor
        mode = "accepted" if args.accept else "drafts"
        print(
            f"{args.n} articles ({total_bytes / args.n / 1024:.1f} KB mean), {engine}, {mode}: "
            f"{seconds:.2f} s, {args.n / seconds:.0f} articles/s end to end "
            f"({cpu:.2f} s CPU in this process, {args.n / cpu:.0f} articles per CPU-second)"
        )
        print(
            f"second run (all already known): {again:.2f} s, {args.n / again:.0f} articles/s "
            f"({args.n / cpu_again:.0f} per CPU-second)"
        )
        print(f"drafts {Draft.objects.count()}, engagements {Engagement.objects.count()}")
        print(summary.strip())
    finally:
        if postgres and test_name:
            connection.creation.destroy_test_db(test_name, verbosity=0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
