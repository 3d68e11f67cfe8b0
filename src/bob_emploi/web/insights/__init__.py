"""Numbers for the team (issue 16): which advice people find useful, who finds a job, by main
challenge and by week of sign-up. Only aggregates, only for staff with the `insights.view_aggregates`
permission, with groups under 10 people hidden (see `disclosure`). `simulate` fills a database with
a labelled, simulated population for the notebook and the tests. See docs/insights.md."""
