"""Sign-in: passwords with TOTP for staff, one-time invites for candidates and network,
sessions and tokens."""
