"""Benchmarks: each module measures one thing and prints it next to a baseline from the same run."""
