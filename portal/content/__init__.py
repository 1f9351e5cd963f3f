"""The portal's build logic: content."""
