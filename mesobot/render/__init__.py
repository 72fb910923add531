"""Pure rendering: data to text and button rows, for the chat (and later the web view)."""
