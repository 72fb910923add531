"""Database tables (SQLModel). Every datetime column holds a UTC moment."""

from __future__ import annotations

from sqlmodel import SQLModel

metadata = SQLModel.metadata
