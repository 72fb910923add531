"""reminder settings: whether the evening-before and hours-before reminders are sent, and
how many hours before

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 17:40:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate renders sqlmodel column types)


# revision identifiers, used by Alembic.
revision: str = '0008'
down_revision: Union[str, Sequence[str], None] = '0007'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('patient', schema=None) as batch_op:
        batch_op.add_column(sa.Column('evening_on', sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.add_column(sa.Column('soon_on', sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.add_column(sa.Column('soon_hours', sa.Integer(), server_default='3', nullable=False))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('patient', schema=None) as batch_op:
        batch_op.drop_column('soon_hours')
        batch_op.drop_column('soon_on')
        batch_op.drop_column('evening_on')
