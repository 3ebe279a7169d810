"""Hybride match: companies offer a professional's hours, schools ask for them, staff of the region approve both,
see the pairs that fit with the reasons why, and introduce them. The models are in recruitment/models/hybrid.py."""
