"""Live participation in the UI: the facilitator's controls, the wall view and the phone page."""

from __future__ import annotations

import secrets
from datetime import date
from urllib.parse import urlsplit

import streamlit as st

from sff_core import throttle
from sff_core.config import public_base_url
from sff_core.content import Section, Step, get_content
from sff_core.errors import InputError
from sff_core.i18n import text
from sff_core.live import (
    IDENTITY_MODES,
    ActivityInfo,
    Guesser,
    ParticipantInfo,
    close_activity,
    find_by_code,
    get_activity,
    join,
    join_url,
    live_count,
    my_answers,
    normalise_code,
    open_activity,
    open_activity_for,
    participant_for,
    participant_for_browser,
    qr_png,
    set_names_on_wall,
    set_results_visible,
    submit,
    unclaimed_members,
)
from sff_core.responses import Answer
from sff_core.store.audit import set_actor
from sff_core.store.concurrency import EditConflict
from sff_core.ui.browser import write_cookie
from sff_core.ui.context import Context, client_key, engine, language, tr
from sff_core.ui.edits import adds_records, edit_form
from sff_core.ui.exercises import exercise_ui
from sff_core.ui.exercises.spec import SectionRenderer
from sff_core.ui.layout import labelled, plain_markdown, show_error
from sff_core.validation import is_token

LIVE_REFRESH_SECONDS = 1.0
JOIN_PARAM, TOKEN_PARAM = "join", "p"


def base_url() -> str:
    """The configured public URL, else the URL this app is served at (scheme, host, base path)."""
    configured = public_base_url()
    if configured:
        return configured
    served = st.context.url or "http://localhost:8501"
    parts = urlsplit(served)
    base_path = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"{parts.scheme}://{parts.netloc}/{base_path}".rstrip("/")


def default_identity_mode(section: Section) -> str:
    return "member" if section.answered_by == "members" else "named"


def short_address(url: str) -> str:
    """The app's address as people type it: no scheme, no trailing slash (`sff.example.se`)."""
    parts = urlsplit(url)
    return (parts.netloc + parts.path).rstrip("/") or url


def spaced_code(code: str) -> str:
    """The join code in groups of three, as people read it aloud ('ABC 234')."""
    return " ".join(code[i : i + 3] for i in range(0, len(code), 3))


def join_line(activity: ActivityInfo) -> None:
    """After the results are revealed the wall keeps only one line for latecomers: address and code."""
    spaced = spaced_code(activity.code)
    st.caption(f"{tr('live.go_to')} {plain_markdown(short_address(base_url()))} {tr('live.type_code')} {spaced}")


def join_panel(ctx: Context, activity: ActivityInfo) -> None:
    """The QR code, the short address and the code, large enough to read from the back of the room.

    Without a camera, people type the short address and then the code (the start page asks for it).
    """
    url = join_url(base_url(), activity.code)
    spaced = spaced_code(activity.code)
    address = plain_markdown(short_address(base_url()))
    if ctx.projector:  # stacked in a narrow column: QR, address, code
        st.image(qr_png(url, scale=8), width=260)
        st.markdown(f"{tr('live.go_to')}  \n### {address}")
        st.caption(tr("live.type_code"))
        st.code(spaced, language=None)
        return
    left, right = st.columns([1, 2], vertical_alignment="center")
    left.image(qr_png(url, scale=6), caption=tr("live.scan"), width="content")
    with right:
        st.markdown(f"{tr('live.go_to')} **{address}** – {tr('live.type_code')}")
        st.code(spaced, language=None)
        st.caption(url)


