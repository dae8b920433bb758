"""The table a notes app keeps, as raw SQL: this example is about connections, not the ORM."""

CREATE_NOTES = "CREATE TABLE notes (id INTEGER PRIMARY KEY, title TEXT NOT NULL)"
COUNT_NOTES = "SELECT count(*) FROM notes"
