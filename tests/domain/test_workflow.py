"""The status workflow per kind: allowed transitions, refusals that name the allowed ones."""
import pytest

from tracker.domain.workflow import WORKFLOWS, WorkflowError, path_to, status_from_text, workflow_for


def test_kamervragen_path():
    wf = workflow_for("kamervragen")
    assert wf.initial == "ontvangen"
    for source, target in [("ontvangen", "in_behandeling"), ("in_behandeling", "uitstel_gemeld"),
                           ("uitstel_gemeld", "beantwoord"), ("ontvangen", "ingetrokken")]:
        assert wf.transition(source, target).target == target


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
