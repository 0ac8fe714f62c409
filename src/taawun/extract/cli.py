"""`taawun extract [--json] [--evidence] [--published YYYY-MM-DD] [--home CODE] FILE...`

One JSON object for one file, JSON Lines for several, "-" reads standard input. Without
--json, a short bilingual summary. A bad file (empty, binary, not UTF-8, no Arabic, too big)
gets a one-line error on stderr; the others are still processed and the exit status is 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from taawun import vocabulary

from . import extract
from .record import Record

MAX_BYTES = 5 * 1024 * 1024


class InputError(Exception):
    """A file the extractor cannot read as an Arabic article (message in English and Arabic)."""


def _parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="taawun extract", description="Extract a cooperation-event record.")
    parser.add_argument("files", nargs="+", metavar="FILE", help='article text files ("-" for stdin)')
    parser.add_argument("--json", action="store_true", help="print SCHEMA.md's JSON object")
    parser.add_argument("--evidence", action="store_true", help='with --json, add "evidence" spans')
    parser.add_argument("--published", type=date.fromisoformat, help="publication date, YYYY-MM-DD")
    parser.add_argument("--home", help="party code an unqualified 'وزارة الداخلية' means (e.g. SA)")
    return parser.parse_args(argv)


def read_article(name: str) -> str:
    try:
        if name == "-":
            data = sys.stdin.buffer.read(MAX_BYTES + 1)
        else:
            with open(name, "rb") as handle:
                data = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise InputError(f"cannot read file ({error.strerror}) / تعذرت قراءة الملف") from error
    if len(data) > MAX_BYTES:
        raise InputError(f"file larger than {MAX_BYTES // (1024 * 1024)} MB / الملف أكبر من الحد المسموح")
    if not data.strip():
        raise InputError("empty file / الملف فارغ")
    if b"\x00" in data[:4096]:
        raise InputError("binary file, not text / الملف ثنائي وليس نصا")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1256")  # older Arabic Windows pages
        except UnicodeDecodeError:
            raise InputError("not UTF-8 text / الملف ليس نصا بترميز UTF-8") from None
    if sum(1 for ch in text if "\u0600" <= ch <= "\u06ff") < 10:
        raise InputError("no Arabic text found / لا يوجد نص عربي")
    return text


def summary(record: Record) -> str:
    kinds = {t.key: t for t in vocabulary.kinds()}
    domains = {t.key: t for t in vocabulary.domains()}
    forms = {t.key: t for t in vocabulary.forms()}

    def both(table: dict, key: str) -> str:
        term = table.get(key)
        return f"{term.ar} / {term.en}" if term else key

    lines = [
        f"النوع / Kind: {both(kinds, record.kind) if record.kind in kinds else record.kind}",
        f"التاريخ / Date: {record.start or '—'} → {record.end or '—'}",
        f"المكان / Place: {record.city or '—'} ({record.country or '—'})",
        f"المضيف / Host: {record.host or '—'}   الضيوف / Guests: {', '.join(record.guests) or '—'}",
        f"الأطراف / Parties: {', '.join(record.parties) or '—'}",
    ]
    for person in record.people:
        parts = [p for p in (person.rank, person.name, person.position, person.party) if p]
        lines.append(f"  - {' | '.join(parts)}")
    lines.append("المجالات / Domains: " + ("، ".join(both(domains, d) for d in record.domains) or "—"))
    lines.append("الأشكال / Forms: " + ("، ".join(both(forms, f) for f in record.forms) or "—"))
    for item in record.follow_ups:
        lines.append(f"  • {item}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    args = _parse_args(argv)
    failed = 0
    for name in args.files:
        try:
            text = read_article(name)
            record = extract(text, published=args.published, home=args.home)
        except InputError as error:
            failed += 1
            print(f"taawun extract: {name}: {error}", file=sys.stderr)
            continue
        except Exception as error:  # never a traceback for one bad article; go on with the rest
            failed += 1
            print(
                f"taawun extract: {name}: extraction failed ({type(error).__name__}) / فشل الاستخراج",
                file=sys.stderr,
            )
            continue
        if args.json:
            data = record.to_json()
            data["confidence"] = dict(record.confidence)  # the scorer ignores it
            if args.evidence:
                data["evidence"] = record.evidence_json()
                data["reasons"] = dict(record.reasons)
            print(json.dumps(data, ensure_ascii=False))
        else:
            if len(args.files) > 1:
                print(f"== {name}")
            print(summary(record))
    return 1 if failed else 0
