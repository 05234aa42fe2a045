"""live activities: show participants' names on the wall only when the facilitator chooses

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 21:15:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('live_activity', schema=None) as batch_op:
        batch_op.add_column(sa.Column('names_on_wall', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('live_activity', schema=None) as batch_op:
        batch_op.drop_column('names_on_wall')
