"""The portal's build logic: events."""
