"""Hard words explained: the word list ("Wat betekent dit?") and links where they first appear."""
