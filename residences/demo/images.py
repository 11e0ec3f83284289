"""Demo photos drawn locally with Pillow (no downloads): varied, plausible illustrations.

Eight kinds of picture, each in five variants: terraced houses, a detached house, an apartment
block, a modern care building, canal houses with step gables, a converted farmhouse, a garden
and a living room. Shapes, colours, roofs, windows, trees and weather differ per variant, and
the alt text says what is drawn. A residence gets one building first (the photo on its result
card) and one to three garden or living-room pictures after it, chosen from its own key, so
seeding is deterministic. The small fixed set (reused across residences) keeps seeding fast and
the media folder small.
"""

from __future__ import annotations

import hashlib
import io
import random
from dataclasses import dataclass

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.images.models import Image
from wagtail.models import Collection

SIZE = (960, 640)
WIDTH, HEIGHT = SIZE
GROUND = 500
VARIANTS = 5
COLLECTION_NAME = "Demofoto's"
TITLE_PREFIX = "Demofoto"

WHITE = (245, 245, 240)
GLASS = (196, 222, 238)
DARK = (45, 45, 50)

SKIES = (
    ("zonnig", (150, 198, 238)),
    ("bewolkt", (196, 206, 216)),
    ("helder", (120, 180, 232)),
    ("avond", (236, 196, 160)),
)
BRICKS = (
    ("rode", (156, 62, 46)),
    ("bruine", (120, 78, 54)),
    ("gele", (206, 172, 112)),
    ("witte", (234, 230, 220)),
    ("grijze", (150, 150, 156)),
    ("donkerrode", (112, 44, 38)),
)
DOORS = (
    ("groene", (40, 100, 60)),
    ("blauwe", (32, 62, 122)),
    ("rode", (150, 32, 32)),
    ("zwarte", (30, 30, 34)),
    ("gele", (222, 176, 40)),
)
ROOF_TILES = ((72, 52, 46), (122, 62, 42), (62, 62, 72), (92, 92, 96))
NUMBERS = {1: "één", 2: "twee", 3: "drie", 4: "vier", 5: "vijf", 6: "zes"}


@dataclass(frozen=True)
class Picture:
    kind: str  # "gebouw" (a building: the first photo) or "omgeving" (garden, living room)
    data: bytes
    alt: str


# Shared parts ----------------------------------------------------------------------------------


def sky_and_ground(draw: ImageDraw.ImageDraw, rng: random.Random) -> str:
    name, colour = rng.choice(SKIES)
    draw.rectangle((0, 0, WIDTH, GROUND), fill=colour)
    if name in ("zonnig", "helder"):
        x = rng.randrange(60, WIDTH - 140)
        draw.ellipse((x, 40, x + 80, 120), fill=(250, 222, 96))
    for _ in range(rng.randint(1, 4) if name != "helder" else 0):
        x, y = rng.randrange(0, WIDTH - 160), rng.randrange(30, 160)
        for dx, dy, r in ((0, 10, 30), (30, 0, 38), (68, 8, 30), (40, 18, 32)):
            draw.ellipse((x + dx, y + dy, x + dx + 2 * r, y + dy + r), fill=(248, 248, 250))
    draw.rectangle((0, GROUND, WIDTH, HEIGHT), fill=rng.choice(((104, 160, 78), (92, 148, 70))))
    return name


