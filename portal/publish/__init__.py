"""The portal's build logic: publish."""
