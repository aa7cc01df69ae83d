"""The ASGI entry point for servers started by import string (uvicorn app.asgi:app --workers N)."""

import gc

from app.main import create_app

app = create_app()
# What start-up made (modules, models, routes) lives as long as the server: the collector need
# not walk it again. Without this a full collection (~40 ms over ~140k objects) falls in the
# first requests, and then again whenever enough new objects have piled up.
gc.freeze()
