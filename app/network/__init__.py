"""The candidate's network: parents and others who look along, only in the areas consented to."""
