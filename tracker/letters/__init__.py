"""Every letter Kamertracker writes, in one place.

- `voortgangsbrief`: the ministry's progress letter to the Kamer (selection, wording, PDF, stored snapshots);
- `rappel`: the Kamer's (griffie's) letter to a ministry about its open toezeggingen;
- `phrasing`: the words both use (dates, citations, how an item and its status are named);
- `as_of`: an item as it stood at the end of a given day, from its history.
"""
