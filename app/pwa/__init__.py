"""The installable app shell: web manifest and service worker (offline pages, no lost writes)."""
