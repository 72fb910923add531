"""The baseline for the footprint benchmark: a minimal python-telegram-bot + SQLModel bot.

``python -m bench.minimal_bot TOKEN API_URL DATABASE_URL`` polls the Bot API at ``API_URL``,
keeps one table on an async SQLite engine and answers /start with "hello".
"""

from __future__ import annotations

import sys

from sqlalchemy.ext.asyncio import create_async_engine
from sqlmodel import Field, SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes


class Visit(SQLModel, table=True):
    """One /start."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int


def main(token: str, api_url: str, database_url: str) -> None:
    """Create the table, then poll until SIGINT or SIGTERM."""
    engine = create_async_engine(database_url)

    async def create_table(_: Application) -> None:  # type: ignore[type-arg]
        async with engine.begin() as connection:
            await connection.run_sync(SQLModel.metadata.create_all)

    async def start(update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_user is not None and update.effective_message is not None
        async with AsyncSession(engine) as session:
            session.add(Visit(user_id=update.effective_user.id))
            await session.commit()
        await update.effective_message.reply_text("hello")

    app = (
        Application.builder().token(token).base_url(f"{api_url}/bot").post_init(create_table)
    ).build()
    app.add_handler(CommandHandler("start", start))
    app.run_polling()


if __name__ == "__main__":
    main(*sys.argv[1:4])
