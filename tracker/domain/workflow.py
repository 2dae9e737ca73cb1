"""The status workflow: per kind a small state machine with named transitions."""
from __future__ import annotations

from dataclasses import dataclass


class WorkflowError(ValueError):
    """A transition the workflow does not allow (message names the allowed ones)."""


# Statuses that stand for facts are reached only by recording those facts, never by choosing them from a status
# list: 'uitstel gemeld' is an uitstelbericht (sent on, new date: the deadline moves), 'beantwoord' / 'afgedaan' /
# 'voldaan' is the answer or the letter that fulfils it (the date it closed on, the document). Each kind of fact
# has one action that records it, named as the item page names its form.
DELAY_NOTICE = "uitstelbericht"
ANSWER = "antwoord"
RECORDING_ACTIONS = {DELAY_NOTICE: "Uitstelbericht vastleggen", ANSWER: "Antwoord of afdoening vastleggen"}
_FACTS_IN_WORDS = {DELAY_NOTICE: "het uitstelbericht (de datum van verzending en de nieuwe datum)",
                   ANSWER: "het antwoord of de brief die het afdoet (de datum en het document)"}


@dataclass(frozen=True)
class Transition:
    name: str  # what the user does, in Dutch: "in behandeling nemen"
    source: str
    target: str
    needs_document: bool = False


@dataclass(frozen=True)
class Workflow:
    kind: str
    initial: str
    transitions: tuple[Transition, ...]
    done: frozenset[str]  # statuses that discharge the obligation
    dropped: frozenset[str]  # statuses that end it without discharge
    no_obligation: frozenset[str] = frozenset()  # statuses in which nothing is owed yet
    delay_status: str | None = None  # the status an uitstelbericht moves to
    answer_status: str = ""  # the status an answer or fulfilling document moves to

    @property
    def statuses(self) -> list[str]:
        seen = [self.initial]
        for t in self.transitions:
            for status in (t.source, t.target):
                if status not in seen:
                    seen.append(status)
        return seen

    def allowed_from(self, status: str) -> list[Transition]:
        return [t for t in self.transitions if t.source == status]

    def recorded_by(self, status: str) -> str | None:
        """The facts this status needs (DELAY_NOTICE, ANSWER), or None when it may simply be chosen."""
        if status == self.delay_status:
            return DELAY_NOTICE
        if status == self.answer_status:
            return ANSWER
        return None

    def choosable_from(self, status: str) -> list[Transition]:
        """The transitions a status list may offer: those that need no recorded facts."""
        return [t for t in self.allowed_from(status) if self.recorded_by(t.target) is None]

    def transition(self, source: str, target: str, has_document: bool = False,
                   has_delay_notice: bool = False) -> Transition:
        """The transition from source to target, or WorkflowError naming what is allowed.

        has_document / has_delay_notice: the caller records the answer's document / the uitstelbericht with this
        move; a status that stands for those facts is refused without them, naming the action that records them."""
        if source not in self.statuses:
            raise WorkflowError(f"onbekende status '{source}' voor {self.kind}")
        for t in self.allowed_from(source):
            if t.target == target:
                facts = self.recorded_by(target)
                if (facts == ANSWER and not has_document) or (facts == DELAY_NOTICE and not has_delay_notice) or (
                        t.needs_document and not has_document):
                    raise WorkflowError(needs_facts_message(target, facts or ANSWER))
                return t
        allowed = ", ".join(f"'{label(t.target)}'" for t in self.allowed_from(source))
        if not allowed:
            raise WorkflowError(f"status '{label(source)}' is een eindstatus; er is geen overgang mogelijk")
        raise WorkflowError(f"van '{label(source)}' naar '{label(target)}' mag niet; "
                            f"toegestaan: {allowed}")

    def closed_kind(self, status: str) -> str | None:
        """'done', 'dropped' or None (still open)."""
        if status in self.done:
            return "done"
        if status in self.dropped:
            return "dropped"
        return None


def _t(name, source, target, needs_document=False):
    return Transition(name, source, target, needs_document)


_QUESTIONS = (
    _t("in behandeling nemen", "ontvangen", "in_behandeling"),
    _t("uitstel melden", "ontvangen", "uitstel_gemeld"),
    _t("uitstel melden", "in_behandeling", "uitstel_gemeld"),
    _t("beantwoorden", "ontvangen", "beantwoord"),
    _t("beantwoorden", "in_behandeling", "beantwoord"),
    _t("beantwoorden", "uitstel_gemeld", "beantwoord"),
    _t("intrekken", "ontvangen", "ingetrokken"),
    _t("intrekken", "in_behandeling", "ingetrokken"),
    _t("intrekken", "uitstel_gemeld", "ingetrokken"),
)

