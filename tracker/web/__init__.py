"""The web application: app factory, blueprints, templates (one base layout)."""
from __future__ import annotations

from pathlib import Path

from flask import Flask, render_template

from .. import config, db
from ..domain.dutch import format_date

TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates"


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app; importing the package has no side effects."""
    instance = config.instance_path()
    instance.mkdir(parents=True, exist_ok=True)
    app = Flask("tracker", instance_path=str(instance), instance_relative_config=True,
                template_folder=str(TEMPLATES), static_folder=str(Path(__file__).parent / "static"))
    app.config.from_mapping(DATABASE_URL=config.database_url(), SESSION_COOKIE_HTTPONLY=True,
                            SESSION_COOKIE_SAMESITE="Lax", SEND_FILE_MAX_AGE_DEFAULT=86400)
    if test_config:
        app.config.update(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = config.secret_key()
    app.extensions["engine"] = db.get_engine(app.config["DATABASE_URL"])
    app.jinja_env.filters["datum"] = lambda d: format_date(d) if d else "—"

    from . import overview
    app.register_blueprint(overview.bp)

    @app.errorhandler(404)
    def not_found(_error):
        return render_template("errors/404.html"), 404

    @app.errorhandler(500)
    def server_error(_error):
        return render_template("errors/500.html"), 500

    return app
