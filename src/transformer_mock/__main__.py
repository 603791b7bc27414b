"""``python -m transformer_mock``: the ``transformer-mock`` command."""

from transformer_mock.cli import main

raise SystemExit(main())
