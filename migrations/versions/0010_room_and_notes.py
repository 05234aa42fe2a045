"""the room: post-it notes with merging, grouping and dot voting; the agenda; the wall's state

Post-its written before this migration were stored as one answer per person and board, one note
a line; each line becomes a note of its own (same board, person and work session), so nothing is
lost and every note can now be merged, grouped, voted on and marked.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29 22:20:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

# The post-it exercises of the content at this revision (step, section): their answers move to `note`.
POSTIT_SECTIONS = (("step1", "modig_miljo"), ("step2", "hitta_malgruppen"), ("step2", "hitta_kontaktytan"), ("step6", "swot"))
KEPT_PROMPTS = ("_common", "_notes")  # the group's marked-common list and notes stay answers


def upgrade() -> None:
    op.create_table(
        'note',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('step_key', sa.String(length=20), nullable=False),
        sa.Column('section_key', sa.String(length=60), nullable=False),
        sa.Column('prompt_key', sa.String(length=60), nullable=False),
        sa.Column('session_date', sa.Date(), nullable=False),
        sa.Column('respondent', sa.String(length=60), nullable=False),
        sa.Column('text', sa.String(length=300), nullable=False),
        sa.Column('submission_key', sa.String(length=64), nullable=False),
        sa.Column('merged_into_id', sa.Integer(), nullable=True),
        sa.Column('cluster', sa.String(length=80), nullable=True),
        sa.Column('marked', sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('workspace_id', sa.Integer(), nullable=False),
        sa.Column('deleted_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['merged_into_id'], ['note.id'], name=op.f('fk_note_merged_into_id_note'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], name=op.f('fk_note_workspace_id_workspace'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_note')),
        sa.UniqueConstraint('workspace_id', 'submission_key', name='uq_note_submission'),
    )
    op.create_index(op.f('ix_note_workspace_id'), 'note', ['workspace_id'], unique=False)
    op.create_table(
        'note_vote',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('note_id', sa.Integer(), nullable=False),
        sa.Column('voter', sa.String(length=60), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['note_id'], ['note.id'], name=op.f('fk_note_vote_note_id_note'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_note_vote')),
        sa.UniqueConstraint('note_id', 'voter', name='uq_note_vote_voter'),
    )
    op.create_index(op.f('ix_note_vote_note_id'), 'note_vote', ['note_id'], unique=False)
    op.create_table(
        'agenda_item',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('session_date', sa.Date(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('step_key', sa.String(length=20), nullable=False),
        sa.Column('section_key', sa.String(length=60), nullable=False),
        sa.Column('minutes', sa.Integer(), nullable=True),
        sa.Column('workspace_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], name=op.f('fk_agenda_item_workspace_id_workspace'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_item')),
        sa.UniqueConstraint('workspace_id', 'session_date', 'step_key', 'section_key', name='uq_agenda_item_exercise'),
    )
    op.create_index(op.f('ix_agenda_item_workspace_id'), 'agenda_item', ['workspace_id'], unique=False)
    op.create_table(
        'room_state',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('workspace_id', sa.Integer(), nullable=False),
        sa.Column('session_date', sa.Date(), nullable=True),
        sa.Column('step_key', sa.String(length=20), nullable=True),
        sa.Column('section_key', sa.String(length=60), nullable=True),
        sa.Column('show_join', sa.Boolean(), nullable=False),
        sa.Column('timer_seconds', sa.Integer(), nullable=True),
        sa.Column('timer_run_seconds', sa.Integer(), nullable=False),
        sa.Column('timer_started_at', sa.DateTime(), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], name=op.f('fk_room_state_workspace_id_workspace'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_room_state')),
        sa.UniqueConstraint('workspace_id', name=op.f('uq_room_state_workspace_id')),
    )
    with op.batch_alter_table('live_activity', schema=None) as batch_op:
        batch_op.add_column(sa.Column('votes_per_person', sa.Integer(), nullable=True))
    _move_postit_answers_to_notes()


def _move_postit_answers_to_notes() -> None:
    import hashlib

    connection = op.get_bind()
    response = sa.table(
        'response',
        sa.column('id', sa.Integer), sa.column('workspace_id', sa.Integer), sa.column('step_key', sa.String),
        sa.column('section_key', sa.String), sa.column('prompt_key', sa.String), sa.column('respondent', sa.String),
        sa.column('session_date', sa.Date), sa.column('text', sa.Text), sa.column('updated_at', sa.DateTime),
    )
    note = sa.table(
        'note',
        sa.column('workspace_id', sa.Integer), sa.column('step_key', sa.String), sa.column('section_key', sa.String),
        sa.column('prompt_key', sa.String), sa.column('session_date', sa.Date), sa.column('respondent', sa.String),
        sa.column('text', sa.String), sa.column('submission_key', sa.String), sa.column('marked', sa.Boolean),
        sa.column('created_at', sa.DateTime),
    )
    for step_key, section_key in POSTIT_SECTIONS:
        rows = connection.execute(
            sa.select(response).where(
                response.c.step_key == step_key, response.c.section_key == section_key, response.c.prompt_key.not_in(KEPT_PROMPTS)
            )
        ).all()
        for row in rows:
            lines = [line.strip()[:300] for line in (row.text or "").splitlines() if line.strip()]
            for number, line in enumerate(lines):
                key = hashlib.sha256(f"migrated:{row.id}:{number}".encode()).hexdigest()
                connection.execute(
                    note.insert().values(
                        workspace_id=row.workspace_id, step_key=step_key, section_key=section_key, prompt_key=row.prompt_key,
                        session_date=row.session_date, respondent=row.respondent, text=line, submission_key=key,
                        marked=False, created_at=row.updated_at,
                    )
                )
            connection.execute(response.delete().where(response.c.id == row.id))


def downgrade() -> None:
    with op.batch_alter_table('live_activity', schema=None) as batch_op:
        batch_op.drop_column('votes_per_person')
    op.drop_table('room_state')
    op.drop_index(op.f('ix_agenda_item_workspace_id'), table_name='agenda_item')
    op.drop_table('agenda_item')
    op.drop_index(op.f('ix_note_vote_note_id'), table_name='note_vote')
    op.drop_table('note_vote')
    op.drop_index(op.f('ix_note_workspace_id'), table_name='note')
    op.drop_table('note')