def facilitator_controls(ctx: Context, step: Step, section: Section, session_date: date) -> ActivityInfo | None:
    """Open a live activity on this exercise, or reveal, hide and close the open one."""
    activity = open_activity_for(ctx.engine, ctx.workspace.id, step.key, section.key)
    if ctx.projector:
        return activity
    label = f"{tr('live.title')}: {text(section.title, ctx.lang)}" + (f" ({tr('live.open_now')})" if activity else "")
    with st.expander(label, expanded=activity is not None):
        if activity is None:
            modes = list(IDENTITY_MODES)
            mode = st.radio(
                tr("field.identity_mode"),
                modes,
                index=modes.index(default_identity_mode(section)),
                format_func=lambda m: tr(f"live.mode_{m}"),
                key=f"live-mode-{step.key}-{section.key}",
                horizontal=True,
            )
            if st.button(tr("live.open"), key=f"live-open-{step.key}-{section.key}", type="primary"):
                try:
                    open_activity(ctx.engine, ctx.workspace.id, step.key, section.key, session_date, mode)
                except InputError as error:
                    show_error(error)
                else:
                    st.rerun()
            return None
        join_panel(ctx, activity)
        st.caption(tr("live.session", date=activity.session_date.isoformat(), mode=tr(f"live.mode_{activity.identity_mode}")))
        reveal, close = st.columns(2)
        label = "live.hide" if activity.results_visible else "live.reveal"
        if reveal.button(tr(label), key=f"live-reveal-{activity.id}"):
            set_results_visible(ctx.engine, ctx.workspace.id, activity.id, not activity.results_visible)
            st.rerun()
        names = st.toggle(
            tr("live.names_on_wall"), value=activity.names_on_wall, key=f"live-names-{activity.id}", help=tr("live.names_on_wall_help")
        )
        if names != activity.names_on_wall:
            set_names_on_wall(ctx.engine, ctx.workspace.id, activity.id, names)
            st.rerun()
        if section.shape == "postits":
            voting_controls(ctx, activity)
        if close.button(tr("live.close"), key=f"live-close-{activity.id}"):
            close_activity(ctx.engine, ctx.workspace.id, activity.id)
            st.rerun()
    return activity


def voting_controls(ctx: Context, activity: ActivityInfo) -> None:
    """Dot voting on a live post-it activity: open with N votes each, close, mark the top items."""
    from sff_core import notes

    exercise = notes.Exercise(activity.workspace_id, activity.step_key, activity.section_key, activity.session_date)
    if activity.votes_per_person:
        st.caption(tr("notes.voting_open", votes=activity.votes_per_person))
        top, close = st.columns(2)
        if top.button(tr("notes.mark_top", n=3), key=f"vote-top-{activity.id}"):
            notes.mark_top(ctx.engine, exercise, 3)
            st.rerun()
        if close.button(tr("notes.close_voting"), key=f"vote-close-{activity.id}"):
            notes.close_voting(ctx.engine, ctx.workspace.id, activity.id)
            st.rerun()
        return
    votes, go = st.columns([1, 1], vertical_alignment="bottom")
    budget = votes.number_input(tr("field.votes_per_person"), 1, notes.MAX_VOTES_PER_PERSON, 3, key=f"vote-budget-{activity.id}")
    if go.button(tr("notes.open_voting"), key=f"vote-open-{activity.id}"):
        try:
            notes.open_voting(ctx.engine, ctx.workspace.id, activity.id, budget)
        except InputError as error:
            show_error(error)
        else:
            st.rerun()


def live_results(ctx: Context, step: Step, section: Section, activity: ActivityInfo, render_results: SectionRenderer) -> None:
    """The wall: refreshes itself every second with the count and (when revealed) the results."""

    @st.fragment(run_every=LIVE_REFRESH_SECONDS)
    def refresh() -> None:
        ctx.memo.clear()  # people join between refreshes: read names and members again
        current = get_activity(ctx.engine, ctx.workspace.id, activity.id)
        count = live_count(ctx.engine, current)
        st.markdown(f"**{tr('live.answers')}: {tr('live.count', answered=count.answered, joined=count.joined)}**")
        if not current.is_open:
            st.info(tr("live.closed_info"))
        if current.results_visible and count.answered:
            render_results(ctx, step, section, current.session_date)
        else:
            st.caption(tr("live.hidden"))

    refresh()


