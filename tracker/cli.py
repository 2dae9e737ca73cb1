"""The `tracker` command. Thin: parse options, call a service in one transaction, print."""
from __future__ import annotations

import getpass
import json
import os
import re
import sys
from datetime import date
from pathlib import Path

import click
from sqlalchemy import inspect

from . import clock, db, words
from .domain.dutch import DateParseError, format_date, parse_date
from .domain.rules import default_rulebook
from .domain.workflow import WorkflowError
from .errors import TrackerError, ValidationError
from .vocabulary import ITEM_KINDS, ROLES
from .cli_dutch import use_dutch

PAGES = ("pagina", "pagina's")  # counted: "1 pagina", "3 pagina's"
use_dutch()  # click's own texts ("Usage:", "Options", "Error: …") in Dutch, whatever the locale


def _actor(session, value: str | None):
    """On whose behalf a command writes. --door names a user exactly (case and spaces count) who is active: that
    user, with their role and ministry (tracker.authz decides as on the web). Any other name is refused: never
    the operator's rights under a typed name. Without --door: the operator of the machine, named in the audit
    trail as cli:<login> (whoever runs commands on the server holds the database anyway)."""
    from sqlmodel import select

    from .authz import Actor, system
    from .models import Ministry, User

    if value is None:
        return system(f"cli:{os.environ.get('USER') or getpass.getuser()}")
    user = session.exec(select(User).where(User.username == value)).first()
    if user is None or user.username != value:  # != : a case-insensitive collation must not match 'BZK' to 'bzk'
        _fail(f"--door: er is geen gebruiker '{value}' (precies zo geschreven); er is niets opgeslagen")
    if not user.active:
        _fail(f"--door: gebruiker '{user.username}' is uitgeschakeld en kan niets wijzigen; er is niets opgeslagen")
    code = session.get(Ministry, user.ministry_id).code if user.ministry_id else None
    name = f"{user.username} ({user.role}{', ' + code if code else ''}, cli)"
    return Actor(name, user.role, user.ministry_id, code)


def _date_option(_ctx, _param, value):
    if value is None:
        return None
    try:
        return parse_date(value)
    except DateParseError as error:
        raise click.BadParameter(str(error)) from None


def _kinds_option(_ctx, _param, values):
    kinds = [k.strip().lower() for value in values for k in value.split(",") if k.strip()]
    unknown = [k for k in kinds if k not in ITEM_KINDS]
    if unknown:
        raise click.BadParameter(f"onbekende soort {', '.join(unknown)}; kies uit {', '.join(ITEM_KINDS)}")
    return kinds


def _fail(message: str) -> None:
    click.echo(f"Fout: {message}", err=True)
    sys.exit(1)


def _engine(any_migration: bool = False):
    """The configured database, for a command that reads or writes its data: set up, and at the migration this
    version of Kamertracker needs (an older schema misses columns, or has rules the code no longer keeps).

    any_migration: only set up (`backup` saves a database before it is migrated; `serve --migrate` migrates)."""
    from . import migrate

    engine = db.get_engine()
    current = migrate.schema_revision(engine)
    if current is None or "tracked_item" not in inspect(engine).get_table_names():
        _fail("de database is nog niet ingericht; voer eerst `tracker init-db` uit")
    head = migrate.newest_revision()
    if current != head and not any_migration:
        _fail(f"de database staat op migratie {current}, deze versie van Kamertracker vraagt {head}; maak een "
              f"back-up (`tracker backup PAD`) en voer dan `tracker init-db` uit. Er is niets gewijzigd.")
    return engine


# Commands that only read: they never wait for SQLite's write lock (every other command takes it up front).
READ_ONLY_COMMANDS = {"overdue", "show", "export", "rules", "letter-export", "serve", "backup", "zoek"}


# Click's own messages for a wrong command line, in Dutch (the exit code stays 2: a usage error).
_CLICK_DUTCH = [
    (r"^Missing option '(.+?)'\.?$", r"optie \1 ontbreekt"),
    (r"^Missing argument '(.+?)'\.?$", r"argument \1 ontbreekt"),
    (r"^No such option: (\S+)(?:\s+Did you mean (\S+)\?)?$", r"onbekende optie \1"),
    (r"^No such command '(.+?)'\.?$", r"onbekend commando '\1'"),
    (r"^Option '(.+?)' requires an argument\.?$", r"optie \1 vraagt een waarde"),
    (r"^Got unexpected extra arguments? \((.+)\)$", r"onverwacht extra argument (\1)"),
    (r"^Invalid value for '(.+?)': (.*)$", r"ongeldige waarde voor \1: \2"),
    (r"'(.+?)' is not one of (.+)\.$", r"'\1' is geen van \2"),
    (r"'(.+?)' is not a valid integer(?: range)?\.$", r"'\1' is geen geheel getal"),
    (r"(?:File|Path|Directory) '(.+?)' does not exist\.$", r"'\1' bestaat niet"),
    (r"is not one of", "is geen van"),
]


def dutch_usage(message: str) -> str:
    for pattern, replacement in _CLICK_DUTCH:
        message = re.sub(pattern, replacement, message)
    return message


# How the help names the value of an option or argument ("--port GETAL", "tracker import BESTAND")
METAVARS = {"text": "TEKST", "integer": "GETAL", "integer range": "GETAL", "float": "GETAL", "boolean": "JA|NEE",
            "path": "PAD", "file": "BESTAND", "directory": "MAP"}
ARGUMENT_NAMES = {"username": "GEBRUIKER", "file": "BESTAND", "path": "PAD", "document_id": "DOCUMENT-ID"}


