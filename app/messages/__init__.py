"""Messages (berichten): updates from the consultant and questions from the candidate or network."""
