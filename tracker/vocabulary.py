"""The fixed words of the domain, importable without the database layer (keeps the CLI fast)."""
from datetime import date

ITEM_KINDS = ("motie", "toezegging", "kamervragen", "commissiebrief")
CHAMBERS = ("TK", "EK")
DOCUMENT_KINDS = ("commissiebrief", "uitstelbericht", "antwoord", "motie", "kamervragen",
                  "kamerbrief", "voortgangsbrief", "nota", "verslag")
ROLES = ("admin", "griffie", "officer", "viewer")

# "Still open": the active window of a period of an open item ends on this date. A real
# date (not NULL) keeps the overdue query a plain range condition that an index serves.
OPEN_END = date(9999, 12, 31)
