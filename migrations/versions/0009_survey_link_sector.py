"""survey links: the sector a link is made for, preselected in the survey its receiver opens

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29 22:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('survey_link', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sector', sa.String(length=40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('survey_link', schema=None) as batch_op:
        batch_op.drop_column('sector')
