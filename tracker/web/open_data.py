"""Beheer → Open data TK: upload saved OData pages of the Tweede Kamer and import them (admin only).

The same import as `tracker import-tk`, in one transaction: a problem in any page keeps nothing.
Open data spans every ministry, so only an admin may run it.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from flask import Blueprint, render_template, request
from flask_login import current_user

from .. import db, tk
from ..errors import ValidationError
from ..tk.project import summary_lines
from ..tk.upload import unpack
from . import app_engine
from .admin import admin_only
from .forms import OpenDataForm

bp = Blueprint("open_data", __name__, url_prefix="/beheer/open-data")


@bp.route("/", methods=["GET", "POST"])
@admin_only
def index():
    engine = app_engine()
    form = OpenDataForm()
    result, problems = None, None
    if form.validate_on_submit():
        uploads = [(upload.filename or "pagina.json", upload.read()) for upload in form.files.data]
        try:
            with tempfile.TemporaryDirectory() as folder:
                unpack(uploads, Path(folder))
                with (db.trial if form.dry_run.data else db.transaction)(engine) as session:
                    result = tk.import_path(session, Path(folder), current_user.actor)
        except ValidationError as error:
            problems = error.problems
    with db.transaction(engine) as session:
        state = tk.mirror_state(session)
    status = 400 if request.method == "POST" and (form.errors or problems) else 200
    return render_template("admin/open_data.html", form=form, result=result, problems=problems, state=state,
                           lines=summary_lines(result.items) if result else [], dry_run=form.dry_run.data), status
