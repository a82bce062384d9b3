"""Citation keys: Better BibTeX style, unique, deterministic, safe everywhere."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st
from strategies import entries

from peerbrief.model import Date, Entry, Person
from peerbrief.writers import citation_keys


def test_family_year_and_first_significant_title_word() -> None:
    entries_ = [
        Entry(
            title="Peer support worker training: results of the evaluation",
            authors=[Person("Hegedüs", "Anna"), Person("Burr", "Christian")],
            date=Date(2021),
        ),
        Entry(title="The NHS Long Term Plan", publisher="NHS England", date=Date(2019, 1)),
        Entry(title="What do peer support workers do?", authors=[Person("Bankovska Motlova")]),
        Entry(title="Straße und Ørsted", authors=[Person("Łukasz-Ødegård", "A")]),
        Entry(title="2019/20 – the plan"),
    ]
    assert citation_keys(entries_) == [
        "hegedus2021peer",
        "nhs2019nhs",
        "bankovskamotlovapeer",
        "lukaszodegardstrasse",
        "plan",
    ]


def test_collisions_get_letter_suffixes_in_order() -> None:
    twin = Entry(title="Peer workers", authors=[Person("Gillard", "S")], date=Date(2014))
    other = Entry(title="Peer support", authors=[Person("Gillard", "S")], date=Date(2014))
    assert citation_keys([twin, other, twin, twin]) == [
        "gillard2014peer",
        "gillard2014peera",
        "gillard2014peerb",
        "gillard2014peerc",
    ]


def test_a_suffix_never_takes_a_key_already_given() -> None:
    peer = Entry(title="Peer", authors=[Person("Byrne")], date=Date(2019))
    peera = Entry(title="Peera", authors=[Person("Byrne")], date=Date(2019))
    assert citation_keys([peera, peer, peer]) == [
        "byrne2019peera",
        "byrne2019peer",
        "byrne2019peerb",
    ]


def test_a_key_is_never_empty() -> None:
    assert citation_keys([Entry(title="日本の"), Entry(title="The")]) == ["ref", "refa"]


def test_twenty_seven_collisions_run_past_z() -> None:
    keys = citation_keys([Entry(title="Same")] * 28)
    assert keys[26:] == ["samez", "sameaa"]


@given(st.lists(entries(), max_size=6))
def test_keys_are_unique_safe_and_depend_only_on_the_entries(items: list[Entry]) -> None:
    keys = citation_keys(items)
    assert len(set(keys)) == len(keys) == len(items)
    assert all(re.fullmatch(r"[a-z0-9]+", key) for key in keys)
    assert citation_keys(list(items)) == keys
    # A key depends on the entries before it, never on those after it.
    assert citation_keys(items[: len(items) // 2]) == keys[: len(items) // 2]
