"""Tests of the employers domain."""
