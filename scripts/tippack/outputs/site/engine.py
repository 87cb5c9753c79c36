"""The site engine, behind one door: the only module that imports MkDocs or Material.

It reads mkdocs.yml as MkDocs itself does, once per process. MkDocs' loader understands
the tags Material set-ups use (``!ENV``, ``!relative``, ``!!python/name:`` for emoji and
the like), which a plain YAML reader refuses. The site overlays a pack's values on these
settings; the PDF takes its Markdown extensions from here, so both convert module text
the same way (MkDocs' built-in ones included). It runs MkDocs on a pack's docs tree,
warms a worker up (MkDocs imported once per process) and gives the live preview its
server. A move to another engine (docs/site-engine.md) starts here.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import logging
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import jinja2
import jinja2.bccache

from tippack.reading.project import Project, UsageProblem


class LiveServer(Protocol):
    """What the preview does with its server: watch folders, serve until stopped, stop."""

    def watch(self, path: str) -> None: ...
    def serve(self) -> None: ...
    def shutdown(self) -> None: ...


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


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if "Material for MkDocs" in message or "Zensical" in message or "MkDocs 2.0" in message:
            return
        if "A 'dirty' build is being performed" in message:  # the preview asks for it, knowing
            return
        self.records.append(message)


class _TemplateCache(jinja2.BytecodeCache):
    """Material's templates compiled once per process, not once per pack: MkDocs makes a new Jinja
    environment for every build, and compiling its templates took about a fifth of a site's build.
    Entries are keyed by each template's source, so an edited template is compiled afresh."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_TEMPLATES = _TemplateCache()


def _cache_templates(theme: Any) -> None:
    """Give the Jinja environments this build's theme makes the shared template cache."""
    make = theme.get_env

    def get_env() -> jinja2.Environment:
        env: jinja2.Environment = make()
        env.bytecode_cache = _TEMPLATES
        return env

    theme.get_env = get_env


@contextlib.contextmanager
def _dated(epoch: int | None) -> Iterator[None]:
    """MkDocs dates what it writes (the sitemap's gzip header) from SOURCE_DATE_EPOCH, else from
    today: give it the pack's build date, so a site built tomorrow from the same inputs is the same."""
    if epoch is None:
        yield
        return
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def build_site(project: Project, settings: dict[str, Any], epoch: int | None = None, dirty: bool = False) -> list[str]:
    """Run MkDocs on a docs tree; return its warnings (the caller decides if they fail).

    ``dirty`` (the live preview only) rebuilds just the pages whose Markdown is newer than
    their HTML, into a site folder built before with the same navigation.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    handler = _Collect()
    mk_logger = logging.getLogger("mkdocs")
    mk_logger.addHandler(handler)
    old_level = mk_logger.level
    mk_logger.setLevel(logging.WARNING)
    try:
        config = load_config(config_file=str(project.mkdocs_yml), **settings)
        _cache_templates(config.theme)
        config["plugins"].run_event("startup", command="build", dirty=False)
        try:
            with _dated(epoch):
                build(config, dirty=dirty)
        finally:
            config["plugins"].run_event("shutdown")
    finally:
        mk_logger.removeHandler(handler)
        mk_logger.setLevel(old_level)
    return handler.records


def warm_up() -> None:
    """Import MkDocs (and Material's theme with it) once, in a worker before its first pack."""
    import mkdocs.commands.build  # noqa: F401


def live_server(site: Path, port: int, rebuild: Callable[[], None], decorate: Callable[[bytes], bytes],
                missing: Callable[[], bytes | None], poll_seconds: float) -> LiveServer:
    """MkDocs' live-reload server on 127.0.0.1 for the preview: it serves ``site``, calls
    ``rebuild`` after each change, passes every page it serves through ``decorate``, and
    serves ``missing()`` (when it is not None) for a page not built."""
    from mkdocs.livereload import LiveReloadServer

    class PreviewServer(LiveReloadServer):
        def __init__(self) -> None:
            super().__init__(builder=rebuild, host="127.0.0.1", port=port, root=str(site),
                             polling_interval=poll_seconds)
            self.error_handler = self._missing_page

        def server_bind(self) -> None:
            try:
                super().server_bind()
            except OSError as exc:
                raise UsageProblem(f"cannot serve on 127.0.0.1:{self.server_address[1]}: {exc.strerror}"
                                   " (try another --port)") from None

        def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
            return decorate(super()._inject_js_into_html(content, epoch))

        def _missing_page(self, code: int) -> bytes | None:
            """A page not built (yet) while there are problems: the problems, and reload when they are fixed."""
            page = missing() if code == 404 else None
            return None if page is None else self._inject_js_into_html(page, self._visible_epoch)

    return PreviewServer()
