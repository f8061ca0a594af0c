"""HTTP for the PubMed layer: one cached, retrying, paced ``requests`` session per client.

Layers, outermost first: requests-cache (a hit never touches the network; secrets are
redacted from keys and stored requests) -> a response hook refusing redirects to other hosts
-> ``_GuardedAdapter`` (guard admission, wall-clock deadline, size cap, secret scrubbing) ->
urllib3 ``Retry`` (429/5xx only, honouring Retry-After, paced by the same guard).

Socket timeouts bound each read, not a request: a server that drips a byte every few seconds
(in its headers or its body) would hold a request, and the run, for ever. So each request
also has a wall-clock deadline, the earlier of ``request_timeout`` and the end of the run's
time budget; a watchdog timer shuts the request's socket down when it passes, which ends
whatever read is blocked on it.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import sqlite3
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, Self, TypeVar, overload
from urllib.parse import quote, quote_plus, urlencode, urljoin, urlsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter
from requests_cache import AnyResponse, CachedSession
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.util.retry import Retry

from .cache import open_backend
from .config import ClientConfig
from .errors import ApiError, Unreachable
from .guard import OUT_OF_TIME, Guard

T = TypeVar("T")

_SECRET_PARAMS = ("api_key", "email", "mailto")
_FORM = {"Content-Type": "application/x-www-form-urlencoded"}
_HTML = {"text/html", "application/xhtml+xml"}
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_MAX_RETRY_WAIT = 30.0
_CHUNK = 64 * 1024
# urllib3 logs every request line at DEBUG, query string (with the email) included.
_LIBRARY_LOGGERS = ("urllib3", "requests", "requests_cache")

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Call:
    """One request. POST sends ``params`` as a form body, keeping the API key out of URLs."""

    method: Literal["GET", "POST"]
    url: str
    params: Mapping[str, str]


class Transport:
    """Sends ``Call``s through the cache and the guard; every failure is a ``LookupFailed``."""

    def __init__(self, config: ClientConfig) -> None:
        self._redactor = _Redactor((config.api_key, config.email))
        self._log_filter = _RedactingFilter(self._redactor)
        for name in _LIBRARY_LOGGERS:
            self._log_filter.attach(name)
        self._guard = Guard(config.rate_limit, config.time_budget, offline=config.offline)
        self._timeout = (config.connect_timeout, config.read_timeout)
        self._session = CachedSession(
            backend=open_backend(config.cache_dir),
            expire_after=config.cache_ttl,
            allowable_codes=(200, 404),
            allowable_methods=("GET", "POST"),
            ignored_parameters=_SECRET_PARAMS,
            stale_if_error=True,  # an expired entry beats "Unverified" when offline
        )
        adapter = _GuardedAdapter(
            self._guard, config.max_body_bytes, self._redactor, _retry_policy(config, self._guard),
            config.request_timeout,
        )
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)
        self._session.max_redirects = 3
        self._session.hooks["response"].append(_refuse_foreign_redirect)
        self._session.headers["User-Agent"] = "claimlint"
        if config.offline:
            # Nothing is sent: the proxy settings requests reads from the environment on every
            # call (a third of a cache lookup's time) cannot matter.
            self._session.trust_env = False
        # Offline with an empty cache every call is a miss: answer at once rather than build,
        # normalise and look up each request (about 1 ms each, thousands per site).
        self._nothing_cached = config.offline and len(self._session.cache.responses) == 0

    @overload
    def fetch(self, call: Call, parse: Callable[[bytes], T]) -> T: ...

    @overload
    def fetch(self, call: Call, parse: Callable[[bytes], T], *, allow_404: bool) -> T | None: ...

    def fetch(
        self, call: Call, parse: Callable[[bytes], T], *, allow_404: bool = False
    ) -> T | None:
        """The parsed body of a 200 answer; None for a 404 if ``allow_404``.

        Raises ``LookupFailed``; an answer that fails to parse is evicted from the cache.
        """
        try:
            response = self._send(call)
        except requests.RequestException as exc:
            raise Unreachable(self._redactor.text(f"network error: {_cause(exc)}")) from None
        except sqlite3.Error as exc:
            raise Unreachable(f"cache error: {exc}") from None
        logger.debug("%s %s%s", call.method, call.url, " (cached)" if response.from_cache else "")
        try:
            return _interpret(response, parse, allow_404)
        except ApiError:
            self._session.cache.delete(response.cache_key)
            raise

    def close(self) -> None:
        """Release connections and the cache file."""
        self._session.close()
        self._log_filter.detach()

    def _send(self, call: Call) -> AnyResponse:
        if self._nothing_cached:
            self._guard.admit()  # raises Unreachable, as a miss reaching the adapter does
        if call.method == "POST":
            # Raw "|" as NCBI's own examples send it (ECitMatch's bdata separator).
            body = urlencode(call.params, safe="|")
            return self._session.post(call.url, data=body, headers=_FORM, timeout=self._timeout)
        return self._session.get(call.url, params=call.params, timeout=self._timeout)


def _interpret(response: AnyResponse, parse: Callable[[bytes], T], allow_404: bool) -> T | None:
    host = urlsplit(response.url).netloc
    if response.status_code == 404 and allow_404:
        return None
    if response.status_code != 200:
        excerpt = " ".join(response.content[:200].decode("utf-8", "replace").split())
        raise ApiError(f"HTTP {response.status_code} from {host}: {excerpt}")
    media = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if media in _HTML:
        raise ApiError(f"{host} sent an HTML page instead of data")
    try:
        return parse(response.content)
    except (KeyError, IndexError, TypeError, AttributeError, ValueError) as exc:
        # A shape the parsers did not expect (e.g. a string where a list belongs).
        raise ApiError(f"malformed answer from {host}: {exc!r}") from None


def _cause(exc: requests.RequestException) -> str:
    """urllib3's innermost reason ('Read timed out', 'Connection refused'), not the wrapper."""
    inner = exc.args[0] if exc.args else exc
    return str(getattr(inner, "reason", inner))


