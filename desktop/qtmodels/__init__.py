"""Qt item models over the local read models: lazy, sorted and filtered in SQL."""
