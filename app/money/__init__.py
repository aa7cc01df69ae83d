"""Money domain: what paid work means for a candidate's income compared with a benefit."""
