"""facilitator sessions: a reload or a laptop waking from sleep keeps the workspace unlocked

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29 21:20:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('facilitator_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], name=op.f('fk_facilitator_session_workspace_id_workspace'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_facilitator_session')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_facilitator_session_token_hash'))
    )
    with op.batch_alter_table('facilitator_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_facilitator_session_workspace_id'), ['workspace_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('facilitator_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_facilitator_session_workspace_id'))
    op.drop_table('facilitator_session')
