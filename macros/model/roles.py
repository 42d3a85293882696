"""Roles and responsibilities, each held by a primary holder and at least one deputy."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .common import Id, SearchWords, Text, Title, TopRecord


class Role(TopRecord):
    """A responsibility in an emergency; holders are contact ids, primary first, then deputies."""

    title: Title
    purpose: Text
    tasks: Annotated[list[Text], Field(min_length=1)]
    holders: Annotated[list[Id], Field(min_length=1)]
    reachable_24_7: bool
    keywords: SearchWords

    @property
    def primary(self) -> str:
        return self.holders[0]

    @property
    def deputies(self) -> list[str]:
        return self.holders[1:]
