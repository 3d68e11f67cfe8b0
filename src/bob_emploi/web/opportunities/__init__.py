"""Live opportunities near a person: France Travail's latest offers and the employers likely to hire.

Pages never wait on France Travail: `service.lookup` answers from the cache at once and, on a
miss, starts a refresh off the request path; the page shows the pre-filled search links until
the results are there, or when the API is down, slow or not configured (and says so). Only a
job group code and a place ever leave Bob.
"""
