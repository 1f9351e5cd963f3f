"""Awareness events section (issue #6). Placeholder: implemented by the events work."""
