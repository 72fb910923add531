"""The clinic's web view: server-rendered pages on the bot's own HTTP server, over the same
services and the same texts as the staff's Telegram commands."""
