"""name retention – how many days after a live activity closes its participants' names are replaced by pseudonyms

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("workspace") as batch:
        batch.add_column(sa.Column("name_retention_days", sa.Integer(), nullable=False, server_default="30"))


def downgrade() -> None:
    with op.batch_alter_table("workspace") as batch:
        batch.drop_column("name_retention_days")
