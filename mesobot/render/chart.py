"""The progress chart: the patient's answers over time with their sessions marked, as a PNG
(pypng writes the file; the drawing is a few lines and dots on a grid of pixels)."""

from __future__ import annotations

import datetime as dt
import io
import itertools
from collections.abc import Sequence

import png

WIDTH, HEIGHT, MARGIN = 640, 320, 24
WHITE, GRID, SESSION = (255, 255, 255), (225, 225, 225), (170, 170, 170)
# The rating (1 to 5, higher is happier) and the shedding (1 to 5, lower is less).
RATING, SHEDDING = (31, 119, 180), (255, 127, 14)

Pixels = list[list[tuple[int, int, int]]]


def _plot(pixels: Pixels, x: int, y: int, colour: tuple[int, int, int]) -> None:
    if 0 <= x < WIDTH and 0 <= y < HEIGHT:
        pixels[y][x] = colour


def _line(
    pixels: Pixels, a: tuple[int, int], b: tuple[int, int], colour: tuple[int, int, int]
) -> None:
    steps = max(abs(b[0] - a[0]), abs(b[1] - a[1]), 1)
    for i in range(steps + 1):
        x = round(a[0] + (b[0] - a[0]) * i / steps)
        y = round(a[1] + (b[1] - a[1]) * i / steps)
        for dx, dy in ((0, 0), (1, 0), (0, 1)):  # two pixels thick
            _plot(pixels, x + dx, y + dy, colour)


def _dot(pixels: Pixels, x: int, y: int, colour: tuple[int, int, int]) -> None:
    for dy in range(-4, 5):
        for dx in range(-4, 5):
            if dx * dx + dy * dy <= 16:
                _plot(pixels, x + dx, y + dy, colour)


def progress_chart(
    answers: Sequence[tuple[dt.datetime, int, int]], sessions: Sequence[dt.datetime]
) -> bytes:
    """A PNG of (answered at, shedding, rating) over time, sessions as grey lines."""
    pixels: Pixels = [[WHITE] * WIDTH for _ in range(HEIGHT)]
    moments = [a[0] for a in answers] + list(sessions)
    start, end = min(moments), max(moments)
    span = max((end - start).total_seconds(), 1.0)

    def x_of(moment: dt.datetime) -> int:
        return MARGIN + round((moment - start).total_seconds() / span * (WIDTH - 2 * MARGIN))

    def y_of(value: int) -> int:
        return HEIGHT - MARGIN - round((value - 1) / 4 * (HEIGHT - 2 * MARGIN))

    for value in range(1, 6):
        _line(pixels, (MARGIN, y_of(value)), (WIDTH - MARGIN, y_of(value)), GRID)
    for moment in sessions:
        _line(pixels, (x_of(moment), MARGIN), (x_of(moment), HEIGHT - MARGIN), SESSION)
    ratings = [(x_of(moment), y_of(rating)) for moment, _, rating in answers]
    shedding = [(x_of(moment), y_of(shed)) for moment, shed, _ in answers]
    for points, colour in ((ratings, RATING), (shedding, SHEDDING)):
        for a, b in itertools.pairwise(points):
            _line(pixels, a, b, colour)
        for x, y in points:
            _dot(pixels, x, y, colour)
    out = io.BytesIO()
    rows = [[channel for pixel in row for channel in pixel] for row in pixels]
    png.Writer(WIDTH, HEIGHT, greyscale=False).write(out, rows)
    return out.getvalue()
