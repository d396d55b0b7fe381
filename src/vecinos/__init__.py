"""Vecinos: a rapid-response network for neighbors who defend immigrant neighbors."""
