"""post-its: the column of the flip chart a note stands under within its board (a sector, a small group)

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30 10:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('note', schema=None) as batch_op:
        batch_op.add_column(sa.Column('topic', sa.String(length=60), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('note', schema=None) as batch_op:
        batch_op.drop_column('topic')
