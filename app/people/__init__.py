"""People and their roles: candidates, network members, consultants and admins."""
