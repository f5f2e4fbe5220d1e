"""The province benches carry every summary table: a table the copy or the multiplication
leaves out keeps the source's rows while the stamp calls it current, so its pages read one
city's numbers at province scale."""
from bench import copy_to_pg, multiply_pg
from core.cubes import freshness
from core.db.models import CubeStamp

SUMMARY = {model._meta.table_name for model in freshness.TABLES if model is not CubeStamp}


def test_multiply_moves_every_summary_table():
    assert set(multiply_pg.CUBES) == SUMMARY


def test_copy_carries_every_summary_table_and_the_stamp():
    assert SUMMARY | {"cube_stamp"} <= set(copy_to_pg.TABLES)
