"""The pure core: deadline rules, vague phrases, calendar and status workflow (no Flask, no database)."""
