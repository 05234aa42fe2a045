import threading
from datetime import date

import pytest

from sff_core.errors import InputError
from sff_core.live import (
    CODE_ALPHABET,
    find_by_code,
    generate_code,
    get_activity,
    join,
    join_url,
    live_count,
    my_answers,
    normalise_code,
    open_activity,
    open_activity_for,
    participant_for,
    participant_labels,
    qr_png,
    set_results_visible,
    submit,
    unclaimed_members,
)
from sff_core.live import close_activity as close
from sff_core.members import add_member
from sff_core.responses import Answer, load_responses
from sff_core.workspaces import create_workspace

DAY = date(2026, 10, 6)


def test_codes_have_no_look_alike_characters():
    codes = {generate_code() for _ in range(500)}
    assert len(codes) > 490
    assert all(len(c) == 6 and set(c) <= set(CODE_ALPHABET) for c in codes)
    assert not set("01ILO") & set(CODE_ALPHABET)
    assert normalise_code(" abc-23 4 ") == "ABC234"


def test_open_reveal_close(engine, workspace):
    activity = open_activity(engine, workspace.id, "step0", "engagemang", DAY, "member")
    assert activity.is_open and not activity.results_visible
    assert open_activity(engine, workspace.id, "step0", "engagemang", DAY) == activity
    assert find_by_code(engine, activity.code.lower()).id == activity.id
    set_results_visible(engine, workspace.id, activity.id, True)
    assert get_activity(engine, workspace.id, activity.id).results_visible
    close(engine, workspace.id, activity.id)
    assert open_activity_for(engine, workspace.id, "step0", "engagemang") is None
    with pytest.raises(InputError) as caught:
        find_by_code(engine, activity.code)
    assert caught.value.key == "closed_code" and "stängd" in str(caught.value)


def test_unknown_code_and_non_live_section(engine, workspace):
    with pytest.raises(InputError, match="finns inte"):
        find_by_code(engine, "ZZZZZZ")
    with pytest.raises(InputError, match="finns inte"):
        find_by_code(engine, "")
    with pytest.raises(InputError, match="kan inte köras live"):
        open_activity(engine, workspace.id, "step0", "karngruppen", DAY)


def test_resubmission_is_an_upsert(engine, workspace):
    activity = open_activity(engine, workspace.id, "step0", "staden", DAY, "named")
    person = join(engine, activity.code, "Sara", "Hotell Exempel")
    submit(engine, activity.code, person.token, {"mojligheter": Answer(text="första")})
    submit(engine, activity.code, person.token, {"mojligheter": Answer(text="ändrat")})
    frame = load_responses(engine, workspace.id, "step0", "staden", DAY)
    assert frame[["respondent", "text"]].values.tolist() == [[person.respondent, "ändrat"]]
    assert my_answers(engine, activity.code, person.token)["mojligheter"].text == "ändrat"
    assert participant_labels(engine, workspace.id)[person.respondent] == "Sara (Hotell Exempel)"


def test_anonymous_participants_get_numbered_labels(engine, workspace):
    activity = open_activity(engine, workspace.id, "step0", "staden", DAY, "anonymous")
    first, second = join(engine, activity.code), join(engine, activity.code, "ignored name")
    assert first.display_name is None and second.display_name is None
    labels = participant_labels(engine, workspace.id)
    assert labels[first.respondent] == "Anonym 1" and labels[second.respondent] == "Anonym 2"


def test_member_mode_answers_as_the_member_and_only_once(engine, workspace):
    anna = add_member(engine, workspace.id, "Anna", "Soc", "socialtjanst")
    add_member(engine, workspace.id, "Bo", "Polisen", "polis")
    activity = open_activity(engine, workspace.id, "step0", "redo", DAY, "member")
    with pytest.raises(InputError, match="Välj dig själv"):
        join(engine, activity.code)
    phone = join(engine, activity.code, member_id=anna.id)
    assert phone.respondent == anna.respondent
    assert [name for _, name in unclaimed_members(engine, activity)] == ["Bo"]
    with pytest.raises(InputError, match="redan anslutit"):
        join(engine, activity.code, member_id=anna.id)
    submit(engine, activity.code, phone.token, {"behov": Answer(value_int=4)})
    assert load_responses(engine, workspace.id, "step0", "redo", DAY)["respondent"].tolist() == [anna.respondent]
    assert live_count(engine, activity).answered == 1


def test_member_of_another_workspace_cannot_be_claimed(engine, workspace):
    other = create_workspace(engine, "Lund", "Lund", date(2026, 1, 1), date(2027, 3, 1), "hemlig fras")
    stranger = add_member(engine, other.id, "Eve", "X", "annan")
    activity = open_activity(engine, workspace.id, "step0", "redo", DAY, "member")
    with pytest.raises(InputError, match="finns inte"):
        join(engine, activity.code, member_id=stranger.id)


def test_no_submission_to_a_closed_activity_or_with_a_foreign_token(engine, workspace):
    first = open_activity(engine, workspace.id, "step0", "staden", DAY, "anonymous")
    second = open_activity(engine, workspace.id, "step0", "engagemang", DAY, "anonymous")
    person = join(engine, first.code)
    with pytest.raises(InputError) as caught:
        submit(engine, second.code, person.token, {"s01": Answer(value_bool=True)})
    assert caught.value.key == "unknown_participant"
    assert participant_for(engine, second.code, person.token) is None
    close(engine, workspace.id, first.id)
    with pytest.raises(InputError, match="stängd"):
        submit(engine, first.code, person.token, {"mojligheter": Answer(text="för sent")})
    assert load_responses(engine, workspace.id, "step0", "staden").empty


