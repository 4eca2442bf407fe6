"""The HTTP side of serve.py: routes beside the Streamlit app (sign-in cookie) and middleware."""
