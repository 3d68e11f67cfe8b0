"""Où en êtes-vous ? What a person says of their search after a while: still searching, a job found,
training, stopped, and whether Bob helped. The team reads these answers only as aggregates."""
