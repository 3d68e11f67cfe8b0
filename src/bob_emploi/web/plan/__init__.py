"""A person's action plan: the steps of the advice they chose to do, with a date, ticked when done.

Steps belong to a saved project (so to its owner, and go with the account); ticking every step
of an advice marks the advice "Fait", which the advisor reads back as feedback.
"""
