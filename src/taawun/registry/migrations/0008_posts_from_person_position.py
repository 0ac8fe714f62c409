"""Each person's free-text position becomes one current post (no dates known), and contact
details, none yet, are classified as their person."""

from django.db import migrations
from django.db.models import F

BATCH = 2000


def posts_from_positions(apps, schema_editor) -> None:
    """One current Position (no dates) for every person with a non-empty position and no post yet.
    The text goes in the Arabic title when it is written in Arabic, else in the English one."""
    Person = apps.get_model("registry", "Person")
    Position = apps.get_model("registry", "Position")
    Person.objects.update(contact_classification=F("classification"))
    people = (
        Person.objects.exclude(position="")
        .filter(positions__isnull=True)
        .values_list("pk", "position", "agency_id")
        .order_by("pk")
    )
    batch = []
    for pk, text, agency_id in people.iterator(chunk_size=BATCH):
        text = text.strip()
        if not text:
            continue
        arabic = any("\u0600" <= ch <= "\u06ff" for ch in text)
        batch.append(
            Position(
                person_id=pk,
                title_ar=text if arabic else "",
                title_en="" if arabic else text,
                agency_id=agency_id,
            )
        )
        if len(batch) >= BATCH:
            Position.objects.bulk_create(batch)
            batch = []
    Position.objects.bulk_create(batch)


def positions_from_posts(apps, schema_editor) -> None:
    """Back: the posts are dropped with their table; Person.position still holds the text."""


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0007_person_posts_and_contact_details"),
    ]

    operations = [
        migrations.RunPython(posts_from_positions, positions_from_posts),
    ]
