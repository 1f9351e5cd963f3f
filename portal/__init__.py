"""The portal's build logic."""
