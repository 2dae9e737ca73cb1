"""The status workflow per kind: allowed transitions, refusals that name the allowed ones."""
import pytest

from tracker.domain.workflow import (ANSWER, DELAY_NOTICE, RECORDING_ACTIONS, WORKFLOWS, WorkflowError, label, path_to,
                                     status_from_text, workflow_for)


def test_kamervragen_path():
    wf = workflow_for("kamervragen")
    assert wf.initial == "ontvangen"
    for source, target in [("ontvangen", "in_behandeling"), ("in_behandeling", "uitstel_gemeld"),
                           ("uitstel_gemeld", "beantwoord"), ("ontvangen", "ingetrokken")]:
        assert wf.transition(source, target, has_document=True, has_delay_notice=True).target == target


def test_illegal_transition_names_the_allowed_ones():
    with pytest.raises(WorkflowError) as error:
        workflow_for("kamervragen").transition("beantwoord", "ontvangen")
    assert "eindstatus" in str(error.value)
    with pytest.raises(WorkflowError) as error:
        workflow_for("motie").transition("ingediend", "afgedaan", has_document=True)
    message = str(error.value)
    assert "'aangenomen'" in message and "'verworpen'" in message and "'aangehouden'" in message


def test_discharge_needs_the_document():
    with pytest.raises(WorkflowError, match="document"):
        workflow_for("motie").transition("in_uitvoering", "afgedaan")
    assert workflow_for("motie").transition("in_uitvoering", "afgedaan", has_document=True)
    with pytest.raises(WorkflowError, match="document"):
        workflow_for("toezegging").transition("deels_voldaan", "voldaan")


def test_closed_kinds():
    assert workflow_for("toezegging").closed_kind("voldaan") == "done"
    assert workflow_for("toezegging").closed_kind("vervallen") == "dropped"
    assert workflow_for("motie").closed_kind("in_uitvoering") is None


def test_every_status_reachable_from_initial():
    for kind, wf in WORKFLOWS.items():
        for status in wf.statuses:
            assert path_to(kind, status)[-1] == status


def test_path_from_current_status():
    assert path_to("kamervragen", "beantwoord", source="uitstel_gemeld") == ["uitstel_gemeld", "beantwoord"]
    with pytest.raises(WorkflowError, match="toegestaan"):
        path_to("toezegging", "openstaand", source="deels_voldaan")


def test_status_from_text_accepts_labels():
    assert status_from_text("kamervragen", "Uitstel gemeld") == "uitstel_gemeld"
    with pytest.raises(WorkflowError, match="mogelijk"):
        status_from_text("motie", "beantwoord")


def test_a_closed_item_reopens_into_the_status_its_work_continues_in():
    from tracker.domain.workflow import reopen_status

    assert reopen_status("kamervragen", "beantwoord") == "in_behandeling"
    assert reopen_status("commissiebrief", "ingetrokken") == "in_behandeling"
    assert reopen_status("motie", "afgedaan") == "in_uitvoering"
    assert reopen_status("motie", "verworpen") == "ingediend"
    assert reopen_status("toezegging", "vervallen") == "openstaand"
    with pytest.raises(WorkflowError):
        reopen_status("toezegging", "openstaand")


@pytest.mark.parametrize("kind", sorted(WORKFLOWS))
def test_a_status_that_needs_facts_is_reached_only_by_recording_them(kind):
    """Issue 26: 'uitstel gemeld' only with an uitstelbericht, the answer status only with its document; a status
    list offers neither, and the refusal names the action that records the facts."""
    wf = workflow_for(kind)
    recorded = {status: wf.recorded_by(status) for status in wf.statuses if wf.recorded_by(status)}
    assert recorded == {wf.answer_status: ANSWER, **({wf.delay_status: DELAY_NOTICE} if wf.delay_status else {})}
    for status in wf.statuses:
        offered = {t.target for t in wf.choosable_from(status)}
        assert offered == {t.target for t in wf.allowed_from(status)} - set(recorded)
        for t in wf.allowed_from(status):
            facts = wf.recorded_by(t.target)
            if facts is None:
                assert wf.transition(status, t.target) == t
                continue
            with pytest.raises(WorkflowError) as refused:
                wf.transition(status, t.target)
            assert RECORDING_ACTIONS[facts] in str(refused.value) and label(t.target) in str(refused.value)
            # the other fact does not stand in for this one
            with pytest.raises(WorkflowError):
                wf.transition(status, t.target, has_document=facts == DELAY_NOTICE,
                              has_delay_notice=facts == ANSWER)
            assert wf.transition(status, t.target, has_document=facts == ANSWER,
                                 has_delay_notice=facts == DELAY_NOTICE) == t


def test_uitstel_gemeld_names_the_form_in_dutch():
    with pytest.raises(WorkflowError, match="gebruik 'Uitstelbericht vastleggen'"):
        workflow_for("kamervragen").transition("ontvangen", "uitstel_gemeld")
    with pytest.raises(WorkflowError, match="gebruik 'Antwoord of afdoening vastleggen'"):
        workflow_for("commissiebrief").transition("in_behandeling", "beantwoord")
