"""Draw the program's icon, installer/custarchive.ico (and a .png of it for Linux desktops).

The icon is committed; run this only to change it:
``.venv/bin/python installer/make_icon.py``. Pillow comes with reportlab.
A plain drawing (an archive box with a padlock on the cooperative's green), no
text, so it needs no font and reads at 16 pixels.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
SIZE = 256
GREEN = (22, 120, 74, 255)
WHITE = (255, 255, 255, 255)
GOLD = (240, 190, 60, 255)
SHADE = (210, 225, 215, 255)


def draw(size: int = SIZE) -> Image.Image:
    s = size / 256
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)

    def box(x0: float, y0: float, x1: float, y1: float) -> tuple[int, int, int, int]:
        return (round(x0 * s), round(y0 * s), round(x1 * s), round(y1 * s))

    d.rounded_rectangle(box(8, 8, 248, 248), radius=round(44 * s), fill=GREEN)
    # the archive box: lid and body
    d.rounded_rectangle(box(44, 62, 212, 98), radius=round(8 * s), fill=WHITE)
    d.rounded_rectangle(box(54, 102, 202, 206), radius=round(8 * s), fill=SHADE)
    d.rounded_rectangle(box(104, 116, 152, 130), radius=round(6 * s), fill=GREEN)
    # the padlock in front of the box
    d.arc(box(138, 128, 198, 188), start=180, end=360, fill=GOLD, width=max(1, round(12 * s)))
    d.rounded_rectangle(box(128, 156, 208, 222), radius=round(10 * s), fill=GOLD)
    d.ellipse(box(161, 176, 175, 190), fill=GREEN)
    d.rectangle(box(165, 186, 171, 206), fill=GREEN)
    return img


def main() -> None:
    big = draw(SIZE)
    big.save(
        HERE / "custarchive.ico",
        sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)],
    )
    big.save(HERE / "custarchive.png")
    print(f"wrote {HERE / 'custarchive.ico'} and {HERE / 'custarchive.png'}")


if __name__ == "__main__":
    main()
