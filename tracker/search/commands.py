"""`tracker zoek` and `tracker zoekindex`: the search of the web page on the command line, and a full rebuild of the
index (a database restored from an old copy, or after the migration that made it)."""
from __future__ import annotations

import click


def register(main, engine_of, fail, actor_of, date_option) -> None:
    """Add the commands to the `tracker` group (the helpers are tracker.cli's own)."""

    @main.command("zoek")
    @click.argument("tekst")
    @click.option("--soort", type=click.Choice(["motie", "toezegging", "kamervragen", "commissiebrief", "document"]))
    @click.option("--kamer", type=click.Choice(["TK", "EK"]))
    @click.option("--ministerie", help="Ministeriecode, bijv. BZK.")
    @click.option("--stand", type=click.Choice(["open", "te_laat", "afgesloten"]))
    @click.option("--van", "since", callback=date_option, help="Vanaf deze datum (item: begindatum, document: dagtekening).")
    @click.option("--tot", "until", callback=date_option, help="Tot en met deze datum.")
    @click.option("--als", "as_user", help="Lees als deze gebruiker (zijn rol en ministerie bepalen wat hij mag zien).")
    @click.option("--aantal", type=click.IntRange(1, 500), default=25, help="Hoeveel resultaten (standaard 25).")
    def zoek(tekst, soort, kamer, ministerie, stand, since, until, as_user, aantal) -> None:
        """Zoek in items en documenten, best passend eerst (zoals het zoekvak op de website)."""
        from sqlalchemy import select

        from .. import clock, db
        from ..models import Ministry
        from . import Filters, search

        engine = engine_of()
        with db.transaction(engine) as session:
            user = actor_of(session, as_user)
            ministry_id = None
            if ministerie:
                ministry_id = session.execute(select(Ministry.id).where(Ministry.code == ministerie)).scalar()
                if ministry_id is None:
                    fail(f"onbekend ministerie '{ministerie}'")
            result = search(session.connection(), user, tekst, Filters(soort, kamer, ministry_id, stand, since, until),
                            per_page=aantal, today=clock.today())
        click.echo(f"{result.total} resultaat/resultaten voor '{tekst}'.")
        for hit in result.hits:
            if hit.kind == "item":
                click.echo(f"item {hit.id}\t{hit.chamber} {hit.soort} {hit.nummer}\t{hit.title}")
            else:
                click.echo(f"document {hit.id}\t{hit.soort} {hit.nummer or ''}\t{hit.title}")
            if hit.snippet:
                click.echo("\t" + "".join(f"[{piece}]" if marked else piece for piece, marked in hit.snippet)
                           .replace("\n", " "))

    @main.command("zoekindex")
    def zoekindex() -> None:
        """Bouw de zoekindex opnieuw op uit het register (na een herstel of bij twijfel)."""
        import time

        from .. import db
        from . import index

        engine = engine_of()
        started = time.perf_counter()
        with db.transaction(engine, immediate=True) as session:
            items, documents = index.rebuild(session.connection())
        click.echo(f"Zoekindex opnieuw opgebouwd: {items} items en {documents} documenten in "
                   f"{time.perf_counter() - started:.1f} s.")
