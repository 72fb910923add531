"""Pure domain rules: plan arithmetic, implied messages, quiet hours (no telegram, no SQL)."""