class _Redactor:
    """Blanks our own secrets (API key, email), raw or URL-encoded, wherever they would stay."""

    def __init__(self, secrets: Iterable[str | None]) -> None:
        forms = {f for s in secrets if s for f in (s, quote(s, safe=""), quote_plus(s))}
        self._forms = sorted(forms, key=len, reverse=True)

    def text(self, text: str) -> str:
        for form in self._forms:
            text = text.replace(form, "REDACTED")
        return text

    def data(self, data: bytes) -> bytes:
        for form in self._forms:
            data = data.replace(form.encode(), b"REDACTED")
        return data


class _RedactingFilter(logging.Filter):
    """Blanks our secrets in what the HTTP libraries log (their DEBUG lines show URLs)."""

    def __init__(self, redactor: _Redactor) -> None:
        super().__init__()
        self._redactor = redactor
        self._loggers: list[logging.Logger] = []

    def attach(self, prefix: str) -> None:
        """Filter the logger ``prefix`` and every logger under it: a filter on a parent
        logger does not see its children's records."""
        names = [name for name in logging.root.manager.loggerDict
                 if name == prefix or name.startswith(prefix + ".")]
        for name in names:
            logger = logging.getLogger(name)
            logger.addFilter(self)
            self._loggers.append(logger)

    def detach(self) -> None:
        for logger in self._loggers:
            logger.removeFilter(self)
        self._loggers.clear()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = self._redactor.text(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return True


class _GatedRetry(Retry):
    """urllib3 ``Retry`` whose waits go through the guard (pacing and time budget)."""

    guard: Guard

    def new(self, **kw: Any) -> Self:
        retry = super().new(**kw)
        retry.guard = self.guard
        return retry

    def sleep(self, response: Any = None) -> None:
        wait = None
        if response is not None and self.respect_retry_after_header:
            wait = self.get_retry_after(response)
        self.guard.pause(min(self.get_backoff_time() if wait is None else wait, _MAX_RETRY_WAIT))


def _retry_policy(config: ClientConfig, guard: Guard) -> _GatedRetry:
    """Retry overloaded answers; never retry connection failures (fail fast instead)."""
    retry = _GatedRetry(
        total=None,
        connect=0,
        read=0,
        other=0,
        status=config.retries,
        backoff_factor=config.backoff_factor,
        status_forcelist=_RETRY_STATUSES,
        allowed_methods=frozenset({"GET", "POST"}),  # our POSTs are read-only queries
        raise_on_status=False,
    )
    retry.guard = guard
    return retry


class _Watchdog:
    """Shuts down the socket of the request in flight on this thread once ``seconds`` have
    passed: a blocked read then returns at once, and the request fails."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.fired = False
        self._socket: socket.socket | None = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True

    def watch(self, sock: socket.socket) -> None:
        """Called by the connection as it starts reading the answer."""
        with self._lock:
            self._socket = sock
            if self.fired:
                _shut_down(sock)

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            if self._socket is not None:
                _shut_down(self._socket)

    def __enter__(self) -> _Watchdog:
        _current.watchdog = self
        self._timer.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._timer.cancel()
        _current.watchdog = None


_current = threading.local()  # the watchdog of the request this thread is sending


def _shut_down(sock: socket.socket) -> None:
    """End every read on ``sock`` (at the TCP level: for TLS too, without touching the TLS
    object another thread is reading through)."""
    with contextlib.suppress(OSError):  # already closed
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _WatchedConnection:
    """Hands its socket to the thread's watchdog before waiting for the answer."""

    sock: socket.socket

    def getresponse(self, *args: Any, **kwargs: Any) -> Any:
        watchdog = getattr(_current, "watchdog", None)
        if watchdog is not None and self.sock is not None:
            watchdog.watch(self.sock)
        return super().getresponse(*args, **kwargs)  # type: ignore[misc]


class _HTTPConnection(_WatchedConnection, HTTPConnection):
    pass


class _HTTPSConnection(_WatchedConnection, HTTPSConnection):
    pass


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


_WATCHED_POOLS = {"http": _HTTPPool, "https": _HTTPSPool}


class _GuardedAdapter(HTTPAdapter):
    """Admits each request through the guard, ends it at its deadline, reads at most
    ``max_bytes``, scrubs secrets."""

    def __init__(
        self, guard: Guard, max_bytes: int, redactor: _Redactor, retry: _GatedRetry,
        request_timeout: float,
    ) -> None:
        super().__init__(max_retries=retry)
        self._guard = guard
        self._max_bytes = max_bytes
        self._redactor = redactor
        self._request_timeout = request_timeout

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = _WATCHED_POOLS

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        if not proxy.lower().startswith("socks"):  # SOCKS pools have connections of their own
            manager.pool_classes_by_scheme = _WATCHED_POOLS
        return manager

    def send(
        self,
        request: requests.PreparedRequest,
        stream: bool = False,
        timeout: Any = None,  # Transport always passes a (connect, read) pair
        verify: bool | str = True,
        cert: Any = None,
        proxies: dict[str, str] | None = None,
    ) -> requests.Response:
        self._guard.admit()
        clamped = self._guard.clamp(timeout)
        left = self._guard.remaining()
        watchdog = _Watchdog(min(self._request_timeout, left))
        try:
            with watchdog:
                response = super().send(
                    request, stream=True, timeout=clamped, verify=verify, cert=cert,
                    proxies=proxies
                )
                body = self._read(response)
        except (requests.ConnectionError, requests.Timeout) as exc:
            if watchdog.fired:
                raise self._past_deadline(watchdog, left) from None
            # Only a timeout the budget shortened means "out of time"; a refused, reset or
            # unresolvable connection is "no network", however much budget is left.
            cut_by_budget = _timed_out(exc) and clamped != tuple(timeout)
            name = type(exc).__name__
            self._guard.shut(OUT_OF_TIME if cut_by_budget else f"no network ({name})")
            raise
        except Exception:
            if watchdog.fired:  # whatever a shut socket made the stack raise mid-body
                raise self._past_deadline(watchdog, left) from None
            raise
        if watchdog.fired:  # a body without Content-Length ends quietly when its socket shuts
            raise self._past_deadline(watchdog, left)
        # requests has no public way to hand over a body that was already read.
        response._content = self._redactor.data(body)
        return response

    def _past_deadline(self, watchdog: _Watchdog, left: float) -> requests.Timeout:
        """The error for a request its watchdog ended; the run goes cache-only, as after a
        read timeout."""
        if watchdog.seconds >= left:
            self._guard.shut(OUT_OF_TIME)
            return requests.Timeout(OUT_OF_TIME)
        self._guard.shut(f"no network (no answer within {watchdog.seconds:g} s)")
        return requests.Timeout(f"no complete answer within {watchdog.seconds:g} s")

    def _read(self, response: requests.Response) -> bytes:
        """The body, refused as soon as it is known to exceed the cap (declared or streamed)."""
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self._max_bytes:
            response.close()
            raise ApiError(f"response of {declared} bytes exceeds the {self._max_bytes}-byte cap")
        body = bytearray()
        for chunk in response.iter_content(_CHUNK):
            body += chunk
            if len(body) > self._max_bytes:
                response.close()
                raise ApiError(f"response exceeds the {self._max_bytes}-byte cap")
        return bytes(body)


def _timed_out(exc: requests.RequestException) -> bool:
    """A connect or read timeout, also when requests reports it as a ``ConnectionError``
    wrapping urllib3's ``ReadTimeoutError`` (mid-body) or a ``MaxRetryError`` over one."""
    inner = exc.args[0] if exc.args else None
    reason = getattr(inner, "reason", inner)
    return isinstance(exc, requests.Timeout) or isinstance(
        reason, urllib3.exceptions.ReadTimeoutError)


def _refuse_foreign_redirect(response: requests.Response, *_: Any, **__: Any) -> requests.Response:
    """Follow redirects only within the same scheme, host and port."""
    if response.is_redirect:
        target = urlsplit(urljoin(response.url, response.headers["Location"]))
        source = urlsplit(response.url)
        if (target.scheme, target.netloc) != (source.scheme, source.netloc):
            raise ApiError(f"refused redirect from {source.netloc} to {target.netloc}")
    return response
