"""Vetted, reviewable text: loaded and validated once at start-up."""

from .catalogue import Catalogue, ContentError, load_catalogue, quote

__all__ = ["Catalogue", "ContentError", "load_catalogue", "quote"]
