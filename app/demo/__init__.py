"""Demo data: a municipality with personas for every role, and fresh sign-in links for them."""
