"""Until the merge: agencies and deadlines read the tables here (graph.tables is the loader)."""
from graph.tables import provinces, rows as read_table  # noqa: F401