def participant_page() -> None:
    """The phone view: join, answer the open activity's prompts, change answers until it closes.

    Whatever goes wrong, the text the phone had typed stays on screen (to send again or copy)."""
    lang = language()
    code = st.query_params.get(JOIN_PARAM, "")
    st.markdown(f"### {tr('live.participant_title')}")
    browser = browser_token()
    try:
        activity, participant = _arrive(code, browser)
    except InputError as error:
        show_error(error)
        _keep_unsent()
        _code_form()
        return
    section = get_content().require_section(activity.step_key, activity.section_key)
    st.subheader(text(section.title, lang))
    if participant is not None:
        set_actor(f"participant:{participant.id}")
    if not activity.is_open:
        _closed_view(activity, section, participant.token if participant else None)
        return
    if participant is None:
        _keep_unsent()  # a phone whose participant is gone (erased) still sees what it typed
        _join_form(activity, browser)
        return
    if st.session_state.get(UNSENT_KEY):  # kept from an error: shown until an answer is sent (post-its: once)
        _keep_unsent()
    if section.shape == "postits":
        st.session_state.pop(UNSENT_KEY, None)
    phone = exercise_ui(section.exercise_key).phone
    if phone is not None:  # an exercise with a phone view of its own (step 6's SWOT: small groups first)
        _follow_the_room(activity)
        phone(activity, section, participant.respondent)
    elif section.shape == "postits":
        _postit_phone(activity, section, participant.respondent)
    else:
        _answer_form(activity, section, participant.token)


VERIFIED_KEY = "verified-join-code"


def _arrive(code: str, browser: str) -> tuple[ActivityInfo, ParticipantInfo | None]:
    """The activity and who this phone is in it. Only a code not yet shown to be right is throttled: a
    phone whose token (in its URL) belongs to the code, or whose session already found it, never is."""
    participant = participant_for(engine(), code, st.query_params.get(TOKEN_PARAM))
    known = participant is not None or st.session_state.get(VERIFIED_KEY) == normalise_code(code)
    activity = find_by_code(engine(), code, must_be_open=False, guesser=None if known else _guesser())
    st.session_state[VERIFIED_KEY] = activity.code
    if participant is None:
        participant = participant_for_browser(engine(), activity, browser)  # a re-scan, a closed tab: the same person
        if participant is not None:
            st.query_params[TOKEN_PARAM] = participant.token
    return activity, participant


