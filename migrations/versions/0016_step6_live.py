"""step 6 live – the chosen format of steps 6–7 with its dates, and which screen of an exercise the wall shows

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06 09:00:00
"""

from alembic import op
import sqlalchemy as sa


revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "work_format",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("step_key", sa.String(length=20), nullable=False),
        sa.Column("alternative", sa.String(length=40), nullable=True),
        sa.Column("dates", sa.JSON(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["workspace_id"], ["workspace.id"], name=op.f("fk_work_format_workspace_id_workspace"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_format")),
        sa.UniqueConstraint("workspace_id", "step_key", name="uq_work_format_step"),
    )
    op.create_index(op.f("ix_work_format_workspace_id"), "work_format", ["workspace_id"], unique=False)
    op.create_table(
        "exercise_screen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("step_key", sa.String(length=20), nullable=False),
        sa.Column("section_key", sa.String(length=60), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("small_groups", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"], ["workspace.id"], name=op.f("fk_exercise_screen_workspace_id_workspace"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exercise_screen")),
        sa.UniqueConstraint("workspace_id", "step_key", "section_key", name="uq_exercise_screen_section"),
    )
    op.create_index(op.f("ix_exercise_screen_workspace_id"), "exercise_screen", ["workspace_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_exercise_screen_workspace_id"), table_name="exercise_screen")
    op.drop_table("exercise_screen")
    op.drop_index(op.f("ix_work_format_workspace_id"), table_name="work_format")
    op.drop_table("work_format")