WORKFLOWS = {
    "kamervragen": Workflow("kamervragen", "ontvangen", _QUESTIONS, frozenset({"beantwoord"}),
                            frozenset({"ingetrokken"}), delay_status="uitstel_gemeld",
                            answer_status="beantwoord"),
    "commissiebrief": Workflow("commissiebrief", "ontvangen", _QUESTIONS, frozenset({"beantwoord"}),
                               frozenset({"ingetrokken"}), delay_status="uitstel_gemeld",
                               answer_status="beantwoord"),
    "motie": Workflow("motie", "ingediend", (
        _t("aannemen", "ingediend", "aangenomen"),
        _t("verwerpen", "ingediend", "verworpen"),
        _t("aanhouden", "ingediend", "aangehouden"),
        _t("intrekken", "ingediend", "ingetrokken"),
        _t("aannemen", "aangehouden", "aangenomen"),
        _t("verwerpen", "aangehouden", "verworpen"),
        _t("intrekken", "aangehouden", "ingetrokken"),
        _t("uitvoering starten", "aangenomen", "in_uitvoering"),
        _t("afdoen", "aangenomen", "afgedaan", needs_document=True),
        _t("afdoen", "in_uitvoering", "afgedaan", needs_document=True),
        _t("laten vervallen", "aangenomen", "vervallen"),
        _t("laten vervallen", "in_uitvoering", "vervallen"),
    ), frozenset({"afgedaan"}), frozenset({"vervallen", "verworpen", "ingetrokken"}),
        no_obligation=frozenset({"ingediend", "aangehouden", "verworpen", "ingetrokken"}),
        answer_status="afgedaan"),
    "toezegging": Workflow("toezegging", "openstaand", (
        _t("deels voldoen", "openstaand", "deels_voldaan"),
        _t("voldoen", "openstaand", "voldaan", needs_document=True),
        _t("voldoen", "deels_voldaan", "voldaan", needs_document=True),
        _t("laten vervallen", "openstaand", "vervallen"),
        _t("laten vervallen", "deels_voldaan", "vervallen"),
    ), frozenset({"voldaan"}), frozenset({"vervallen"}), answer_status="voldaan"),
}

LABELS = {
    "ontvangen": "ontvangen", "in_behandeling": "in behandeling", "uitstel_gemeld": "uitstel gemeld",
    "beantwoord": "beantwoord", "ingetrokken": "ingetrokken", "ingediend": "ingediend",
    "aangenomen": "aangenomen", "verworpen": "verworpen", "aangehouden": "aangehouden",
    "in_uitvoering": "in uitvoering", "afgedaan": "afgedaan", "vervallen": "vervallen",
    "openstaand": "openstaand", "deels_voldaan": "deels voldaan", "voldaan": "voldaan",
}


def needs_facts_message(status: str, facts: str) -> str:
    """Why a status cannot be set on its own, and which action sets it (in Dutch)."""
    return (f"'{label(status)}' kan niet los als status gekozen worden: die status hoort bij "
            f"{_FACTS_IN_WORDS[facts]}; gebruik '{RECORDING_ACTIONS[facts]}'")


def label(status: str) -> str:
    """The status as users read it ("uitstel gemeld")."""
    return LABELS.get(status, status)


def status_from_text(kind: str, text: str) -> str:
    """Accept a status as users type it ("Uitstel gemeld", "uitstel_gemeld")."""
    wanted = text.strip().lower().replace(" ", "_")
    workflow = workflow_for(kind)
    if wanted not in workflow.statuses:
        options = ", ".join(label(s) for s in workflow.statuses)
        raise WorkflowError(f"onbekende status '{text}' voor {kind}; mogelijk: {options}")
    return wanted


# Where a closed item goes back to when it is reopened (an answer turned out not to answer, a motion was
# closed by mistake): the open status its work continues in.
REOPENED_AS = {"kamervragen": "in_behandeling", "commissiebrief": "in_behandeling", "toezegging": "openstaand"}
_REOPENED_MOTION = {"afgedaan": "in_uitvoering", "vervallen": "in_uitvoering", "verworpen": "ingediend",
                    "ingetrokken": "ingediend"}


def reopen_status(kind: str, status: str) -> str:
    """The status a closed item of this kind returns to; WorkflowError when it is not closed."""
    workflow = workflow_for(kind)
    if workflow.closed_kind(status) is None:
        raise WorkflowError(f"'{label(status)}' is geen afgesloten status; heropenen kan alleen een afgesloten item")
    return _REOPENED_MOTION[status] if kind == "motie" else REOPENED_AS[kind]


def workflow_for(kind: str) -> Workflow:
    try:
        return WORKFLOWS[kind]
    except KeyError:
        raise WorkflowError(f"onbekende soort '{kind}'") from None


def path_to(kind: str, target: str, source: str | None = None) -> list[str]:
    """The shortest list of statuses from source (default: the initial one) to target."""
    workflow = workflow_for(kind)
    source = source or workflow.initial
    frontier = [[source]]
    seen = {source}
    while frontier:
        path = frontier.pop(0)
        if path[-1] == target:
            return path
        for t in workflow.allowed_from(path[-1]):
            if t.target not in seen:
                seen.add(t.target)
                frontier.append(path + [t.target])
    if source != workflow.initial:
        allowed = ", ".join(f"'{label(t.target)}'" for t in workflow.allowed_from(source)) or "geen (eindstatus)"
        raise WorkflowError(f"van '{label(source)}' kan {kind} niet naar '{label(target)}'; toegestaan: {allowed}")
    raise WorkflowError(f"status '{label(target)}' is niet bereikbaar voor {kind}")
