"""The employer's checklist: per organisation, the conditions and points of attention an employer should know."""
