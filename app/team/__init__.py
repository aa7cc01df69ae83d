"""The team view: how an organisation's candidates move along their routes, for its staff."""
