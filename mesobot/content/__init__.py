"""Vetted, reviewable text in each language: loaded and validated once at start-up."""

from .catalogue import (
    Catalogue,
    Catalogues,
    ContentError,
    Language,
    load_catalogue,
    load_catalogues,
    quote,
)

__all__ = [
    "Catalogue",
    "Catalogues",
    "ContentError",
    "Language",
    "load_catalogue",
    "load_catalogues",
    "quote",
]
