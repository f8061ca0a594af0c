"""Offline with an empty cache, every lookup is a miss: it is answered at once, with the same
reason as a miss that went through the HTTP stack, and nothing is built or sent."""

from __future__ import annotations

import pytest
import requests_cache

from checker.pubmed import Unverified


def test_offline_with_an_empty_cache_answers_without_building_requests(
        make_client, monkeypatch: pytest.MonkeyPatch) -> None:
    client = make_client(offline=True)

    def refuse(*args, **kwargs):
        raise AssertionError("a request was built")

    monkeypatch.setattr(requests_cache.CachedSession, "request", refuse)
    found = client.search_reviews([("cupping", "asthma")])
    assert found == {("cupping", "asthma"): Unverified("offline mode: not in the cache")}
    assert client.lookup_pmids(["12345"])["12345"] == Unverified(
        "offline mode: not in the cache")


def test_offline_with_a_cache_still_reads_it(make_client) -> None:
    online = make_client()
    answer = online.search_reviews([("cupping", "asthma")])
    online.close()
    offline = make_client(offline=True)
    assert offline.search_reviews([("cupping", "asthma")]) == answer
