"""Appointments: talks, visits and interviews on a candidate's way to work."""
