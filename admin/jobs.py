"""计划任务: recent runs of the scheduled jobs and a button to run one now (admin only)."""
from ui.guard import guard

guard(__file__)

import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import pandas as pd  # noqa: E402
import streamlit as st  # noqa: E402

from core import labels  # noqa: E402
from jobs import runner  # noqa: E402
from jobs.base import recent_runs  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def start_in_background(name: str) -> None:
    """Never run a job on the Streamlit thread: a separate process records its own JobRun."""
    subprocess.Popen([sys.executable, "-m", "jobs.runner", "--once", name], cwd=ROOT,
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


st.header(labels.JOBS_TITLE)
st.caption(labels.JOBS_HELP)
names = sorted(runner.available())
cols = st.columns([3, 1])
chosen = cols[0].selectbox(labels.JOB_PICK, names, key="admin_job_pick",
                           format_func=lambda n: labels.JOB_NAMES.get(n, n))
if cols[1].button(labels.JOB_RUN_NOW, key="admin_job_run"):
    start_in_background(chosen)
    st.success(labels.JOB_STARTED)
frame = pd.DataFrame(recent_runs(), columns=list(labels.JOB_COLUMNS))
frame["job"] = frame["job"].map(lambda n: labels.JOB_NAMES.get(n, n))
frame["status"] = frame["status"].map(lambda s: labels.JOB_STATUS.get(s, s))
st.dataframe(frame.rename(columns=labels.JOB_COLUMNS), hide_index=True, width="stretch")