def _guesser() -> Guesser:
    """This phone as the join-code throttle counts it: its network address and its browser session."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    run = get_script_run_ctx()
    return Guesser(address=client_key(), session=throttle.client_key(f"session:{run.session_id if run else 'local'}"))


BROWSER_COOKIE = "sff_browser"
BROWSER_KEY = "browser-token"
BROWSER_COOKIE_HOURS = 24  # a workshop day: the same phone is the same participant in each activity it re-joins


def browser_token() -> str:
    """This browser's own random token, kept in a cookie: it makes a re-joining phone the same participant
    (live.browser_participant_token). A new one is written until the browser sends it back (a cookie reaches
    Streamlit only when a session starts)."""
    token = st.session_state.get(BROWSER_KEY)
    from_cookie = False
    if not is_token(token):
        try:
            token = st.context.cookies.get(BROWSER_COOKIE)
        except Exception:  # noqa: BLE001 - no request context (bare script runs)
            token = None
        from_cookie = is_token(token)
        token = token if from_cookie else secrets.token_urlsafe(24)
        st.session_state[BROWSER_KEY] = token
        st.session_state[f"{BROWSER_KEY}-sent"] = from_cookie
    if not st.session_state.get(f"{BROWSER_KEY}-sent"):
        write_cookie(BROWSER_COOKIE, str(token), BROWSER_COOKIE_HOURS * 3600)
    return str(token)


PHONE_PREFIX = "phone"
PHONE_POLL_SECONDS = 3.0


def _postit_phone(activity: ActivityInfo, section: Section, respondent: str) -> None:
    """Post-its on the phone: any number of notes per board; when the facilitator opens voting, the dots."""
    from sff_core.notes import Exercise
    from sff_core.ui.notes_board import topic_boards, vote_list

    exercise = Exercise(activity.workspace_id, activity.step_key, activity.section_key, activity.session_date, activity_id=activity.id)
    _follow_the_room(activity)
    if activity.votes_per_person:
        vote_list(activity.id, exercise, section, respondent, activity.votes_per_person)
        return
    if section.intro:
        with st.expander(tr("step.instructions")):
            st.markdown(text(section.intro, language()))
    topic_boards(exercise, section, respondent, PHONE_PREFIX)  # with topics (sectors): pick one, then its boards


def _follow_the_room(activity: ActivityInfo) -> None:
    """Every few seconds: when the facilitator opens or closes voting or closes the activity, redraw."""

    @st.fragment(run_every=PHONE_POLL_SECONDS)
    def poll() -> None:
        now = get_activity(engine(), activity.workspace_id, activity.id)
        if (now.votes_per_person, now.status) != (activity.votes_per_person, activity.status):
            st.rerun(scope="app")

    poll()


UNSENT_KEY = "live-unsent"


def _typed_texts(section: Section) -> dict[str, str]:
    """What the phone's form holds now (its widgets' values), text only, by prompt."""
    typed = {}
    for prompt in section.prompts:
        for key in (f"live-{prompt.key}", f"live-{prompt.key}-text", f"live-{prompt.key}-c"):
            value = st.session_state.get(key)
            if isinstance(value, str) and value.strip():
                typed[key] = value
    for key in [str(k) for k in st.session_state]:  # the post-it fields, one per board (and topic)
        value = st.session_state[key] if key.startswith(f"{PHONE_PREFIX}-") and key.endswith("-text") else None
        if isinstance(value, str) and value.strip():
            typed[key] = value
    return typed


def _typed_anywhere() -> dict[str, str]:
    """Every text the phone's forms hold now, whichever activity or board they belong to."""
    typed = {}
    for key in [str(k) for k in st.session_state]:
        value = st.session_state[key]
        if key.startswith(("live-", f"{PHONE_PREFIX}-")) and isinstance(value, str) and value.strip():
            typed[key] = value
    draft = st.session_state.get(DRAFT_KEY)
    for prompt_key, answer in draft.items() if isinstance(draft, dict) else []:
        if isinstance(answer, Answer) and answer.text and answer.text.strip():
            typed.setdefault(f"live-{prompt_key}-c", answer.text)
    return typed


def _keep_unsent() -> None:
    """The page could not be drawn as it was (a wrong code, the activity gone): what the phone had typed
    and not sent stays on screen to copy, this run and the next."""
    unsent = st.session_state.get(UNSENT_KEY) or _typed_anywhere()
    if not unsent:
        return
    st.session_state[UNSENT_KEY] = unsent
    st.warning(tr("live.unsent_kept"), icon="⚠️")
    for value in unsent.values():
        st.code(value, language=None, wrap_lines=True)  # plain text with a copy button


def _closed_view(activity: ActivityInfo, section: Section, token: str | None) -> None:
    """The activity closed. Text typed but never received is kept on screen to copy, never thanked for."""
    stored = {key: answer.text for key, answer in (my_answers(engine(), activity.code, token) if token else {}).items()}
    participant = participant_for(engine(), activity.code, token) if token else None
    if participant is not None and section.shape == "postits":
        from sff_core.notes import Exercise, my_notes

        exercise = Exercise(activity.workspace_id, activity.step_key, activity.section_key, activity.session_date)
        stored.update({f"note-{n.id}": n.text for n in my_notes(engine(), exercise, participant.respondent)})
    stored_texts = {value.strip() for value in stored.values() if value}
    unsent = st.session_state.get(UNSENT_KEY) or {k: v for k, v in _typed_texts(section).items() if v.strip() not in stored_texts}
    if unsent:
        st.session_state[UNSENT_KEY] = unsent  # the form's widgets are gone after this run; keep the text
        st.warning(tr("live.closed_unsent"), icon="⚠️")
        for value in unsent.values():
            st.code(value, language=None, wrap_lines=True)  # plain text with a copy button
    elif stored:
        st.info(tr("live.closed_thanks"))
    else:
        st.info(tr("live.closed_nothing"))
    if participant is not None and section.shape == "postits":
        from sff_core.ui.notes_board import closed_note_fields

        closed_note_fields(section, PHONE_PREFIX)  # a note typed but not sent stays in its field


