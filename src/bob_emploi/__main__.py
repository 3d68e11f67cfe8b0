"""`python -m bob_emploi` runs the `bob` command."""

from bob_emploi.cli import main

main()
