"""计划任务: recent runs of the scheduled jobs and a button to run one now (admin only)."""
import subprocess
import sys
from pathlib import Path

import pandas as pd
import streamlit as st

from core.config import display, labels
from jobs import runner
from jobs.base import recent_runs
from ui import tables
from ui.guard import guard

guard(__file__)

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
                           format_func=display.job_name)
if cols[1].button(labels.JOB_RUN_NOW, key="admin_job_run"):
    start_in_background(chosen)
    st.success(labels.JOB_STARTED)
frame = pd.DataFrame(recent_runs(), columns=list(labels.JOB_COLUMNS))
frame["job"] = frame["job"].map(display.job_name)
frame["status"] = frame["status"].map(lambda s: labels.JOB_STATUS.get(s, s))
frame["message"] = frame["message"].map(display.job_message)
tables.show(frame.rename(columns=labels.JOB_COLUMNS), hide_index=True, width="stretch")
