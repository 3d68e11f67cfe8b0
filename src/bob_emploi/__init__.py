"""Bob: an open-source, data-driven job-search coach for France."""

__version__ = "0.1.0"
