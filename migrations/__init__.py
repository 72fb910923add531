"""Alembic migrations for mesobot's database (``mesobot migrate`` applies them)."""
