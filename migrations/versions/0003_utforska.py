"""utforska: icebreaker, mind map, mapping plan, tasks, offences, ads, indicator surveys, actors

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 00:30:35.766095
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('actor',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=160), nullable=False),
    sa.Column('sector', sa.String(length=40), nullable=False),
    sa.Column('current_level', sa.Integer(), nullable=True),
    sa.Column('wanted_level', sa.Integer(), nullable=True),
    sa.Column('level_notes', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('actor', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_actor_workspace_id'), ['workspace_id'], unique=False)

    op.create_table('ad_observation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('observed_on', sa.Date(), nullable=False),
    sa.Column('site', sa.String(length=120), nullable=False),
    sa.Column('ads_count', sa.Integer(), nullable=False),
    sa.Column('origin_sweden', sa.Integer(), nullable=False),
    sa.Column('origin_eu', sa.Integer(), nullable=False),
    sa.Column('origin_outside_eu', sa.Integer(), nullable=False),
    sa.Column('origin_unknown', sa.Integer(), nullable=False),
    sa.Column('flag_same_phone', sa.Boolean(), nullable=False),
    sa.Column('flag_third_party', sa.Boolean(), nullable=False),
    sa.Column('flag_minor', sa.Boolean(), nullable=False),
    sa.Column('flag_moving', sa.Boolean(), nullable=False),
    sa.Column('advertiser_hash', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('ad_observation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ad_observation_workspace_id'), ['workspace_id'], unique=False)

    op.create_table('icebreaker_question',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.String(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('icebreaker_question', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_icebreaker_question_workspace_id'), ['workspace_id'], unique=False)

    op.create_table('mapping_plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('categories', sa.JSON(), nullable=False),
    sa.Column('contact_method', sa.String(length=40), nullable=True),
    sa.Column('report_format', sa.String(length=40), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('workspace_id')
    )
    op.create_table('mindmap_node',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('label', sa.String(length=160), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['parent_id'], ['mindmap_node.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('mindmap_node', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mindmap_node_workspace_id'), ['workspace_id'], unique=False)

    op.create_table('offence_count',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=60), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('workspace_id', 'year', 'category', name='uq_offence_count')
    )
    with op.batch_alter_table('offence_count', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_offence_count_workspace_id'), ['workspace_id'], unique=False)

    op.create_table('survey_link',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('label', sa.String(length=160), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token')
    )
    with op.batch_alter_table('survey_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_link_workspace_id'), ['workspace_id'], unique=False)

    op.create_table('task',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('step_key', sa.String(length=20), nullable=False),
    sa.Column('category', sa.String(length=60), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('owner', sa.String(length=120), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_task_workspace_id'), ['workspace_id'], unique=False)

    op.create_table('actor_assessment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('assessed_on', sa.Date(), nullable=False),
    sa.Column('influence', sa.Integer(), nullable=False),
    sa.Column('support', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('action', sa.Text(), nullable=False),
    sa.Column('result', sa.Text(), nullable=False),
    sa.Column('contact_role', sa.String(length=160), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['actor.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('actor_assessment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_actor_assessment_actor_id'), ['actor_id'], unique=False)

    op.create_table('indicator_survey',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('organisation', sa.String(length=160), nullable=False),
    sa.Column('sector', sa.String(length=40), nullable=False),
    sa.Column('surveyed_on', sa.Date(), nullable=False),
    sa.Column('method', sa.String(length=40), nullable=False),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.Column('link_id', sa.Integer(), nullable=True),
    sa.Column('submission_key', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['link_id'], ['survey_link.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('workspace_id', 'submission_key', name='uq_indicator_submission')
    )
    with op.batch_alter_table('indicator_survey', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_survey_workspace_id'), ['workspace_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('indicator_survey', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicator_survey_workspace_id'))

    op.drop_table('indicator_survey')
    with op.batch_alter_table('actor_assessment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_actor_assessment_actor_id'))

    op.drop_table('actor_assessment')
    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_task_workspace_id'))

    op.drop_table('task')
    with op.batch_alter_table('survey_link', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_link_workspace_id'))

    op.drop_table('survey_link')
    with op.batch_alter_table('offence_count', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_offence_count_workspace_id'))

    op.drop_table('offence_count')
    with op.batch_alter_table('mindmap_node', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mindmap_node_workspace_id'))

    op.drop_table('mindmap_node')
    op.drop_table('mapping_plan')
    with op.batch_alter_table('icebreaker_question', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_icebreaker_question_workspace_id'))

    op.drop_table('icebreaker_question')
    with op.batch_alter_table('ad_observation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ad_observation_workspace_id'))

    op.drop_table('ad_observation')
    with op.batch_alter_table('actor', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_actor_workspace_id'))

    op.drop_table('actor')
