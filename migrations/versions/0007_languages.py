"""languages: the clinic's default language and each staff member's; a patient's language
is now the one the bot writes in (en, ru, es), not Telegram's code

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 17:20:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate renders sqlmodel column types)


# revision identifiers, used by Alembic.
revision: str = '0007'
down_revision: Union[str, Sequence[str], None] = '0006'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('clinic', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True))
    with op.batch_alter_table('staff_member', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True))
    # Everyone who started before there was a choice has been written to in English.
    op.execute("UPDATE patient SET language = 'en'")


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('staff_member', schema=None) as batch_op:
        batch_op.drop_column('language')
    with op.batch_alter_table('clinic', schema=None) as batch_op:
        batch_op.drop_column('language')
