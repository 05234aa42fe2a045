"""step 6 – the collaboration plan: vision, delmål with yearly targets, activities, SWOT links, marketing

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06 09:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('collaboration_plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('vision', sa.Text(), nullable=False),
    sa.Column('points', sa.JSON(), nullable=False),
    sa.Column('first_year', sa.Integer(), nullable=False),
    sa.Column('years', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('agreed_on', sa.Date(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], name=op.f('fk_collaboration_plan_workspace_id_workspace'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_collaboration_plan')),
    sa.UniqueConstraint('workspace_id', name='uq_collaboration_plan_workspace')
    )
    op.create_index(op.f('ix_collaboration_plan_workspace_id'), 'collaboration_plan', ['workspace_id'], unique=False)
    op.create_table('plan_goal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('unit', sa.String(length=120), nullable=False),
    sa.Column('series_key', sa.String(length=40), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], name=op.f('fk_plan_goal_workspace_id_workspace'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_goal'))
    )
    op.create_index(op.f('ix_plan_goal_workspace_id'), 'plan_goal', ['workspace_id'], unique=False)
    op.create_table('marketing_row',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('target_group', sa.String(length=160), nullable=False),
    sa.Column('important', sa.Text(), nullable=False),
    sa.Column('channels', sa.Text(), nullable=False),
    sa.Column('tone', sa.Text(), nullable=False),
    sa.Column('helpers', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], name=op.f('fk_marketing_row_workspace_id_workspace'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_marketing_row'))
    )
    op.create_index(op.f('ix_marketing_row_workspace_id'), 'marketing_row', ['workspace_id'], unique=False)
    op.create_table('plan_goal_year',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('goal_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('target', sa.Float(), nullable=True),
    sa.Column('actual', sa.Float(), nullable=True),
    sa.ForeignKeyConstraint(['goal_id'], ['plan_goal.id'], name=op.f('fk_plan_goal_year_goal_id_plan_goal'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_goal_year')),
    sa.UniqueConstraint('goal_id', 'year', name='uq_plan_goal_year_year')
    )
    op.create_index(op.f('ix_plan_goal_year_goal_id'), 'plan_goal_year', ['goal_id'], unique=False)
    op.create_table('plan_activity',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('goal_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('responsible', sa.String(length=160), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['goal_id'], ['plan_goal.id'], name=op.f('fk_plan_activity_goal_id_plan_goal'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], name=op.f('fk_plan_activity_workspace_id_workspace'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_activity'))
    )
    op.create_index(op.f('ix_plan_activity_goal_id'), 'plan_activity', ['goal_id'], unique=False)
    op.create_index(op.f('ix_plan_activity_workspace_id'), 'plan_activity', ['workspace_id'], unique=False)
    op.create_table('plan_swot_link',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('note_id', sa.Integer(), nullable=False),
    sa.Column('goal_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['goal_id'], ['plan_goal.id'], name=op.f('fk_plan_swot_link_goal_id_plan_goal'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['note_id'], ['note.id'], name=op.f('fk_plan_swot_link_note_id_note'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_swot_link')),
    sa.UniqueConstraint('note_id', 'goal_id', name='uq_plan_swot_link_pair')
    )
    op.create_index(op.f('ix_plan_swot_link_goal_id'), 'plan_swot_link', ['goal_id'], unique=False)
    op.create_index(op.f('ix_plan_swot_link_note_id'), 'plan_swot_link', ['note_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_plan_swot_link_note_id'), table_name='plan_swot_link')
    op.drop_index(op.f('ix_plan_swot_link_goal_id'), table_name='plan_swot_link')
    op.drop_table('plan_swot_link')
    op.drop_index(op.f('ix_plan_activity_workspace_id'), table_name='plan_activity')
    op.drop_index(op.f('ix_plan_activity_goal_id'), table_name='plan_activity')
    op.drop_table('plan_activity')
    op.drop_index(op.f('ix_plan_goal_year_goal_id'), table_name='plan_goal_year')
    op.drop_table('plan_goal_year')
    op.drop_index(op.f('ix_marketing_row_workspace_id'), table_name='marketing_row')
    op.drop_table('marketing_row')
    op.drop_index(op.f('ix_plan_goal_workspace_id'), table_name='plan_goal')
    op.drop_table('plan_goal')
    op.drop_index(op.f('ix_collaboration_plan_workspace_id'), table_name='collaboration_plan')
    op.drop_table('collaboration_plan')
