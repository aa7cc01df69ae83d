"""The append-only access log: every read of a candidate's data by someone else."""
