"""专利数据核查."""
from ui.guard import guard

guard(__file__)

from ui import placeholder  # noqa: E402

placeholder.render(__file__)
