"""Taking a new candidate on: the person, their contact person and, when chosen, a journey."""
