"""step 4 – the knowledge bank, research split and subscriptions

The research split (who, focus area, deadline) is kept as tasks of step 4 (the `task` table), so
only the bank's items and the group's subscriptions need tables of their own.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29 23:20:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'knowledge_item',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('category', sa.String(length=40), nullable=False),
        sa.Column('focus_area', sa.String(length=120), nullable=False),
        sa.Column('url', sa.String(length=2000), nullable=True),
        sa.Column('summary', sa.Text(), nullable=False),
        sa.Column('relevant_for', sa.String(length=300), nullable=False),
        sa.Column('found_by', sa.String(length=120), nullable=False),
        sa.Column('important', sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column('network_visible', sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column('added_on', sa.Date(), nullable=False),
        sa.Column('checked_on', sa.Date(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('workspace_id', sa.Integer(), nullable=False),
        sa.Column('deleted_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], name=op.f('fk_knowledge_item_workspace_id_workspace'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_knowledge_item')),
    )
    op.create_index(op.f('ix_knowledge_item_workspace_id'), 'knowledge_item', ['workspace_id'], unique=False)
    op.create_table(
        'knowledge_subscription',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('url', sa.String(length=2000), nullable=True),
        sa.Column('responsible', sa.String(length=120), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('workspace_id', sa.Integer(), nullable=False),
        sa.Column('deleted_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ['workspace_id'], ['workspace.id'], name=op.f('fk_knowledge_subscription_workspace_id_workspace'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_knowledge_subscription')),
    )
    op.create_index(op.f('ix_knowledge_subscription_workspace_id'), 'knowledge_subscription', ['workspace_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_knowledge_subscription_workspace_id'), table_name='knowledge_subscription')
    op.drop_table('knowledge_subscription')
    op.drop_index(op.f('ix_knowledge_item_workspace_id'), table_name='knowledge_item')
    op.drop_table('knowledge_item')
