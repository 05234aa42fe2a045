"""network statistics: yearly totals, incident log, small-count threshold

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 01:13:05.545769
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('incident',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('occurred_on', sa.Date(), nullable=False),
    sa.Column('exploitation_form', sa.String(length=20), nullable=False),
    sa.Column('reporting_sector', sa.String(length=40), nullable=False),
    sa.Column('police_contacted', sa.Boolean(), nullable=False),
    sa.Column('social_services_contacted', sa.Boolean(), nullable=False),
    sa.Column('persons', sa.Integer(), nullable=False),
    sa.Column('support_conversations', sa.Integer(), nullable=False),
    sa.Column('long_term_support', sa.Integer(), nullable=False),
    sa.Column('referrals', sa.Integer(), nullable=False),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('incident', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incident_occurred_on'), ['occurred_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_incident_workspace_id'), ['workspace_id'], unique=False)

    op.create_table('yearly_statistic',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('incidents', sa.Integer(), nullable=True),
    sa.Column('persons', sa.Integer(), nullable=True),
    sa.Column('support_conversations', sa.Integer(), nullable=True),
    sa.Column('long_term_support', sa.Integer(), nullable=True),
    sa.Column('preliminary', sa.Boolean(), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('workspace_id', 'year', name='uq_yearly_statistic')
    )
    with op.batch_alter_table('yearly_statistic', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_yearly_statistic_workspace_id'), ['workspace_id'], unique=False)

    with op.batch_alter_table('workspace', schema=None) as batch_op:
        batch_op.add_column(sa.Column('small_count_threshold', sa.Integer(), server_default='3', nullable=False))



def downgrade() -> None:
    with op.batch_alter_table('workspace', schema=None) as batch_op:
        batch_op.drop_column('small_count_threshold')

    with op.batch_alter_table('yearly_statistic', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_yearly_statistic_workspace_id'))

    op.drop_table('yearly_statistic')
    with op.batch_alter_table('incident', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incident_workspace_id'))
        batch_op.drop_index(batch_op.f('ix_incident_occurred_on'))

    op.drop_table('incident')
