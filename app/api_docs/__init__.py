"""The API's documentation page, served by the app itself (no third-party script)."""
