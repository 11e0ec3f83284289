"""Demo photos drawn locally with Pillow: simple illustrated houses in varied colours.

A small fixed set (reused across residences) keeps seeding fast and the media folder small.
"""

import hashlib
import io
import random

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.images.models import Image
from wagtail.models import Collection

IMAGE_COUNT = 24
SIZE = (960, 640)
COLLECTION_NAME = "Demofoto's"
FACADES = (
    ("rode", (178, 58, 46)), ("gele", (226, 181, 74)), ("witte", (236, 232, 222)),
    ("blauwe", (70, 110, 160)), ("groene", (92, 140, 90)), ("bruine", (128, 86, 58)),
    ("grijze", (140, 140, 146)), ("oranje", (222, 128, 52)),
)
DOORS = (("groene", (40, 100, 60)), ("blauwe", (30, 60, 120)), ("rode", (150, 30, 30)))
ROOFS = ((70, 50, 45), (120, 60, 40), (60, 60, 70))


def draw_house(number: int) -> tuple[bytes, str]:
    rng = random.Random(f"huis-{number}")
    facade_name, facade = FACADES[number % len(FACADES)]
    door_name, door = DOORS[rng.randrange(len(DOORS))]
    floors = 1 + number % 3
    canvas = PillowImage.new("RGB", SIZE, (170, 205, 235))
    draw = ImageDraw.Draw(canvas)
    draw.rectangle((0, 470, SIZE[0], SIZE[1]), fill=(110, 165, 80))
    draw.ellipse((790, 40, 880, 130), fill=(250, 220, 90))
    width = 360 + 40 * (number % 4)
    left = (SIZE[0] - width) // 2
    top = 470 - 110 * floors
    draw.rectangle((left, top, left + width, 470), fill=facade, outline=(40, 40, 40), width=3)
    draw.polygon(
        [(left - 30, top), (left + width // 2, top - 130), (left + width + 30, top)],
        fill=ROOFS[number % len(ROOFS)],
    )
    for floor in range(floors):
        y = top + 25 + floor * 110
        for column in range(3):
            x = left + 30 + column * (width - 60) // 3
            draw.rectangle(
                (x, y, x + 60, y + 60), fill=(210, 230, 245), outline=(255, 255, 255), width=4
            )
    door_x = left + width // 2 - 30
    draw.rectangle((door_x, 470 - 100, door_x + 60, 470), fill=door)
    trees = rng.randint(1, 3)
    for tree in range(trees):
        x = 60 + tree * 110 if tree % 2 == 0 else SIZE[0] - 120 - tree * 40
        draw.rectangle((x + 30, 400, x + 45, 480), fill=(100, 70, 40))
        draw.ellipse((x, 320, x + 75, 420), fill=(60, 130, 60))
    buffer = io.BytesIO()
    canvas.save(buffer, format="JPEG", quality=82)
    floors_text = {1: "één verdieping", 2: "twee verdiepingen", 3: "drie verdiepingen"}[floors]
    alt = (
        f"Tekening van een huis met een {facade_name} gevel, {floors_text} "
        f"en een {door_name} voordeur"
    )
    return buffer.getvalue(), alt


def demo_collection() -> Collection:
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=COLLECTION_NAME).first()
    return collection or root.add_child(name=COLLECTION_NAME)


def demo_images(count: int = IMAGE_COUNT) -> list[Image]:
    """The demo photos, drawn and stored the first time, found again afterwards."""
    collection = demo_collection()
    images = []
    for number in range(1, count + 1):
        title = f"Demowoning {number:02d}"
        image = Image.objects.filter(title=title, collection=collection).first()
        if image is None:
            data, alt = draw_house(number)
            image = Image(title=title, description=alt, collection=collection)
            image.file = ImageFile(io.BytesIO(data), name=f"demowoning-{number:02d}.jpg")
            image.width, image.height = SIZE
            image.file_size = len(data)
            image.file_hash = hashlib.sha1(data).hexdigest()
            image.save()
        images.append(image)
    return images