class TrackerCommand(click.Command):
    """A command whose help is Dutch down to the placeholders: [OPTIES], TEKST, GETAL, BESTAND."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[OPTIES]")
        super().__init__(*args, **kwargs)
        for param in self.params:
            if param.metavar is not None or isinstance(param.type, click.Choice):
                continue
            if isinstance(param, click.Argument):
                param.metavar = ARGUMENT_NAMES.get(param.name, param.name.upper())
            elif not getattr(param, "is_flag", False):
                param.metavar = METAVARS.get(param.type.name, param.type.name.upper())


class TrackerGroup(click.Group):
    """Turns the errors meant for users into a message and exit code 1, never a traceback; a wrong command line
    gets a Dutch message and exit code 2."""

    command_class = TrackerCommand

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[OPTIES]")
        kwargs.setdefault("subcommand_metavar", "OPDRACHT [ARGUMENTEN]...")
        super().__init__(*args, **kwargs)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.UsageError as error:
            hint = f" Zie '{error.ctx.command_path} --help'." if error.ctx else ""
            click.echo(f"Fout: {dutch_usage(error.format_message())}.{hint}", err=True)
            sys.exit(2)
        except click.ClickException as error:
            click.echo(f"Fout: {dutch_usage(error.format_message())}", err=True)
            sys.exit(error.exit_code)
        except click.exceptions.Abort:
            click.echo("Afgebroken.", err=True)
            sys.exit(1)

    def invoke(self, ctx):
        from sqlalchemy.exc import DBAPIError

        from . import faults, terminal

        ctx.with_resource(terminal.escaped_output())  # no stored control character reaches the terminal
        try:
            return super().invoke(ctx)
        except DBAPIError as error:
            text = faults.message(error) or faults.conflict_message(error)
            if text is None:
                raise
            _fail(text[0].lower() + text[1:])
        except ValidationError as error:
            click.echo(f"Fout: {words.count(len(error.problems), 'probleem', 'problemen')}, er is niets opgeslagen:", err=True)
            for problem in error.problems:
                click.echo(f"  - {problem}", err=True)
            sys.exit(1)
        except (TrackerError, WorkflowError, FileNotFoundError) as error:
            _fail(str(error))
        finally:
            token = ctx.meta.pop("writes_token", None)
            if token is not None:
                db.writes_done(token)

    def resolve_command(self, ctx, args):
        name, command, rest = super().resolve_command(ctx, args)
        ctx.meta["writes_token"] = db.writes_ahead(name not in READ_ONLY_COMMANDS)
        return name, command, rest


@click.group(cls=TrackerGroup)
def main() -> None:
    """Kamertracker: moties, toezeggingen, Kamervragen en commissiebrieven en hun termijnen."""
    from . import config

    try:  # every file a command (or `tracker serve`) creates: the database, backups, letters, the outbox
        os.umask(config.umask())
    except ValueError as error:
        _fail(str(error))


@main.command("init-db")
def init_db() -> None:
    """Breng de database naar de nieuwste versie (Alembic-migraties)."""
    from . import migrate  # Alembic is heavy: import it only where needed

    engine = db.get_engine()
    migrate.upgrade(engine)
    click.echo(f"Database bijgewerkt: {engine.url.render_as_string(hide_password=True)}")


@main.command("load-demo")
@click.option("--file", "path", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Demobestand (standaard seeds/demo.toml).")
@click.option("--zonder-week", is_flag=True, help="Zonder het verzonnen heden: geen lopende werkvoorraad van vandaag, "
              "geen fictieve bewindspersonen, recessen en tweede beleidsmedewerkers.")
def load_demo(path: Path | None, zonder_week: bool) -> None:
    """Laad de demodata uit de brondocumenten, en een lopende week rond vandaag (twee keer laden maakt niets dubbel)."""
    from .demo import DEMO_PASSWORD, default_demo_file, load_demo as load

    path = path or default_demo_file()
    with db.transaction(_engine()) as session:
        summary = load(session, path, week_of=None if zonder_week else clock.today())
    new = ", ".join(f"{count} {what}" for what, count in summary.created.items()) or "niets nieuws (alles stond er al)"
    click.echo(f"Demodata geladen uit {path}: {new}.")
    users = ("admin, griffie, bzk, ocw, lezer" if zonder_week
             else "admin, griffie, lezer, bzk, bzk2, ocw, ocw2, jenv, jenv2, vws, vws2")
    click.echo(f"Demogebruikers: {users} — wachtwoord '{DEMO_PASSWORD}'.")


@main.command("create-user")
@click.argument("username")
@click.option("--role", "--rol", type=click.Choice(ROLES + tuple(words.ROLE_WORDS[r] for r in ROLES if words.ROLE_WORDS[r]
                                                                  not in ROLES)),
              required=True, help="beheerder (admin), griffie, beleidsmedewerker (officer) of lezer (viewer).")
@click.option("--ministerie", help="Ministeriecode; verplicht voor een beleidsmedewerker.")
@click.option("--password", help="Wachtwoord; zonder deze optie wordt erom gevraagd.")
@click.option("--email", help="E-mailadres voor de meldingen van `tracker notify`.")
def create_user(username: str, role: str, ministerie: str | None, password: str | None, email: str | None) -> None:
    """Maak een gebruiker aan voor de webapplicatie."""
    from sqlmodel import select
    from werkzeug.security import generate_password_hash

    from .models import User
    from .services.reference import ministry_by_code

    role = {shown: code for code, shown in words.ROLE_WORDS.items()}.get(role, role)  # "lezer" -> "viewer"
    if role == "officer" and not ministerie:
        _fail("een beleidsmedewerker hoort bij een ministerie: geef --ministerie CODE")
    from .services.people import checked_email

    email = checked_email(email, "--email")  # a wrong address is refused before anything is asked
    if password is None:
        password = click.prompt("Wachtwoord", hide_input=True, confirmation_prompt=True)
    from .passwords import password_problem

    problem = password_problem(password, username)
    if problem:
        _fail(problem[0].lower() + problem[1:])
    with db.transaction(_engine()) as session:
        if session.exec(select(User).where(User.username == username)).first():
            _fail(f"gebruiker '{username}' bestaat al")
        ministry_id = ministry_by_code(session, ministerie).id if ministerie else None
        session.add(User(username=username, role=role, ministry_id=ministry_id, email=email,
                         password_hash=generate_password_hash(password)))
    click.echo(f"Gebruiker '{username}' aangemaakt met rol {words.role_in_words(role, ministerie)}.")


@main.command("reset-password")
@click.argument("username")
@click.option("--password", help="Het nieuwe wachtwoord; zonder deze optie wordt erom gevraagd.")
def reset_password(username: str, password: str | None) -> None:
    """Geef een gebruiker die zijn wachtwoord kwijt is een nieuw wachtwoord. Al zijn sessies, API-tokens en
    agenda- en feedlinks houden op te werken."""
    from sqlmodel import select

    from .models import User
    from .services import users as user_service

    with db.transaction(_engine()) as session:
        user = session.exec(select(User).where(User.username == username)).first()
        if user is None:
            _fail(f"gebruiker '{username}' bestaat niet")
        if password is None:
            password = click.prompt("Nieuw wachtwoord", hide_input=True, confirmation_prompt=True)
        try:
            user_service.reset_password(session, user.id, password)
        except ValidationError as error:
            _fail(error.problems[0].message[0].lower() + error.problems[0].message[1:])
    click.echo(f"Nieuw wachtwoord voor '{username}'; zijn sessies, API-tokens en agenda- en feedlinks zijn "
               f"ingetrokken.")


@main.command("notify")
@click.option("--on", "on", callback=_date_option, help="De dag waarvoor (standaard vandaag), bijv. 2026-12-07.")
@click.option("--dry-run", is_flag=True, help="Alleen tonen wat verstuurd zou worden; niets versturen of vastleggen.")
def notify_command(on: date | None, dry_run: bool) -> None:
    """Verstuur wat vandaag moet: het weekoverzicht (maandag), herinneringen aan behandelaars en berichten over
    gevolgde items. Bedoeld om dagelijks te draaien (cron of een systemd-timer); een tweede run op dezelfde dag
    verstuurt niets opnieuw."""
    from . import config
    from .notify import AlreadyRunning, TransportDown, run

    on = on or clock.today()
    warning = None if dry_run else config.local_outbox_warning()
    if warning:  # several hosts on one PostgreSQL: a local folder is nobody's mailbox
        click.echo(warning, err=True)
    try:
        messages, report = run(_engine(), on, dry_run=dry_run)
    except AlreadyRunning:  # two timers, two hosts, or a timer and a person: the other run sends, once
        click.echo("Er draait al een `tracker notify` voor deze database; deze run verstuurt niets.")
        return
    except TransportDown as error:
        _fail(f"{error}. Er is niets als verzonden vastgelegd; draai `tracker notify` opnieuw als de server er weer is.")
    except ValueError as error:  # configuration (SMTP_URL, NOTIFY_*)
        _fail(str(error))
    if dry_run:
        for m in messages:
            click.echo(f"{words.MESSAGE_WORDS.get(m.kind, m.kind):13} → {m.username} <{m.recipient}>: {m.subject}")
        click.echo(f"{words.count(len(messages), 'bericht', 'berichten')} voor {format_date(on)} (droog: niets verstuurd).")
        return
    for m in report.sent:
        click.echo(f"verstuurd {words.MESSAGE_WORDS.get(m.kind, m.kind):13} → {m.username} <{m.recipient}>: {m.subject}")
    for m in report.repeated:
        click.echo(f"Opnieuw verstuurd (een eerdere run stopte terwijl de server dit bericht ontving; mogelijk "
                   f"dubbel): {words.MESSAGE_WORDS.get(m.kind, m.kind)} → {m.username} <{m.recipient}>", err=True)
    for m, reason in report.refused:
        click.echo(f"Geweigerd door de mailserver: {m.username} <{m.recipient}> ({reason})", err=True)
    for m, reason in report.failed:
        click.echo(f"Niet verstuurd: {words.MESSAGE_WORDS.get(m.kind, m.kind)} → {m.username} <{m.recipient}> "
                   f"({reason}); de volgende run probeert het opnieuw", err=True)
    click.echo(f"{format_date(on)}: {len(report.sent)} verstuurd, {len(report.refused)} geweigerd, "
               + (f"{len(report.failed)} mislukt, " if report.failed else "") + f"{report.skipped} al eerder verstuurd.")
    if report.refused or report.failed:
        sys.exit(1)  # the rest went; a cron job or timer still hears that something did not


@main.command("api-token")
@click.argument("naam")
@click.option("--omschrijving", help="Waarvoor het token is, bijv. 'Power BI-koppeling DGO'.")
def api_token(naam: str, omschrijving: str | None) -> None:
    """Maak een token voor de JSON-API (/api/v1) van gebruiker NAAM, met diens rol en ministerie.

    Het token staat alleen op de laatste regel van de uitvoer en wordt maar één keer getoond."""
    from sqlmodel import select

    from .models import User
    from .services.tokens import create_token

    with db.transaction(_engine()) as session:
        user = session.exec(select(User).where(User.username == naam)).first()
        if user is None:
            _fail(f"gebruiker '{naam}' bestaat niet")
        row, token = create_token(session, user, omschrijving)
        role, token_id = user.role, row.id
    click.echo(f"API-token {token_id} voor {naam} (rol {words.role_in_words(role)}); bewaar het nu, het wordt niet "
               f"opnieuw getoond:")
    click.echo(token)


@main.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--door", help="Namens wie: een actieve gebruiker, precies zo geschreven (dan gelden diens rol en "
              "ministerie); zonder --door: de beheerder van de server (cli:<gebruiker> in het audittrail).")
def import_command(file: Path, door: str | None) -> None:
    """Importeer een CSV- of XLSX-lijst; bij één fout wordt niets geïmporteerd."""
    from .importer import count_rows, import_file

    with db.transaction(_engine()) as session:
        with click.progressbar(length=max(count_rows(file), 1), label="Rijen importeren", file=sys.stderr) as bar:
            summary = import_file(session, file, _actor(session, door), progress=bar.update)
    click.echo(f"{file.name}: {len(summary.created)} nieuw, {len(summary.updated)} bijgewerkt, "
               f"{len(summary.unchanged)} ongewijzigd.")
    if summary.ignored_columns:
        click.echo(f"Genegeerde kolommen: {', '.join(summary.ignored_columns)}")


@main.command("intake")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help='Print {"documents": [...], "items": [...]}.')
@click.option("--opslaan", is_flag=True, help="Sla alle voorgestelde items op (na controle!), in één transactie.")
@click.option("--door", help="Namens wie: een actieve gebruiker, precies zo geschreven (dan gelden diens rol en "
              "ministerie); zonder --door: de beheerder van de server (cli:<gebruiker> in het audittrail).")
def intake(file: Path, as_json: bool, opslaan: bool, door: str | None) -> None:
    """Lees een Kamerbrief, verslag of nota (.txt of .pdf) en stel items voor; zonder --opslaan wordt niets bewaard."""
    from .intake.proposal import propose
    from .intake.text import read_document
    from .services import intake as intake_service
    from .services.schedule import load_calendar

    try:
        text = read_document(file)
    except OSError as error:
        _fail(f"{file.name} kan niet gelezen worden: {error}")
    engine = db.get_engine()
    registered = "tracked_item" in inspect(engine).get_table_names()
    calendar = None
    if registered:
        engine = _engine()  # at the migration this version needs
        with db.transaction(engine) as session:
            calendar = load_calendar(session)
    try:  # outside any transaction: reading a long paper holds no lock (SQLite's write lock, with --opslaan)
        proposal = propose(text, calendar)
    except ValueError as error:
        _fail(f"{file.name}: {error}")
    with db.transaction(engine) as session:
        rows = (intake_service.resolve(session, proposal, _actor(session, None)) if registered
                else [i.as_json() for i in proposal.items])
        if opslaan:
            if not registered:
                _fail("de database is nog niet ingericht; voer eerst `tracker init-db` uit")
            summary = intake_service.save(session, rows, proposal, _actor(session, door), file.name, text=text)
    if as_json:
        click.echo(json.dumps({"documents": [d.as_json() for d in proposal.documents], "items": rows},
                              ensure_ascii=False, indent=2))
    else:
        for document in proposal.documents:
            click.echo(_document_line(document))
        for row in rows:
            click.echo(_item_line(row))
        if not rows:
            click.echo("Geen items gevonden.")
    if opslaan:
        click.echo(f"Opgeslagen: {len(summary.created)} nieuw, {len(summary.updated)} bijgewerkt, "
                   f"{len(summary.unchanged)} ongewijzigd.")
        candidates = sum(not row.get("opnemen", True) for row in rows)
        if candidates:
            click.echo(f"{words.count(candidates, 'mogelijke toezegging', 'mogelijke toezeggingen')} niet opgeslagen: bevestig ze op de webpagina "
                       f"'Document invoeren'.")
    elif not as_json:
        click.echo("Niets opgeslagen (gebruik de webpagina 'Document invoeren' of --opslaan).")


def _document_line(document) -> str:
    parts = [document.kind, document.date.isoformat() if document.date else "datum onbekend"]
    if document.sender:
        parts.append(f"van {document.sender}")
    if document.kenmerken:
        parts.append("kenmerk " + ", ".join(document.kenmerken))
    if document.reply_due:
        parts.append(f"antwoord vóór {document.reply_due.isoformat()} ({document.reply_term or document.reply_phrase})")
    if document.timely is not None:
        parts.append("tijdig" if document.timely else f"{words.count(document.days_late, 'dag', 'dagen')} te laat")
    return "Document: " + "; ".join(parts)


def _item_line(row: dict) -> str:
    fields = ", ".join(f"{k}={row[k]}" for k in ("kamer", "nummer", "datum", "deadline", "uitstelbericht",
                                                   "beantwoord", "status", "ministerie") if row.get(k))
    what = "Item" if row.get("opnemen", True) else "Mogelijk item (alleen na bevestiging)"
    line = f"{what}: {row['soort']} — {row.get('titel') or '(geen titel)'} [{fields}]"
    if row.get("bestaand"):
        line += f"\n  bestaat al: {row['bestaand']}"
    for note in row.get("notes", []):
        line += f"\n  let op: {note}"
    return line


@main.command("import-tk")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
def import_tk(path: Path) -> None:
    """Importeer open data van de Tweede Kamer (OData-pagina's als JSON: een bestand of een map).

    Leest Zaak (Motie, Schriftelijke vragen), ZaakActor, Document (uitstel, antwoord), Fractie, Persoon en
    Toezegging; bijwerken op het TK-Id, nooit dubbel; rijen die sinds de vorige import niet gewijzigd zijn
    (GewijzigdOp) worden overgeslagen; Verwijderd archiveert het item. Alles of niets: één transactie.
    """
    from . import tk
    from .tk.project import summary_lines

    files = tk.pages.page_files(path)
    with db.transaction(_engine()) as session:
        with click.progressbar(length=len(files), label="Pagina's verwerken", file=sys.stderr) as bar:
            mirror, items = tk.load_files(session, files, _actor(session, None), on_file=lambda _file: bar.update(1))
        with click.progressbar(length=max(tk.pending_count(session), 1), label="Items bijwerken   ",
                               file=sys.stderr) as bar:
            tk.project(session, bar.update, items)
    result = tk.ImportResult(len(files), mirror, items)
    m = result.mirror
    click.echo(f"{words.count(result.files, 'bestand', 'bestanden')}: {m.new} nieuwe rijen, {m.updated} gewijzigd, {m.unchanged} ongewijzigd "
               f"(overgeslagen), {m.deleted} met Verwijderd.")
    if m.ignored_pages:
        click.echo(f"Niet gelezen (onbekende entiteit): {', '.join(m.ignored_pages[:10])}")
    for line in summary_lines(result.items):
        click.echo(line)


@main.command("fetch-tk")
@click.option("--since", "since", required=True, callback=_date_option, help="Wijzigingen vanaf deze datum.")
@click.option("--map", "folder", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Bewaar de pagina's hier (standaard instance/tk-JJJJ-MM-DD).")
@click.option("--alleen-ophalen", is_flag=True, help="Niet importeren, alleen de pagina's bewaren.")
def fetch_tk(since, folder: Path | None, alleen_ophalen: bool) -> None:
    """Haal wijzigingen op uit de live OData-API van de Tweede Kamer (netwerk nodig) en importeer ze."""
    from .config import instance_path
    from .tk.fetch import fetch

    if not alleen_ophalen:
        _engine()  # before the network: an outdated database would refuse the import afterwards
    folder = folder or instance_path() / f"tk-{clock.today().isoformat()}"
    count = 0
    try:
        for path in fetch(since, folder):
            count += 1
            click.echo(f"\r{words.count(count, *PAGES)} opgehaald ({path.name})", nl=False, err=True)
    except OSError as error:
        _fail(f"ophalen mislukt na {words.count(count, *PAGES)}: {error}; de opgehaalde pagina's staan in {folder}")
    click.echo(f"\n{words.count(count, *PAGES)} bewaard in {folder}.", err=True)
    if not alleen_ophalen:
        click.get_current_context().invoke(import_tk, path=folder)


@main.command("export")
@click.option("--out", "out", required=True, help="Bestand .csv of .xlsx; '-' schrijft CSV naar stdout.")
@click.option("--soort", type=click.Choice(ITEM_KINDS), help="Alleen deze soort (standaard alle).")
@click.option("--kamer", type=click.Choice(["TK", "EK"], case_sensitive=False))
@click.option("--ministerie", help="Ministeriecode.")
@click.option("--status", help="Alleen items met deze status (vraagt --soort).")
@click.option("--stand", type=click.Choice(["open", "te_laat", "afgesloten", "alle"]), default="alle", show_default=True)
@click.option("--zoek", help="Zoek in nummer, titel en tekst.")
@click.option("--rapport", is_flag=True,
              help="Als rapport om door te sturen (Nederlandse kolommen, termijn, dagen te laat, behandelaar), "
                   "niet om terug te lezen.")
def export(out: str, soort, kamer, ministerie, status, stand, zoek, rapport: bool) -> None:
    """Exporteer items in de kolommen van `tracker import` (CSV of XLSX), om te bewerken en terug te lezen; met
    --rapport als rapport (tracker/reports.py)."""
    from functools import partial as bound

    from . import exporter, reports
    from .domain.workflow import status_from_text
    from .services.queries import ListFilter
    from .services.reference import ministry_by_code

    suffix = "csv" if out == "-" else Path(out).suffix.lower().lstrip(".")
    if suffix not in ("csv", "xlsx"):
        _fail("--out moet eindigen op .csv of .xlsx (of '-' voor CSV op stdout)")
    if status and not soort:
        _fail("--status vraagt --soort (statussen verschillen per soort)")
    with db.transaction(_engine()) as session:
        f = ListFilter(kind=soort, chamber=kamer.upper() if kamer else None, state=stand, q=zoek,
                       ministry_id=ministry_by_code(session, ministerie).id if ministerie else None,
                       status=status_from_text(soort, status) if status else None, sort="nummer")
        today = clock.today()
        rows = (reports.list_rows if rapport else exporter.export_rows)(
            session, f, today, _actor(session, None))  # the operator: every stand
        write_csv, write_xlsx = ((reports.write_csv, bound(reports.write_xlsx, title=reports.title_line(
            f"Export {soort or 'alle soorten'}", f"stand {stand}", today))) if rapport
            else (exporter.write_csv, exporter.write_xlsx))
        if out == "-":
            count = write_csv(rows, sys.stdout, bom=False)  # for pipes
        else:
            target = Path(out)
            partial = target.with_name(f".{target.name}.deel")  # never leave half a file under the real name
            try:
                with partial.open("w", encoding="utf-8", newline="") if suffix == "csv" else partial.open("wb") as stream:
                    count = (write_csv if suffix == "csv" else write_xlsx)(rows, stream)
                partial.replace(target)
            finally:
                partial.unlink(missing_ok=True)
    if out != "-":
        click.echo(f"{words.count(count, 'item')} geëxporteerd naar {out}.")


@main.command("overdue")
@click.option("--on", "on", callback=_date_option, help="Peildatum (standaard vandaag), bijv. 2024-07-01.")
@click.option("--kamer", type=click.Choice(["TK", "EK"], case_sensitive=False))
@click.option("--ministerie", help="Ministeriecode, bijv. BZK.")
@click.option("--soort", multiple=True, callback=_kinds_option, help="motie, toezegging, kamervragen, commissiebrief.")
@click.option("--achterstand", type=click.Choice(["recent", "oud", "alle"]), default="alle", show_default=True,
              help="recent: hoogstens een jaar te laat; oud: meer dan een jaar (de oude achterstand); alle: beide.")
@click.option("--json", "as_json", is_flag=True, help="JSON-array, één object per item.")
def overdue_command(on: date | None, kamer: str | None, ministerie: str | None, soort: list[str],
                    achterstand: str, as_json: bool) -> None:
    """Wat is te laat op de peildatum? Het overzicht van de griffie."""
    from .domain.deadlines import in_backlog_part
    from .services.overdue import known_ministry_codes, ministry_code, overdue

    on = on or clock.today()
    with db.reading(_engine()) as connection:
        code = ministry_code(connection, ministerie) if ministerie else None
        if ministerie and code is None:
            _fail(f"onbekend ministerie '{ministerie}'; bekend: {', '.join(known_ministry_codes(connection))}")
        rows = overdue(connection, on, kamer.upper() if kamer else None, code, soort or None)
    backlog = None if achterstand == "alle" else achterstand  # "alle" by default: the list as scripts have read it
    rows = [row for row in rows if in_backlog_part(row.days_overdue, backlog)]
    if as_json:
        # Compact output keeps json on its C encoder (indent=2 falls back to pure Python: 10x slower).
        click.echo(json.dumps([row.as_json() for row in rows], ensure_ascii=False))
        return
    _print_overdue(rows, on)


def _print_overdue(rows, on: date) -> None:
    click.echo(f"Te laat op {format_date(on)}: {words.count(len(rows), 'item')}")
    by_ministry: dict[str, list] = {}
    for row in rows:
        by_ministry.setdefault(row.ministerie or "(geen ministerie)", []).append(row)
    for ministry in sorted(by_ministry):
        group = by_ministry[ministry]
        click.echo(f"\n{ministry} ({len(group)})")
        for row in group:
            delay = ""
            if row.uitstelbericht:
                late = row.uitstelbericht_days_late
                delay = f"  uitstel {row.uitstelbericht}" + (f" ({late} d te laat)" if late else " (tijdig)")
            title = row.titel if len(row.titel) <= 70 else row.titel[:69] + "…"
            click.echo(f"  {row.days_overdue:>5} d  {row.kamer} {row.soort:<14} {row.nummer:<22} "
                       f"termijn {row.due}{delay}  {title}")


@main.command("show")
@click.argument("nummer")
@click.option("--kamer", type=click.Choice(["TK", "EK"], case_sensitive=False), required=True)
@click.option("--soort", type=click.Choice(ITEM_KINDS), required=True)
@click.option("--on", "on", callback=_date_option, help="Peildatum (standaard vandaag).")
def show(nummer: str, kamer: str, soort: str, on: date | None) -> None:
    """Toon één item: termijn met uitleg, stand op de peildatum, uitstelberichten en audittrail."""
    from .domain.calendar import day_notes
    from .domain.workflow import label
    from .services import audit
    from .services.items import find_item
    from .services.schedule import assess_item, load_calendar

    on = on or clock.today()
    with db.transaction(_engine()) as session:
        item = find_item(session, kamer.upper(), soort, nummer)
        if item is None:
            _fail(f"{soort} {nummer} ({kamer.upper()}) bestaat niet")
        result, plan = assess_item(session, item, on)
        calendar = load_calendar(session)
        trail = audit.trail(session, item.id)
    click.echo(f"{item.kind} {item.nummer} ({item.chamber}) — {item.title}")
    click.echo(f"Status: {label(item.status)}   Start: {format_date(item.start_date) if item.start_date else 'onbekend'}")
    if item.due_date:
        notes = day_notes(item.due_date, item.chamber, calendar)
        click.echo(f"Termijn: {format_date(item.due_date)} [{item.due_rule}]" + (f" — {'; '.join(notes)}" if notes else ""))
    click.echo(f"Uitleg: {item.due_explanation or 'geen termijn'}")
    if item.due_problem:
        click.echo(f"LET OP: {item.due_problem}")
    extra = (f", {result.days_overdue} dagen over de termijn" if result.days_overdue else
             f", {result.days_late} dagen na de termijn" if result.days_late else "")
    click.echo(f"Stand op {format_date(on)}: {result.state.label}{extra}")
    for verdict in plan.delays:
        timing = "tijdig" if verdict.timely else f"{verdict.days_late} dagen te laat"
        after = format_date(verdict.due_after) if verdict.due_after else "geen termijn"
        click.echo(f"Uitstelbericht {format_date(verdict.sent_on)}: {timing}; termijn daarna {after}")
    click.echo("Audittrail:")
    for event in trail:
        change = f" {event.field}:" if event.field else ""
        values = f" {event.old or '—'} → {event.new}" if event.old or event.new else ""
        note = f" ({event.note})" if event.note else ""
        if event.effective_on:
            note += f" per {format_date(event.effective_on)}"
        click.echo(f"  {event.at:%Y-%m-%d %H:%M} {event.actor}: {event.action}{change}{values}{note}")


def _out_option(*extensions: str):
    """--out must end in one of these extensions: writing a PDF under "x.txt" helps nobody."""
    def check(_ctx, _param, value):
        if value is not None and value.suffix.lower() not in extensions:
            named = [e for e in extensions if e]
            raise click.BadParameter(f"'{value}' moet eindigen op {' of '.join(named)}"
                                     + (" (of geen extensie)" if "" in extensions else ""))
        return value
    return check


@main.command("letter")
@click.option("--ministerie", required=True, help="Ministeriecode, bijv. OCW.")
@click.option("--kamer", type=click.Choice(["TK", "EK"], case_sensitive=False), default="TK", show_default=True)
@click.option("--soort", multiple=True, callback=_kinds_option,
              help="Alleen deze soorten (standaard: moties en toezeggingen).")
@click.option("--status", "statuses", multiple=True, help="Alleen items met deze status(sen), bijv. in_uitvoering.")
@click.option("--alles", is_flag=True, help="Alle items, ook die lang geleden zijn afgesloten (standaard: open op de "
                                            "dagtekening, of afgesloten sinds de vorige brief / de laatste 12 maanden).")
@click.option("--betreft", help="Onderwerp (standaard volgens de inhoud, bijv. 'Voortgang uitvoering moties').")
@click.option("--kenmerk", help="Kenmerk van de brief (standaard CODE-JJJJMMDD-n; uniek per ministerie).")
@click.option("--uw-kenmerk", help="Uw kenmerk (optioneel).")
@click.option("--datum", callback=_date_option, help="Dagtekening (standaard vandaag).")
@click.option("--inleiding", help="Inleidende tekst (alinea's scheiden met een lege regel).")
@click.option("--slot", default="", help="Slottekst (standaard een gebruikelijke slotzin).")
@click.option("--ondertekenaar", help="Naam van de ondertekenaar (standaard de bewindspersoon in functie).")
@click.option("--functie", help="Functie van de ondertekenaar, bijv. 'minister van Onderwijs, Cultuur en Wetenschap'.")
@click.option("--afdoen", multiple=True, help="Nummers van items die deze brief afdoet (afgedaan / voldaan).")
@click.option("--zonder-bijlage", is_flag=True, help="Zonder de bijlage met het overzicht.")
@click.option("--tag", help="Alleen items met dit thema.")
@click.option("--van", callback=_date_option, help="Alleen items met een datum op of na deze dag.")
@click.option("--tot", callback=_date_option, help="Alleen items met een datum op of vóór deze dag.")
@click.option("--groepeer", type=click.Choice(["soort", "thema"]), default="soort", show_default=True)
@click.option("--concept", is_flag=True, help="Concept: CONCEPT op elke pagina, niets opgeslagen.")
@click.option("--door", help="Namens wie: een actieve gebruiker, precies zo geschreven (standaard cli:<gebruiker>).")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              callback=_out_option(".pdf"), help="Pad van de PDF (.pdf).")
def letter_command(ministerie, kamer, soort, statuses, alles, betreft, kenmerk, uw_kenmerk, datum, inleiding, slot,
                   ondertekenaar, functie, afdoen, zonder_bijlage, tag, van, tot, groepeer, concept, door, out):
    """Maak een voortgangsbrief (PDF) uit de geregistreerde items; een definitieve brief wordt bewaard."""
    from .letters import voortgangsbrief as letters
    from .services.reference import ministry_by_code

    for problem in letters.option_problems(soort or letters.DEFAULT_KINDS, statuses, van, tot)[:1]:
        message = f"--van ({van.isoformat()}) ligt na --tot ({tot.isoformat()})" if problem.field == "van" else problem.message
        raise click.BadParameter(message, param_hint=f"'--{problem.field}'")
    dagtekening = datum or clock.today()
    with db.transaction(_engine()) as session:
        actor = _actor(session, door)  # before anything is composed or written
        ministry = ministry_by_code(session, ministerie)
        made = letters.compose(
            session, ministry, on=dagtekening, chamber=kamer.upper(), kinds=soort or None, statuses=list(statuses),
            tag=tag, start_from=van, start_until=tot, group_by=groepeer, everything=alles, betreft=betreft,
            intro=inleiding, closing=slot, kenmerk=kenmerk, uw_kenmerk=uw_kenmerk, signer_function=functie,
            signer_name=ondertekenaar, concept=concept, annex=not zonder_bijlage, discharge_numbers=afdoen)
        for warning in made.warnings:
            click.echo(f"Let op: {warning}", err=True)
        if concept:
            pdf = letters.render_pdf(made.view)
        else:
            document, pdf, stored = letters.store_final(session, made.view, ministry, made.items,
                                                        actor, letters.exports_dir(), made.discharge)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(pdf)
    if concept:
        click.echo(f"Concept met {words.count(len(made.view.entries), 'item')} geschreven naar {out} (niet opgeslagen).")
    else:
        click.echo(f"Voortgangsbrief {made.view.kenmerk} (document {document.id}) met {words.count(len(made.view.entries), 'item')}: "
                   f"{out}; bewaard als {stored}.")


@main.command("letter-export")
@click.argument("document_id", type=int)
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path))
def letter_export(document_id: int, out: Path) -> None:
    """Geef een bewaarde voortgangsbrief terug, byte voor byte gelijk aan het origineel."""
    import hashlib

    from .letters import voortgangsbrief as letters

    with db.transaction(_engine()) as session:
        pdf = letters.stored_pdf(session, document_id)
    out.write_bytes(pdf)
    click.echo(f"{out}: gelijk aan het origineel (sha256 {hashlib.sha256(pdf).hexdigest()[:12]}…).")


@main.command("rappel")
@click.option("--ministerie", required=True, help="Ministeriecode.")
@click.option("--peildatum", required=True, callback=_date_option, help="Peildatum, bijv. 2025-07-01 of 2025-01-01.")
@click.option("--kamer", type=click.Choice(["TK", "EK"], case_sensitive=False), default="EK", show_default=True)
@click.option("--datum", callback=_date_option, help="Dagtekening van de brief (standaard vandaag).")
@click.option("--antwoord-voor", "reply_by", callback=_date_option,
              help="De Kamer verneemt graag vóór deze dag (standaard zes weken na de brief, op een vrijdag).")
@click.option("--ondertekenaar", default="", help="Naam van de Voorzitter (of griffier) die ondertekent.")
@click.option("--concept", is_flag=True, help="Concept: CONCEPT op elke pagina, een plaats voor de naam van de "
                                              "ondertekenaar; zonder --concept is --ondertekenaar verplicht.")
@click.option("--kenmerk", help="Kenmerk van de brief (standaard voor een definitieve brief: KAMER-RAP-CODE-JJJJMMDD).")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              callback=_out_option(".pdf", ".csv", ""), help="PAD.pdf of PAD.csv; zonder extensie worden beide gemaakt.")
def rappel_command(ministerie: str, peildatum: date, kamer: str, datum: date | None, reply_by: date | None,
                   ondertekenaar: str, concept: bool, kenmerk: str | None, out: Path) -> None:
    """De rappelbrief van de Kamer over openstaande toezeggingen (EK: halfjaarlijks), als PDF en/of CSV."""
    from .letters import rappel
    from .services.reference import ministry_by_code

    dagtekening = datum or clock.today()
    if reply_by and reply_by <= dagtekening:
        raise click.BadParameter(f"{reply_by.isoformat()} ligt niet na de dagtekening {dagtekening.isoformat()}",
                                 param_hint="'--antwoord-voor'")
    if peildatum > dagtekening:
        raise click.BadParameter(f"de peildatum {peildatum.isoformat()} ligt na de dagtekening "
                                 f"{dagtekening.isoformat()}", param_hint="'--peildatum'")
    targets = [out] if out.suffix.lower() in (".pdf", ".csv") else [out.with_suffix(".pdf"), out.with_suffix(".csv")]
    if not concept and not ondertekenaar.strip() and any(t.suffix.lower() == ".pdf" for t in targets):
        raise click.BadParameter("een definitieve rappelbrief heeft een ondertekenaar; of maak een --concept",
                                 param_hint="'--ondertekenaar'")
    with db.transaction(_engine()) as session:
        ministry = ministry_by_code(session, ministerie)  # unknown: a message naming the known codes
        rows = rappel.rappel_rows(session, ministry.id, kamer.upper(), peildatum)
        code = None if concept else (kenmerk or rappel.default_kenmerk(kamer.upper(), ministry, dagtekening))
    made = {}
    for target in targets:  # everything made before anything is written: a refusal leaves no half
        made[target] = (rappel.to_csv(rows).encode("utf-8") if target.suffix.lower() == ".csv" else
                        rappel.to_pdf(rows, ministry, kamer.upper(), peildatum, dagtekening, reply_by, ondertekenaar,
                                      concept=concept, kenmerk=code))
    for target, data in made.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    passed = sum(r.passed for r in rows)
    without = sum(r.deadline is None for r in rows)
    click.echo(f"{words.count(len(rows), 'toezegging', 'toezeggingen')} ({passed} met verstreken termijn, "
               f"{without} zonder bekende termijn): {', '.join(map(str, targets))}")


@main.command("rules")
def rules_command() -> None:
    """Toon het regelboek: welke regel maakt welke termijn."""
    book = default_rulebook()
    for rule in book.rules:
        click.echo(f"{rule.id:<22} {rule.chamber:<3} {rule.kind:<15} {rule.label}")
        click.echo(f"{'':<22} bron: {rule.source}")


@main.command("rebuild-deadlines")
@click.option("--door", help="Namens wie: een actieve gebruiker, precies zo geschreven (standaard cli:<gebruiker>).")
def rebuild_deadlines(door: str | None) -> None:
    """Herbereken alle termijnen (na het wijzigen van recessen of het regelboek)."""
    from sqlmodel import select

    from .models import TrackedItem
    from .services.schedule import load_calendar, rebuild

    with db.transaction(_engine()) as session:
        calendar = load_calendar(session)
        actor = _actor(session, door).name
        items = session.exec(select(TrackedItem).where(TrackedItem.archived_at.is_(None))).all()
        for item in items:
            rebuild(session, item, actor, calendar, note="herberekend")
    click.echo(f"{words.count(len(items), 'item')} herberekend.")


from .search.commands import register as _search_commands  # noqa: E402  (tracker zoek, tracker zoekindex)

_search_commands(main, _engine, _fail, lambda session, name: _actor(session, name), _date_option)


@main.command("generate")
@click.option("--items", "count", type=click.IntRange(1, 5_000_000), required=True, help="Aantal items.")
@click.option("--seed", type=int, default=2024, help="Startwaarde van de toevalsgenerator (herhaalbaar).")
@click.option("--vandaag", "today", callback=_date_option,
              help="De dag tot waar het register loopt (standaard vandaag); met --seed geeft dit steeds dezelfde items.")
def generate_command(count: int, seed: int, today) -> None:
    """Maak realistische synthetische items (voor benchmarks en volume)."""
    from .generate import generate

    made = generate(_engine(), count, seed, today=today)
    click.echo(f"{made} synthetische items aangemaakt.")


@main.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def backup_command(path: Path) -> None:
    """Maak een consistente back-up terwijl de app draait (SQLite: online backup; PostgreSQL: pg_dump)."""
    from . import backup

    from . import migrate

    engine = _engine(any_migration=True)  # a backup is the step before a migration
    what = backup.backup(engine, path)
    size = f"{path.stat().st_size:,}".replace(",", ".")
    click.echo(f"Back-up geschreven naar {path} ({what}, {size} bytes).")
    current, head = migrate.schema_revision(engine), migrate.newest_revision()
    if current != head:
        click.echo(f"Let op: de database staat op migratie {current}, deze versie van Kamertracker vraagt {head}; "
                   f"voer `tracker init-db` uit.", err=True)


@main.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def restore_command(path: Path) -> None:
    """Zet een back-up van `tracker backup` terug in een lege database (DATABASE_URL of instance/tracker.db)."""
    from . import backup, migrate

    engine = db.get_engine()
    what = backup.restore(engine, path)
    engine.dispose()
    current, head = migrate.current_revision(engine), migrate.head_revision()
    note = "" if current == head else f" De back-up staat op migratie {current}: voer `tracker init-db` uit."
    click.echo(f"Back-up {path.name} teruggezet ({what}).{note}")


@main.command("serve")
@click.option("--host", default=None, metavar="ADRES", help="Adres waarop de app luistert (standaard $TRACKER_HOST, "
                                                            "anders 127.0.0.1: alleen deze machine; 0.0.0.0: elk adres).")
@click.option("--port", default=None, type=int, metavar="POORT", help="Poort (standaard $PORT, anders 5000).")
@click.option("--workers", type=int, default=None, metavar="AANTAL",
              help="Aantal gunicorn-workers (standaard één per core, minstens 2 en hoogstens 8).")
@click.option("--migrate", "run_migrations", is_flag=True,
              help="Breng de database eerst naar de nieuwste migratie (anders weigert serve een oudere database).")
def serve(host: str | None, port: int | None, workers: int | None, run_migrations: bool) -> None:
    """Start de webapplicatie op gunicorn (nooit de debugserver).

    Links in e-mails en feeds wijzen naar $TRACKER_BASE_URL; zonder die variabele naar het adres en de poort
    waarop de app luistert.
    """
    from . import config, migrate
    from .web.server import run

    try:
        host, port = host or config.host(), port or config.port()
    except ValueError as error:  # PORT=abc
        _fail(str(error))
    if not 1 <= port <= 65535:
        _fail(f"--port moet een poortnummer zijn (1–65535), niet {port}")
    if workers is not None and not 1 <= workers <= 64:
        _fail(f"--workers moet tussen 1 en 64 liggen, niet {workers}")

    from .backup import damage

    found = damage(db.get_engine())  # SQLite: a damaged file gives 500s and tracebacks once served
    if found:
        _fail(f"de database is beschadigd (quick_check: {found[:300]}); zet een goede back-up terug in een nieuw "
              f"bestand (`tracker restore PAD` met een nieuwe DATABASE_URL)")
    engine = _engine(any_migration=True)  # the migration is checked here: --migrate brings it up to date
    current, head = migrate.current_revision(engine), migrate.head_revision()
    if current != head:
        if not run_migrations:
            _fail(f"de database staat op migratie {current or '(geen)'}, deze versie van Kamertracker vraagt {head}; "
                  f"voer eerst `tracker init-db` uit (maak eerst een back-up) of start met `tracker serve --migrate`")
        migrate.upgrade(engine)
        click.echo(f"Database bijgewerkt van migratie {current} naar {head}.")
    engine.dispose()  # checked the schema; workers open their own connections after the fork
    warning = config.local_outbox_warning()
    if warning:
        click.echo(warning, err=True)
    # the workers make the feed links from the environment: --host/--port count there as $TRACKER_HOST/$PORT would
    os.environ["TRACKER_HOST"], os.environ["PORT"] = host, str(port)
    click.echo(f"Kamertracker luistert op {host}:{port} en is te openen op {config.base_url()} (stoppen: Ctrl-C).")
    run(host, port, workers)


if __name__ == "__main__":
    main()
