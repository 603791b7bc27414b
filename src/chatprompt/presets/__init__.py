"""One module per prompt format."""
