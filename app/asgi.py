"""The ASGI entry point for servers started by import string (uvicorn app.asgi:app --workers N)."""

from app.main import create_app

app = create_app()
