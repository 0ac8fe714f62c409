"""Walking the hash chain: the first entry that is not what was written, or None."""

from __future__ import annotations

from dataclasses import dataclass

from taawun.audit.models import GENESIS_HASH, AuditEntry, ChainHead


@dataclass(frozen=True)
class Verdict:
    entries: int
    last_hash: str
    problem: str | None = None
    seq: int | None = None  # the entry where the chain breaks

    @property
    def intact(self) -> bool:
        return self.problem is None


def verify_chain(chunk_size: int = 2000) -> Verdict:
    expected_seq, prev_hash, count = 1, GENESIS_HASH, 0
    for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=chunk_size):
        if entry.seq != expected_seq:
            if expected_seq == 1:
                missing = f"entry #1 to #{entry.seq - 1}" if entry.seq > 2 else "entry #1"
            elif entry.seq - expected_seq == 1:
                missing = f"entry #{expected_seq}"
            else:
                missing = f"entries #{expected_seq} to #{entry.seq - 1}"
            return Verdict(
                count,
                prev_hash,
                f"Entry #{entry.seq}: {missing} missing (deleted) before it; the sequence jumps "
                f"from #{expected_seq - 1} to #{entry.seq}.",
                entry.seq,
            )
        computed = entry.compute_hash()
        if computed != entry.entry_hash:
            return Verdict(
                count,
                prev_hash,
                f"Entry #{entry.seq} was altered: its content no longer matches its hash "
                f"(stored {entry.entry_hash[:16]}…, computed {computed[:16]}…).",
                entry.seq,
            )
        if entry.prev_hash != prev_hash:
            return Verdict(
                count,
                prev_hash,
                f"Entry #{entry.seq} does not follow entry #{entry.seq - 1}: its previous-hash link "
                f"is broken (entries reordered, replaced, or #{entry.seq - 1} rewritten with a new hash).",
                entry.seq,
            )
        expected_seq, prev_hash, count = entry.seq + 1, entry.entry_hash, count + 1

    head = ChainHead.objects.filter(pk=1).first()
    if head is None:
        if count:
            return Verdict(
                count, prev_hash, "The chain head record is missing; the end of the trail cannot be checked."
            )
    elif head.seq != count or head.last_hash != prev_hash:
        if head.seq > count:
            missing = (
                f"entry #{head.seq} is"
                if head.seq == count + 1
                else f"entries #{count + 1} to #{head.seq} are"
            )
            problem = (
                f"The trail ends at entry #{count} but the chain head records #{head.seq}: "
                f"{missing} missing (deleted)."
            )
        else:
            problem = (
                f"The chain head records entry #{head.seq} ({head.last_hash[:16]}…) but the trail ends at "
                f"#{count} ({prev_hash[:16]}…): entries were added or rewritten outside the application."
            )
        return Verdict(count, prev_hash, problem, min(head.seq, count) + 1)
    return Verdict(count, prev_hash)
