"""Every block an editor can add has a preview in the block picker (Wagtail's preview_value)."""

import pytest

from wagtail.blocks import StreamBlock
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

import content.blocks

pytestmark = pytest.mark.django_db


def stream_children():
    for name in dir(content.blocks):
        block_class = getattr(content.blocks, name)
        if isinstance(block_class, type) and issubclass(block_class, StreamBlock) and block_class is not StreamBlock:
            yield from ((name, child_name, child) for child_name, child in block_class().child_blocks.items())


def test_every_block_in_the_picker_has_a_preview_that_renders(client):
    get_image_model().objects.create(title="Een praktijklokaal", file=get_test_image_file())
    checked = 0
    for stream, name, block in stream_children():
        value = block.get_preview_value()
        assert value not in (None, "", {}), f"{stream}.{name} has no preview value"
        assert block.render(block.to_python(block.get_prep_value(value))).strip(), f"{stream}.{name} renders empty"
        checked += 1
    assert checked >= 10


def test_the_image_block_has_no_preview_without_images():
    assert content.blocks.ImageBlock().get_preview_value() is None