@adds_records
def _code_form() -> None:
    with st.form("code-form"):
        typed = st.text_input(tr("live.code"), max_chars=12, key="typed-code")
        if st.form_submit_button(tr("live.join")):
            st.query_params[JOIN_PARAM] = typed
            st.rerun()


@adds_records
def _join_form(activity: ActivityInfo, browser: str) -> None:
    with st.form("join-form"):
        member_id, name, organisation = None, None, None
        if activity.identity_mode == "member":
            choices = unclaimed_members(engine(), activity)
            names = dict(choices)
            member_id = st.selectbox(
                tr("live.pick_yourself"),
                list(names),
                index=None,
                format_func=labelled(names),
                key="join-member",
                placeholder=tr("app.choose"),
            )
        elif activity.identity_mode == "named":
            st.caption(tr("live.name_help"))
            name = st.text_input(tr("core.name"), key="join-name", max_chars=120)
            organisation = st.text_input(tr("core.organisation"), key="join-org", max_chars=160)
        else:
            st.caption(tr("live.anonymous_help"))
            organisation = _network_organisation(activity)
        submitted = st.form_submit_button(tr("live.join"), type="primary")
    if submitted:
        try:
            participant = join(engine(), activity.code, name, organisation, member_id, browser=browser)
        except InputError as error:
            show_error(error)
        else:
            st.query_params[TOKEN_PARAM] = participant.token  # the identity survives a reload or reconnect
            st.rerun()


ORGANISATION_STEPS = ("step6", "step7")


def _network_organisation(activity: ActivityInfo) -> str | None:
    """Steps 6–7: the network's organisations (step 5) to pick from, no name needed (optional)."""
    if activity.step_key not in ORGANISATION_STEPS:
        return None
    from sff_core.events import list_participants

    names = sorted({p.organisation for p in list_participants(engine(), activity.workspace_id)})
    if not names:
        return None
    st.caption(tr("live_org.help"))
    return st.selectbox(tr("live_org.pick"), names, index=None, key="join-network-org", placeholder=tr("app.choose"))


@edit_form("phone-answers")
def _answer_form(activity: ActivityInfo, section: Section, token: str) -> None:
    from sff_core.ui.sections import form_baseline, widget_for

    loaded = form_baseline("live", my_answers(engine(), activity.code, token))
    if section.intro:
        with st.expander(tr("step.instructions")):
            st.markdown(text(section.intro, language()))
    if section.shape in PAGED_SHAPES and len(section.prompts) > PAGED_FROM:
        _paged_form(activity, section, token, loaded)
        return
    with st.form("participant-form", enter_to_submit=False):
        if section.shape in ("text", "postits") or section.interpretation:
            st.caption(tr("answer.personal_data_warning"))
        widget = widget_for(section, activity.workspace_id)
        answers = {p.key: widget(section, p, f"live-{p.key}", loaded.get(p.key)) for p in section.prompts}
        submitted = st.form_submit_button(tr("live.send"), type="primary", width="stretch")
    if not submitted:
        return
    _send(activity, token, answers, loaded)


