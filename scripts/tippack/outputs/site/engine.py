"""mkdocs.yml as MkDocs itself reads it, once per process.

MkDocs' loader understands the tags Material set-ups use (``!ENV``, ``!relative``,
``!!python/name:`` for emoji and the like), which a plain YAML reader refuses. The site
overlays a pack's values on these settings; the PDF takes its Markdown extensions from
here, so both convert module text the same way (MkDocs' built-in ones included).
"""

from __future__ import annotations

import copy
import functools
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class ProjectConfig:
    """mkdocs.yml as MkDocs reads it: the settings as written, and its Markdown extensions."""

    settings: dict[str, Any]  # before validation, for a pack's site to overlay its own values on
    extensions: list[Any]  # after validation: what MkDocs will use, its built-in ones included
    extension_configs: dict[str, Any]


class ConfigError(Exception):
    """mkdocs.yml is not a configuration MkDocs accepts."""


@functools.lru_cache(maxsize=4)
def project_config(mkdocs_yml: Path) -> ProjectConfig:
    """Read mkdocs.yml once per process with MkDocs' own loader (``!ENV``, ``!relative``,
    ``!!python/name:`` and all), so the PDF converts Markdown with the site's extensions."""
    import yaml
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import get_yaml_loader, yaml_load

    config = MkDocsConfig(config_file_path=str(mkdocs_yml))
    try:
        with open(mkdocs_yml, "rb") as handle:
            written = yaml_load(handle, get_yaml_loader(config=config))  # what MkDocsConfig.load_file does
        config.load_dict(written)
    except (OSError, yaml.YAMLError, ConfigurationError) as exc:
        raise ConfigError(" ".join(str(exc).split())) from None
    settings = copy.deepcopy(dict(written))
    # Each pack's site has its own docs and site folders; these only let validation run.
    with tempfile.TemporaryDirectory(prefix="tippack-config-") as docs:
        config.load_dict({"docs_dir": docs, "site_dir": docs + "-site"})
        errors, _warnings = config.validate()
    if errors:
        raise ConfigError("; ".join(f"{name}: {error}" for name, error in errors))
    return ProjectConfig(settings, list(config.markdown_extensions), dict(config.mdx_configs))
