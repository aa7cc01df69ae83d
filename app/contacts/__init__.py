"""Contact persons: each candidate's one consultant, the backup, and absence periods."""
