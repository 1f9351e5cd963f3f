"""The portal's build logic: search."""
