"""Delivery: the dispatcher that sends due outbox rows and records the result."""
