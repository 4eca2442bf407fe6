"""The floor: the emptiest Streamlit page, measured by bench/run.py in the same run as the app."""

import streamlit as st

st.write("ok")
if st.button("Klik"):
    st.session_state["klik"] = st.session_state.get("klik", 0) + 1
st.write(f"klik-{st.session_state.get('klik', 0)}")
