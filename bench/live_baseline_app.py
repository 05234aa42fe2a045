"""The baseline for bench/live_loop.py: a minimal one-page app with the same refresh interval.

`?join=1&p=N` is a participant with a text field and a button (an upsert into SQLite);
without `join` it is the wall: one `st.fragment(run_every=1)` that reads and shows every answer.
"""

import os
import sqlite3
import time

import streamlit as st

DATABASE = os.environ["BASELINE_DB"]


def connect() -> sqlite3.Connection:
    connection = sqlite3.connect(DATABASE, timeout=10)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("CREATE TABLE IF NOT EXISTS answer (participant TEXT PRIMARY KEY, value TEXT, at REAL)")
    return connection


if "join" in st.query_params:
    participant = st.query_params.get("p", "0")
    with st.form("answer"):
        value = st.text_input("Svar")
        if st.form_submit_button("Skicka"):
            with connect() as connection:
                connection.execute(
                    "INSERT INTO answer VALUES (?, ?, ?) ON CONFLICT(participant) DO UPDATE SET value = excluded.value, at = excluded.at",
                    (participant, value, time.time()),
                )
            st.success("Sparat")
else:

    @st.fragment(run_every=1)
    def wall() -> None:
        with connect() as connection:
            rows = connection.execute("SELECT value FROM answer ORDER BY at").fetchall()
        st.markdown(f"**{len(rows)} svar**")
        for (value,) in rows:
            st.text(value)

    wall()
