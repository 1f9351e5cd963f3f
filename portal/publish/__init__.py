"""The post-build steps (``pipeline.py`` runs them in order). None imports MkDocs."""


class PublishError(Exception):
    """A pipeline step could not finish (message in Spanish); the build stops."""
