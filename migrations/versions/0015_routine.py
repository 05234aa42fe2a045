"""step 7 – the routine for individual cases: its texts and status, its ordered steps, its versions

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06 09:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('routine',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('texts', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('agreed_on', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], name=op.f('fk_routine_workspace_id_workspace'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_routine')),
    sa.UniqueConstraint('workspace_id', name='uq_routine_workspace_id')
    )
    op.create_index(op.f('ix_routine_workspace_id'), 'routine', ['workspace_id'], unique=False)
    op.create_table('routine_step',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('action', sa.Text(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('contact', sa.String(length=300), nullable=False),
    sa.Column('priority', sa.String(length=20), nullable=False),
    sa.Column('child_note', sa.Text(), nullable=False),
    sa.Column('documents', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['actor.id'], name=op.f('fk_routine_step_actor_id_actor'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], name=op.f('fk_routine_step_workspace_id_workspace'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_routine_step'))
    )
    op.create_index(op.f('ix_routine_step_actor_id'), 'routine_step', ['actor_id'], unique=False)
    op.create_index(op.f('ix_routine_step_workspace_id'), 'routine_step', ['workspace_id'], unique=False)
    op.create_table('routine_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('routine_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('snapshot', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('agreed_on', sa.Date(), nullable=True),
    sa.Column('saved_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['routine_id'], ['routine.id'], name=op.f('fk_routine_version_routine_id_routine'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_routine_version')),
    sa.UniqueConstraint('routine_id', 'number', name='uq_routine_version_number')
    )
    op.create_index(op.f('ix_routine_version_routine_id'), 'routine_version', ['routine_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_routine_version_routine_id'), table_name='routine_version')
    op.drop_table('routine_version')
    op.drop_index(op.f('ix_routine_step_workspace_id'), table_name='routine_step')
    op.drop_index(op.f('ix_routine_step_actor_id'), table_name='routine_step')
    op.drop_table('routine_step')
    op.drop_index(op.f('ix_routine_workspace_id'), table_name='routine')
    op.drop_table('routine')
