"""naming convention for constraints; tasks for any step and exercise

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 20:45:00

The models now name every constraint by a convention (sff_core.models.NAMING_CONVENTION). On
PostgreSQL the constraints created before get those names here. SQLite keeps its unnamed ones:
renaming needs a table rebuild, which with foreign keys on would cascade-delete child rows – later
batch migrations on SQLite pass the convention to batch_alter_table instead (Alembic's recipe).
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def _rename_postgres_constraints() -> None:
    bind = op.get_bind()
    inspector = sa.inspect(bind)
    for table in inspector.get_table_names():
        if table == "alembic_version":
            continue
        renames = []
        pk = inspector.get_pk_constraint(table).get("name")
        if pk and pk != f"pk_{table}":
            renames.append((pk, f"pk_{table}"))
        for fk in inspector.get_foreign_keys(table):
            wanted = f"fk_{table}_{fk['constrained_columns'][0]}_{fk['referred_table']}"
            if fk.get("name") and fk["name"] != wanted:
                renames.append((fk["name"], wanted))
        for unique in inspector.get_unique_constraints(table):
            if unique["name"].endswith("_key"):  # PostgreSQL's own name for an unnamed unique column
                renames.append((unique["name"], f"uq_{table}_{unique['column_names'][0]}"))
        for old, new in renames:
            op.execute(sa.text(f'ALTER TABLE "{table}" RENAME CONSTRAINT "{old}" TO "{new}"'))


def upgrade() -> None:
    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.add_column(sa.Column('section_key', sa.String(length=60), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        _rename_postgres_constraints()


def downgrade() -> None:
    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.drop_column('section_key')
