"""The first set of conversation cards, for a new site: read from content/data/conversation_cards.yaml (the same file
the demo loader reads), only when there are no cards yet, so editors' cards are never touched. Reversing it leaves
the cards alone."""

from pathlib import Path

import yaml

from django.db import migrations

CARDS_FILE = Path(__file__).resolve().parent.parent / "data" / "conversation_cards.yaml"


def add_first_cards(apps, schema_editor):
    ConversationCard = apps.get_model("content", "ConversationCard")
    if ConversationCard.objects.exists() or not CARDS_FILE.exists():
        return
    with open(CARDS_FILE, encoding="utf-8") as handle:
        cards = yaml.safe_load(handle).get("cards") or []
    positions = {}
    for card in cards:
        group = (card["perspective"], card["theme"])
        positions[group] = positions.get(group, 0) + 1
        ConversationCard.objects.create(
            perspective=card["perspective"],
            theme=card["theme"],
            question=" ".join(card["question"].split()),
            explanation=" ".join((card.get("explanation") or "").split()),
            sort_order=positions[group] * 10,
        )


class Migration(migrations.Migration):
    dependencies = [("content", "0008_conversation_tool")]

    operations = [migrations.RunPython(add_first_cards, migrations.RunPython.noop)]
