"""The PubMed client tests run against the fake services, never a real host."""

from fakes.network import fake, loopback_only, make_client

__all__ = ["fake", "loopback_only", "make_client"]
