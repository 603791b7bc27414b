"""The version of the JSON encoding written by this release."""

from __future__ import annotations

FORMAT_VERSION = 1
"""Written into every encoded object; readers refuse any other value."""
