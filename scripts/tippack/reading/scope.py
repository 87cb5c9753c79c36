"""What an item's type may look up beyond its own fields, described for the item types.

``tailor.ItemScope`` is the real one. It is only described here because the module, pack
and library it names are themselves built from the item types: importing them would make
a circle.
"""

from __future__ import annotations

from typing import Any, Protocol

from tippack.reading.source import KeyPath


class ItemScope(Protocol):
    """The module, pack and library an item is tailored in, its text renderer and its place."""

    @property
    def module_id(self) -> str: ...
    @property
    def module(self) -> Any: ...  # model.Module
    @property
    def pack(self) -> Any: ...  # model.Pack
    @property
    def library(self) -> Any: ...  # library.Library: every module and service list
    @property
    def render(self) -> Any: ...  # tailor.ModuleText: text rendered for the pack
    @property
    def path(self) -> KeyPath: ...
