"""The portal's build logic: pages."""
