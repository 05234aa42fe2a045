"""step 5 – communication plan, role descriptions, the start-up event and network participants

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-29 23:20:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('communication_plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sector', sa.String(length=40), nullable=False),
    sa.Column('key_message', sa.Text(), nullable=False),
    sa.Column('words_to_use', sa.Text(), nullable=False),
    sa.Column('words_to_avoid', sa.Text(), nullable=False),
    sa.Column('channel', sa.String(length=200), nullable=False),
    sa.Column('who', sa.String(length=120), nullable=False),
    sa.Column('when', sa.String(length=120), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], name=op.f('fk_communication_plan_workspace_id_workspace'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_communication_plan')),
    sa.UniqueConstraint('workspace_id', 'sector', name='uq_communication_plan_sector')
    )
    op.create_index(op.f('ix_communication_plan_workspace_id'), 'communication_plan', ['workspace_id'], unique=False)
    op.create_table('network_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('event_date', sa.Date(), nullable=False),
    sa.Column('venue', sa.String(length=200), nullable=False),
    sa.Column('purpose', sa.Text(), nullable=False),
    sa.Column('length_minutes', sa.Integer(), nullable=True),
    sa.Column('speakers', sa.Text(), nullable=False),
    sa.Column('startup_date', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], name=op.f('fk_network_event_workspace_id_workspace'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_network_event'))
    )
    op.create_index(op.f('ix_network_event_workspace_id'), 'network_event', ['workspace_id'], unique=False)
    op.create_table('role_document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('sections', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('agreed_on', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], name=op.f('fk_role_document_workspace_id_workspace'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_role_document')),
    sa.UniqueConstraint('workspace_id', 'kind', name='uq_role_document_kind')
    )
    op.create_index(op.f('ix_role_document_workspace_id'), 'role_document', ['workspace_id'], unique=False)
    op.create_table('event_agenda_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=True),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['network_event.id'], name=op.f('fk_event_agenda_item_event_id_network_event'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_event_agenda_item_member_id_member'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_agenda_item'))
    )
    op.create_index(op.f('ix_event_agenda_item_event_id'), 'event_agenda_item', ['event_id'], unique=False)
    op.create_table('event_checklist_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('item_key', sa.String(length=60), nullable=False),
    sa.Column('owner', sa.String(length=120), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['network_event.id'], name=op.f('fk_event_checklist_item_event_id_network_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_checklist_item')),
    sa.UniqueConstraint('event_id', 'item_key', name='uq_event_checklist_item')
    )
    op.create_index(op.f('ix_event_checklist_item_event_id'), 'event_checklist_item', ['event_id'], unique=False)
    op.create_table('event_invitee',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('reminded_at', sa.DateTime(), nullable=True),
    sa.Column('answered_at', sa.DateTime(), nullable=True),
    sa.Column('join_network', sa.Boolean(), nullable=True),
    sa.Column('shape_work', sa.Boolean(), nullable=True),
    sa.Column('attend_startup', sa.Boolean(), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['actor.id'], name=op.f('fk_event_invitee_actor_id_actor'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['network_event.id'], name=op.f('fk_event_invitee_event_id_network_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_invitee')),
    sa.UniqueConstraint('event_id', 'actor_id', name='uq_event_invitee_actor')
    )
    op.create_index(op.f('ix_event_invitee_actor_id'), 'event_invitee', ['actor_id'], unique=False)
    op.create_index(op.f('ix_event_invitee_event_id'), 'event_invitee', ['event_id'], unique=False)
    op.create_table('network_participant',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('joined_on', sa.Date(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['actor.id'], name=op.f('fk_network_participant_actor_id_actor'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['network_event.id'], name=op.f('fk_network_participant_event_id_network_event'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], name=op.f('fk_network_participant_workspace_id_workspace'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_network_participant')),
    sa.UniqueConstraint('workspace_id', 'actor_id', name='uq_network_participant_actor')
    )
    op.create_index(op.f('ix_network_participant_actor_id'), 'network_participant', ['actor_id'], unique=False)
    op.create_index(op.f('ix_network_participant_workspace_id'), 'network_participant', ['workspace_id'], unique=False)
    op.create_table('role_document_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('sections', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('agreed_on', sa.Date(), nullable=True),
    sa.Column('saved_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['role_document.id'], name=op.f('fk_role_document_version_document_id_role_document'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_role_document_version')),
    sa.UniqueConstraint('document_id', 'number', name='uq_role_document_version_number')
    )
    op.create_index(op.f('ix_role_document_version_document_id'), 'role_document_version', ['document_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_communication_plan_workspace_id'), table_name='communication_plan')
    op.drop_table('communication_plan')
    op.drop_index(op.f('ix_role_document_version_document_id'), table_name='role_document_version')
    op.drop_table('role_document_version')
    op.drop_index(op.f('ix_network_participant_workspace_id'), table_name='network_participant')
    op.drop_index(op.f('ix_network_participant_actor_id'), table_name='network_participant')
    op.drop_table('network_participant')
    op.drop_index(op.f('ix_event_invitee_event_id'), table_name='event_invitee')
    op.drop_index(op.f('ix_event_invitee_actor_id'), table_name='event_invitee')
    op.drop_table('event_invitee')
    op.drop_index(op.f('ix_event_checklist_item_event_id'), table_name='event_checklist_item')
    op.drop_table('event_checklist_item')
    op.drop_index(op.f('ix_event_agenda_item_event_id'), table_name='event_agenda_item')
    op.drop_table('event_agenda_item')
    op.drop_index(op.f('ix_role_document_workspace_id'), table_name='role_document')
    op.drop_table('role_document')
    op.drop_index(op.f('ix_network_event_workspace_id'), table_name='network_event')
    op.drop_table('network_event')
