"""The candidate app's own pages: Mijn overstap (home), the "more" menu and the navigation every
page of a candidate's file shares."""
