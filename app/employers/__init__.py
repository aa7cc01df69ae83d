"""Employers (werkgevers): the firms where candidates try and start work, their people, the
placements they host and the wage-value and subsidy dates of each placement."""
