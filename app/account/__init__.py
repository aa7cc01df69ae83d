"""The signed-in person's own account: preferences (language, text size, read-aloud) and a
download of all their data."""
