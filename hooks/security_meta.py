"""Give templates the policy that each page carries in a ``<meta>`` (``meta_policy.py``).

Events:
- ``on_env`` (default priority, every language build): adds ``portal_meta_policy`` (``csp``
  and ``referrer``) to the templates' globals; ``overrides/main.html`` writes them first in
  every page's head, 404 pages, event pages and the search page included.
"""

from __future__ import annotations

from jinja2 import Environment
from meta_policy import meta_content_security_policy, referrer_policy
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.globals["portal_meta_policy"] = {"csp": meta_content_security_policy(), "referrer": referrer_policy()}
    return env
