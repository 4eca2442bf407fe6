"""Every read: SQL aggregated in the database, the user's scope applied, no Streamlit."""