def test_bad_and_hostile_text_is_stored_as_typed_within_the_limit(engine, workspace):
    activity = open_activity(engine, workspace.id, "step0", "staden", DAY, "anonymous")
    person = join(engine, activity.code)
    hostile = "<img src=x onerror=alert(1)> [länk](javascript:alert(1)) **fet**"
    submit(engine, activity.code, person.token, {"mojligheter": Answer(text=hostile)})
    assert load_responses(engine, workspace.id, "step0", "staden")["text"].tolist() == [hostile]
    with pytest.raises(InputError, match="för långt"):
        submit(engine, activity.code, person.token, {"mojligheter": Answer(text="x" * 4001)})
    assert load_responses(engine, workspace.id, "step0", "staden")["text"].tolist() == [hostile]


def test_forty_participants_submitting_at_once_are_all_stored(engine, workspace):
    activity = open_activity(engine, workspace.id, "step0", "redo", DAY, "anonymous")
    people = [join(engine, activity.code) for _ in range(40)]
    errors: list[BaseException] = []
    barrier = threading.Barrier(40)

    def answer(person, score):  # type: ignore[no-untyped-def]
        try:
            barrier.wait()
            for _ in range(2):  # double-tap
                submit(
                    engine, activity.code, person.token, {"behov": Answer(value_int=score), "perioden": Answer(value_int=3)}, loaded={}
                )  # the phone form, loaded empty, sent twice
        except BaseException as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=answer, args=(p, 1 + i % 5)) for i, p in enumerate(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    frame = load_responses(engine, workspace.id, "step0", "redo", DAY)
    assert len(frame) == 80 and frame["respondent"].nunique() == 40
    assert live_count(engine, activity).answered == 40


def test_join_link_and_qr_code():
    url = join_url("https://sff.example.se/", "ABC234")
    assert url == "https://sff.example.se/?join=ABC234"
    png = qr_png(url)
    assert png.startswith(b"\x89PNG") and len(png) > 200


def test_picking_a_member_does_not_reveal_what_was_stored_before(engine, workspace):
    from sff_core.responses import save_answers

    anna = add_member(engine, workspace.id, "Anna", "Soc", "socialtjanst")
    save_answers(engine, workspace.id, "step0", "redo", anna.respondent, DAY, {"behov": Answer(value_int=2, text="privat kommentar")})
    activity = open_activity(engine, workspace.id, "step0", "redo", DAY, "member")
    phone = join(engine, activity.code, member_id=anna.id)
    assert my_answers(engine, activity.code, phone.token) == {}
    submit(engine, activity.code, phone.token, {"behov": Answer(value_int=4)})
    assert my_answers(engine, activity.code, phone.token)["behov"].value_int == 4


def test_no_full_garbage_collection_after_every_run():
    """Every phone in a live activity polls every 3 s; a full gc.collect(2) after each run saturated a
    core at 16 phones (bench/live_loop.py), so the app leaves collection to Python's own collector."""
    import tomllib

    from tests.conftest import PROJECT_ROOT

    config = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text())
    assert config["runner"]["postScriptGC"] is False


BROWSER, OTHER_BROWSER = "b" * 32, "c" * 32


def test_the_same_browser_rejoining_is_the_same_participant(engine, workspace):
    """A closed tab or a re-scan: the browser's own token (a cookie) makes it the same person again."""
    activity = open_activity(engine, workspace.id, "step0", "staden", DAY, "named")
    first = join(engine, activity.code, "Sara", "Hotellet", browser=BROWSER)
    again = join(engine, activity.code, "Någon annan", browser=BROWSER)
    assert (again.id, again.token, again.display_name) == (first.id, first.token, "Sara")
    assert join(engine, activity.code, "Olle", browser=OTHER_BROWSER).id != first.id
    assert join(engine, activity.code, "Utan kaka").id != join(engine, activity.code, "Utan kaka").id  # no browser token: a join each
    from sff_core.live import participant_for_browser

    assert participant_for_browser(engine, activity, BROWSER).id == first.id
    assert participant_for_browser(engine, activity, "d" * 32) is None
    later = open_activity(engine, workspace.id, "step0", "redo", DAY, "anonymous")
    elsewhere = join(engine, later.code, browser=BROWSER)  # another activity: its own participant, unlinkable by token
    assert elsewhere.id != first.id and elsewhere.token != first.token


def test_a_member_rejoining_from_the_same_browser_keeps_the_member(engine, workspace):
    anna = add_member(engine, workspace.id, "Anna", "Polisen", "polis")
    activity = open_activity(engine, workspace.id, "step0", "redo", DAY, "member")
    first = join(engine, activity.code, member_id=anna.id, browser=BROWSER)
    assert join(engine, activity.code, member_id=anna.id, browser=BROWSER).id == first.id  # not "already taken"


def test_parallel_rejoins_from_one_browser_make_one_participant(engine, workspace):
    activity = open_activity(engine, workspace.id, "step0", "staden", DAY, "anonymous")
    barrier, ids = threading.Barrier(10), []

    def rejoin() -> None:
        barrier.wait()
        ids.append(join(engine, activity.code, browser=BROWSER).id)

    threads = [threading.Thread(target=rejoin) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(ids) == 10 and len(set(ids)) == 1