def window(draw, x, y, w, h, frame=WHITE, mullion=True):
    draw.rectangle((x, y, x + w, y + h), fill=GLASS, outline=frame, width=4)
    if mullion:
        draw.line((x + w // 2, y, x + w // 2, y + h), fill=frame, width=3)
    draw.line((x + 8, y + h - 10, x + w // 3, y + 8), fill=(232, 242, 250), width=3)


def tree(draw, x, rng, kind=None):
    """A tree standing on the ground at x; returns its kind ('loofboom' or 'den')."""
    kind = kind or rng.choice(("loofboom", "loofboom", "den"))
    height = rng.randint(150, 230)
    draw.rectangle((x - 8, GROUND - 70, x + 8, GROUND + 10), fill=(98, 70, 42))
    green = rng.choice(((60, 128, 62), (76, 140, 58), (48, 110, 70)))
    if kind == "den":
        for step in range(3):
            top = GROUND - height + step * 45
            draw.polygon(
                [(x, top), (x - 55 + step * 4, top + 90), (x + 55 - step * 4, top + 90)], fill=green
            )
    else:
        draw.ellipse((x - 60, GROUND - height, x + 60, GROUND - 50), fill=green)
        draw.ellipse((x - 40, GROUND - height - 20, x + 30, GROUND - height + 60), fill=green)
    return kind


def trees(draw, rng, spots) -> int:
    count = rng.randint(0, len(spots))
    for x in rng.sample(spots, count):
        tree(draw, x, rng)
    return count


def hedge(draw, left, right):
    draw.rounded_rectangle((left, GROUND - 30, right, GROUND + 8), radius=14, fill=(58, 112, 56))


def with_trees(text: str, count: int) -> str:
    if count == 0:
        return text
    return f"{text} en {'een boom' if count == 1 else NUMBERS[count] + ' bomen'} ervoor"


# Buildings -------------------------------------------------------------------------------------


def terraced_houses(draw, rng) -> str:
    count = rng.randint(3, 4)
    width = 180 if count == 4 else 220
    left = (WIDTH - count * width) // 2
    floors = rng.randint(2, 3)
    top = GROUND - 100 * floors
    roof = rng.choice(ROOF_TILES)
    colours = rng.sample(BRICKS, 2)
    for number in range(count):
        x = left + number * width
        _name, brick = colours[number % 2]
        draw.rectangle((x, top, x + width, GROUND), fill=brick, outline=DARK, width=2)
        draw.polygon([(x - 4, top), (x + width // 2, top - 110), (x + width + 4, top)], fill=roof)
        for floor in range(floors):
            y = top + 20 + floor * 100
            if floor == floors - 1:
                window(draw, x + 20, y, 70, 60)
            else:
                window(draw, x + 20, y, 60, 55)
                window(draw, x + width - 80, y, 60, 55)
        door = rng.choice(DOORS)[1]
        draw.rectangle((x + width - 70, GROUND - 85, x + width - 25, GROUND), fill=door)
    hedge(draw, left, left + 60)
    colour_names = " en ".join(name for name, _ in colours)
    return (
        f"Tekening van {NUMBERS[count]} rijtjeshuizen van {NUMBERS[floors]} verdiepingen "
        f"met {colour_names} gevels en puntdaken"
    )


def detached_house(draw, rng) -> str:
    name, brick = rng.choice(BRICKS)
    width = rng.randint(420, 520)
    left = (WIDTH - width) // 2
    top = GROUND - 170
    roof = rng.choice(ROOF_TILES)
    draw.polygon(
        [
            (left - 30, top),
            (left + 90, top - 140),
            (left + width - 90, top - 140),
            (left + width + 30, top),
        ],
        fill=roof,
    )
    draw.rectangle(
        (left + width - 150, top - 190, left + width - 120, top - 100), fill=(120, 50, 40)
    )
    draw.rectangle(
        (left + width // 2 - 50, top - 110, left + width // 2 + 50, top - 40), fill=brick
    )
    window(draw, left + width // 2 - 35, top - 95, 70, 45)
    draw.rectangle((left, top, left + width, GROUND), fill=brick, outline=DARK, width=2)
    window(draw, left + 40, top + 40, 110, 80)
    window(draw, left + width - 150, top + 40, 110, 80)
    door_name, door = rng.choice(DOORS)
    draw.rectangle(
        (left + width // 2 - 30, GROUND - 110, left + width // 2 + 30, GROUND), fill=door
    )
    draw.polygon(
        [
            (left + width // 2 - 30, GROUND + 1),
            (left + width // 2 + 30, GROUND + 1),
            (left + width // 2 + 60, HEIGHT),
            (left + width // 2 - 60, HEIGHT),
        ],
        fill=(196, 186, 170),
    )
    count = trees(draw, rng, [90, WIDTH - 90])
    return with_trees(
        f"Tekening van een vrijstaand huis met een {name} gevel, een schilddak met dakkapel "
        f"en een {door_name} voordeur",
        count,
    )


def apartment_block(draw, rng) -> str:
    floors = rng.randint(4, 6)
    columns = rng.randint(4, 6)
    name, brick = rng.choice(BRICKS)
    width = 110 * columns + 40
    left = (WIDTH - width) // 2
    storey = min(80, 420 // floors)
    top = GROUND - storey * floors - 10
    draw.rectangle((left, top, left + width, GROUND), fill=brick, outline=DARK, width=3)
    draw.rectangle((left - 10, top - 14, left + width + 10, top), fill=(80, 80, 86))
    balconies = rng.random() < 0.7
    for floor in range(floors):
        y = top + 14 + floor * storey
        for column in range(columns):
            x = left + 30 + column * 110
            if floor == floors - 1 and column == columns // 2:
                draw.rectangle((x, y + 10, x + 70, GROUND), fill=(60, 70, 80))  # entrance
                continue
            window(draw, x, y, 70, storey - 30, mullion=False)
            if balconies and floor < floors - 1:
                draw.rectangle((x - 8, y + storey - 26, x + 78, y + storey - 10), fill=DARK)
                for bar in range(x - 4, x + 78, 12):
                    draw.line((bar, y + storey - 44, bar, y + storey - 26), fill=DARK, width=2)
                draw.line((x - 8, y + storey - 44, x + 78, y + storey - 44), fill=DARK, width=3)
    count = trees(draw, rng, [60, WIDTH - 60])
    text = (
        f"Tekening van een appartementengebouw van {NUMBERS[floors]} verdiepingen "
        f"met een {name} gevel en een plat dak"
    )
    if balconies:
        text += ", met balkons"
    return with_trees(text, count)


def care_building(draw, rng) -> str:
    cladding_name, cladding = rng.choice(
        (("houten", (176, 128, 80)), ("lichtgrijze", (200, 202, 204)), ("antraciet", (72, 74, 80)))
    )
    floors = rng.randint(1, 2)
    width = 760
    left = (WIDTH - width) // 2
    top = GROUND - 130 * floors
    draw.rectangle((left, top, left + width, GROUND), fill=cladding, outline=DARK, width=2)
    if cladding_name == "houten":
        for x in range(left + 12, left + width, 16):
            draw.line((x, top, x, GROUND), fill=(150, 106, 64), width=2)
    draw.rectangle((left - 25, top - 18, left + width + 25, top), fill=(235, 235, 235))
    for floor in range(floors):
        y = top + 25 + floor * 130
        for x in range(left + 30, left + width - 120, 140):
            if floor == floors - 1 and abs(x + 60 - WIDTH // 2) < 70:
                continue
            draw.rectangle((x, y, x + 110, y + 95), fill=GLASS, outline=DARK, width=3)
    door_left = WIDTH // 2 - 55
    draw.rectangle(
        (door_left, GROUND - 110, door_left + 110, GROUND),
        fill=(150, 190, 214),
        outline=DARK,
        width=3,
    )
    draw.line((WIDTH // 2, GROUND - 110, WIDTH // 2, GROUND), fill=DARK, width=3)
    draw.rectangle((door_left - 40, GROUND - 135, door_left + 150, GROUND - 115), fill=WHITE)
    draw.rectangle((left + 40, GROUND + 30, left + 150, GROUND + 42), fill=(120, 82, 50))  # bench
    draw.rectangle((left + 50, GROUND + 42, left + 58, GROUND + 60), fill=DARK)
    draw.rectangle((left + 132, GROUND + 42, left + 140, GROUND + 60), fill=DARK)
    hedge(draw, left + width - 220, left + width - 20)
    floors_text = "één verdieping" if floors == 1 else "twee verdiepingen"
    return (
        f"Tekening van een modern woongebouw van {floors_text} met een {cladding_name} gevel, "
        "grote ramen, een glazen entree en een bankje ervoor"
    )


def canal_houses(draw, rng) -> str:
    count = 4
    width = 170
    left = (WIDTH - count * width) // 2
    draw.rectangle((0, GROUND + 40, WIDTH, HEIGHT), fill=(70, 112, 140))  # canal
    draw.rectangle((0, GROUND, WIDTH, GROUND + 40), fill=(170, 164, 156))  # quay
    colours = [rng.choice(BRICKS[:3] + BRICKS[5:]) for _ in range(count)]
    for number in range(count):
        x = left + number * width
        floors = rng.randint(3, 4)
        top = GROUND - 95 * floors
        brick = colours[number][1]
        draw.rectangle((x, top, x + width, GROUND), fill=brick, outline=DARK, width=2)
        step = 22
        for level in range(4):  # step gable
            inset = level * step
            draw.rectangle(
                (x + inset + 10, top - (level + 1) * 28, x + width - inset - 10, top - level * 28),
                fill=brick,
            )
        for floor in range(floors):
            y = top + 18 + floor * 95
            window(draw, x + 22, y, 52, 66)
            window(draw, x + width - 74, y, 52, 66)
        draw.rectangle(
            (x + width // 2 - 18, GROUND - 80, x + width // 2 + 18, GROUND),
            fill=rng.choice(DOORS)[1],
        )
    names = list(dict.fromkeys(name for name, _ in colours))
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]
    return (
        f"Tekening van {NUMBERS[count]} smalle grachtenpanden met {listed} trapgevels aan het water"
    )


def farmhouse(draw, rng) -> str:
    name, brick = rng.choice(BRICKS[:3])
    thatch = rng.random() < 0.5
    roof = (150, 122, 72) if thatch else rng.choice(ROOF_TILES)
    left, right = 150, 820
    top = GROUND - 120
    draw.rectangle((left, top, right, GROUND), fill=brick, outline=DARK, width=2)
    draw.polygon(
        [
            (left - 40, top + 10),
            (left + 140, top - 200),
            (right - 60, top - 200),
            (right + 40, top + 10),
        ],
        fill=roof,
    )
    shutters = rng.choice(((40, 100, 60), (150, 32, 32), (32, 62, 122)))
    for x in range(left + 60, right - 60, 130):
        window(draw, x, top + 30, 56, 60)
        draw.rectangle((x - 22, top + 30, x - 4, top + 90), fill=shutters)
        draw.rectangle((x + 60, top + 30, x + 78, top + 90), fill=shutters)
    draw.rectangle((right - 120, GROUND - 100, right - 40, GROUND), fill=(96, 64, 40))
    count = trees(draw, rng, [70, WIDTH - 60])
    roof_text = "een rieten dak" if thatch else "een groot pannendak"
    return with_trees(
        f"Tekening van een woonboerderij met een {name} gevel, {roof_text} en luiken", count
    )


# Surroundings ----------------------------------------------------------------------------------


def garden(draw, rng) -> str:
    draw.polygon(
        [
            (WIDTH // 2 - 40, GROUND),
            (WIDTH // 2 + 40, GROUND),
            (WIDTH // 2 + 170, HEIGHT),
            (WIDTH // 2 - 170, HEIGHT),
        ],
        fill=(206, 194, 170),
    )
    for x in range(0, WIDTH, 30):  # fence at the back
        draw.rectangle((x, GROUND - 70, x + 20, GROUND), fill=(150, 112, 72))
    flowers = rng.sample(
        (
            ("rode", (214, 58, 60)),
            ("gele", (240, 200, 60)),
            ("paarse", (150, 90, 180)),
            ("witte", (250, 250, 250)),
            ("roze", (236, 140, 180)),
        ),
        2,
    )
    for side in (60, WIDTH - 300):
        draw.rounded_rectangle(
            (side, GROUND + 30, side + 240, GROUND + 110), radius=20, fill=(110, 80, 50)
        )
        for _ in range(40):
            x, y = rng.randrange(side + 10, side + 230), rng.randrange(GROUND + 40, GROUND + 100)
            draw.ellipse((x, y, x + 12, y + 12), fill=rng.choice(flowers)[1])
    bench = rng.random() < 0.7
    if bench:
        draw.rectangle((640, GROUND - 20, 800, GROUND - 6), fill=(140, 96, 56))
        draw.rectangle((640, GROUND - 50, 800, GROUND - 30), fill=(140, 96, 56))
        draw.rectangle((650, GROUND - 6, 660, GROUND + 20), fill=DARK)
        draw.rectangle((780, GROUND - 6, 790, GROUND + 20), fill=DARK)
    count = rng.randint(1, 3)
    for x in rng.sample([120, 300, 480, 860], count):
        tree(draw, x, rng)
    names = " en ".join(name for name, _ in flowers)
    text = f"Tekening van een tuin met een pad, perken met {names} bloemen"
    if bench:
        text += ", een bankje"
    return f"{text} en {'een boom' if count == 1 else NUMBERS[count] + ' bomen'}"


def living_room(draw, rng) -> str:
    wall_name, wall = rng.choice(
        (
            ("lichtgele", (240, 226, 180)),
            ("lichtblauwe", (196, 220, 232)),
            ("witte", (240, 238, 232)),
            ("lichtgroene", (206, 226, 196)),
        )
    )
    draw.rectangle((0, 0, WIDTH, 430), fill=wall)
    draw.rectangle((0, 430, WIDTH, HEIGHT), fill=rng.choice(((170, 126, 84), (150, 140, 130))))
    draw.rectangle((330, 70, 650, 300), fill=(150, 198, 238), outline=WHITE, width=10)  # window
    draw.line((490, 70, 490, 300), fill=WHITE, width=8)
    draw.ellipse((560, 220, 640, 320), fill=(76, 140, 58))  # a tree outside
    draw.rectangle((320, 60, 340, 310), fill=rng.choice(((200, 80, 70), (80, 110, 160))))
    draw.rectangle((640, 60, 660, 310), fill=rng.choice(((200, 80, 70), (80, 110, 160))))
    sofa_name, sofa = rng.choice(
        (
            ("blauwe", (60, 90, 150)),
            ("groene", (70, 120, 80)),
            ("rode", (160, 60, 50)),
            ("grijze", (120, 120, 126)),
        )
    )
    draw.rounded_rectangle((60, 360, 330, 470), radius=18, fill=sofa)
    draw.rounded_rectangle((60, 320, 330, 380), radius=18, fill=sofa)
    draw.rectangle((560, 420, 840, 440), fill=(120, 82, 50))  # table
    for leg in (580, 810):
        draw.rectangle((leg, 440, leg + 12, 530), fill=(100, 70, 42))
    for chair in (520, 860):
        draw.rectangle((chair, 380, chair + 14, 530), fill=(100, 70, 42))
        draw.rectangle((chair - 20, 460, chair + 34, 474), fill=(100, 70, 42))
    lamp = rng.random() < 0.6
    if lamp:
        draw.line((420, 300, 420, 520), fill=DARK, width=5)
        draw.polygon([(385, 300), (455, 300), (440, 250), (400, 250)], fill=(250, 226, 150))
    draw.rectangle((720, 120, 860, 220), fill=(230, 200, 120), outline=(120, 82, 50), width=8)
    draw.rectangle((880, 460, 930, 530), fill=(170, 96, 60))  # plant pot
    draw.ellipse((860, 380, 950, 470), fill=(60, 128, 62))
    text = (
        f"Tekening van een woonkamer met {wall_name} muren, een {sofa_name} bank, "
        "een eettafel met stoelen en een groot raam"
    )
    return text + (", een staande lamp" if lamp else "") + " en een plant"


BUILDINGS = (
    terraced_houses,
    detached_house,
    apartment_block,
    care_building,
    canal_houses,
    farmhouse,
)
SURROUNDINGS = (garden, living_room)
DRAWINGS = tuple(
    (kind, drawing, variant)
    for kind, drawings in (("gebouw", BUILDINGS), ("omgeving", SURROUNDINGS))
    for drawing in drawings
    for variant in range(VARIANTS)
)
IMAGE_COUNT = len(DRAWINGS)


def draw_picture(number: int) -> Picture:
    """Demo picture `number` (1 … IMAGE_COUNT), the same every time."""
    kind, drawing, variant = DRAWINGS[number - 1]
    rng = random.Random(f"demofoto-{drawing.__name__}-{variant}")
    canvas = PillowImage.new("RGB", SIZE, WHITE)
    draw = ImageDraw.Draw(canvas)
    if drawing is not living_room:
        sky_and_ground(draw, rng)
    alt = drawing(draw, rng)
    buffer = io.BytesIO()
    canvas.save(buffer, format="JPEG", quality=82)
    return Picture(kind, buffer.getvalue(), alt)


# Storage ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoImages:
    buildings: list[int]
    surroundings: list[int]

    def for_residence(self, key: str) -> list[int]:
        """A building first (the card's photo), then one to three surroundings; from `key`."""
        rng = random.Random(f"foto's-{key}")
        chosen = [rng.choice(self.buildings)]
        return chosen + rng.sample(
            self.surroundings, min(rng.randint(1, 3), len(self.surroundings))
        )


def demo_collection() -> Collection:
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=COLLECTION_NAME).first()
    return collection or root.add_child(name=COLLECTION_NAME)


def demo_images() -> DemoImages:
    """The demo photos, drawn and stored the first time, found again afterwards."""
    collection = demo_collection()
    titles = [f"{TITLE_PREFIX} {number:02d}" for number in range(1, IMAGE_COUNT + 1)]
    existing = {
        image.title: image
        for image in Image.objects.filter(title__in=titles, collection=collection)
    }
    found = {"gebouw": [], "omgeving": []}
    for number, title in enumerate(titles, start=1):
        kind = DRAWINGS[number - 1][0]
        image = existing.get(title)
        if image is None:
            picture = draw_picture(number)
            image = Image(title=title, description=picture.alt, collection=collection)
            image.file = ImageFile(
                io.BytesIO(picture.data), name=f"{TITLE_PREFIX.lower()}-{number:02d}.jpg"
            )
            image.width, image.height = SIZE
            image.file_size = len(picture.data)
            image.file_hash = hashlib.sha1(picture.data).hexdigest()
            image.save()
        found[kind].append(image.pk)
    return DemoImages(buildings=found["gebouw"], surroundings=found["omgeving"])
