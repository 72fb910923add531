"""The bot's own HTTP server: Telegram's webhook."""
