"""The browser editor (Sveltia CMS at ``admin/``): its configuration, generated from the content
schema (``cms_config``), and the files the publishing pipeline writes (``portal/publish/editor_files.py``)."""
