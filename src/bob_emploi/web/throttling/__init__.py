"""Throttling of logins, sign-ups and e-mails, per client IP address and per account.

Counters live in the database, so every gunicorn worker on every machine sees the same
counts; the client's address comes from the trusted proxies only (`clientip`).
"""