def _send(activity: ActivityInfo, token: str, answers: dict[str, Answer], loaded: dict[str, Answer]) -> None:
    """Send the phone's answers: an empty form is not confirmed, a conflict or bad input is shown and
    everything typed stays; thanks only when something was stored."""
    if all(answer.is_empty() for answer in answers.values()) and not loaded:
        st.warning(tr("live.empty_form"))
        return
    try:
        result = submit(engine(), activity.code, token, answers, loaded=loaded)
    except EditConflict as conflict:
        # member mode: the facilitator changed this member's answer meanwhile; a second send overwrites
        st.session_state["loaded::live"] = {**loaded, **{c.field: c.theirs for c in conflict.conflicts}}
        st.warning(tr("live.conflict"))
    except InputError as error:
        if error.key == "closed_code":
            st.rerun()  # the closed view keeps what was typed on screen
        show_error(error)  # the form keeps every typed value
    else:
        st.session_state["loaded::live"] = {**loaded, **answers}  # what the phone shows is what is stored
        st.session_state.pop(UNSENT_KEY, None)
        st.success(tr("live.sent") if result.saved else tr("answer.nothing_changed"))


PAGED_SHAPES = ("score", "yes_no", "levels")
PAGED_FROM = 3  # more questions than this: one per phone screen
PAGE_KEY, DRAFT_KEY, CONFIRM_KEY = "live-page", "live-draft", "live-confirm-missing"


@edit_form("phone-answers-paged")
def _paged_form(activity: ActivityInfo, section: Section, token: str, loaded: dict[str, Answer]) -> None:
    """Long forms on a phone (readiness: seven dimensions): one question per screen with "3 av 7",
    back and next, and before sending the phone names what is still unanswered.

    Each screen is a form: the answer travels with the button that leaves the screen, so a quick
    tap on Next never loses the choice made just before it.
    """
    from sff_core.ui.sections import widget_for

    prompts = list(section.prompts)
    draft: dict[str, Answer] = st.session_state.setdefault(DRAFT_KEY, dict(loaded))
    page = min(max(0, int(st.session_state.get(PAGE_KEY, 0))), len(prompts) - 1)
    prompt, last = prompts[page], page == len(prompts) - 1
    st.markdown(f"**{tr('live.page_of', n=page + 1, total=len(prompts))}**")
    st.progress((page + 1) / len(prompts))
    with st.form(f"live-page-{page}", enter_to_submit=False):
        answer = widget_for(section, activity.workspace_id)(section, prompt, f"live-{prompt.key}", draft.get(prompt.key))
        back, forward = st.columns(2)
        went_back = page > 0 and back.form_submit_button(tr("live.back"), width="stretch", icon=":material/arrow_back:")
        went_on = forward.form_submit_button(tr("live.send") if last else tr("live.next"), type="primary", width="stretch")
    if went_back or went_on:
        draft[prompt.key] = answer
    if went_back:
        _turn(page - 1)
    if went_on and not last:
        _turn(page + 1)
    missing = [p for p in prompts if _unanswered(draft.get(p.key)) and (went_on or p is not prompt)]  # this screen: not yet sent
    if last and missing:
        names = ", ".join(f"{prompts.index(p) + 1}. {text(p.text, language())}" for p in missing)
        st.warning(tr("live.missing_one" if len(missing) == 1 else "live.missing", n=len(missing), names=names))
        for p in missing[:3]:
            if st.button(tr("live.go_to_question", n=prompts.index(p) + 1), key=f"live-goto-{p.key}"):
                _turn(prompts.index(p))
    if not (last and went_on):
        return
    if missing and not st.session_state.get(CONFIRM_KEY):
        st.session_state[CONFIRM_KEY] = True
        st.info(tr("live.send_again_to_confirm"))
        return
    st.session_state.pop(CONFIRM_KEY, None)
    _send(activity, token, {p.key: draft.get(p.key) or Answer() for p in prompts}, loaded)


def _unanswered(answer: Answer | None) -> bool:
    return answer is None or (answer.value_int is None and answer.value_bool is None)


def _turn(page: int) -> None:
    st.session_state[PAGE_KEY] = page
    st.rerun()
