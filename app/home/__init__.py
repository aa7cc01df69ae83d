"""The signed-in start page of every role, and the public landing page."""
