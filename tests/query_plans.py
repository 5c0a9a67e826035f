"""How SQLite reads a captured query: enough to tell an index walk from a read of a whole table."""

import pytest
from django.db import connection

sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="reads SQLite's query plan; PostgreSQL plans by size"
)


def query_plan(sql):
    """SQLite's plan of `sql` (a captured query, its values inlined), as one line."""
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        return " ".join(str(row[-1]) for row in cursor.fetchall())
