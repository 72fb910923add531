"""plan offers: a clinic offers a patient a new spacing or number of sessions

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30 20:35:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate renders sqlmodel column types)


# revision identifiers, used by Alembic.
revision: str = '0012'
down_revision: Union[str, Sequence[str], None] = '0011'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('clinic_request', schema=None) as batch_op:
        batch_op.add_column(sa.Column('interval_days', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('sessions_count', sa.Integer(), nullable=True))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('clinic_request', schema=None) as batch_op:
        batch_op.drop_column('sessions_count')
        batch_op.drop_column('interval_days')
