"""HttpClient.post, for the sync APIs: body and headers sent, 2xx returned, every failure a
FetchError with the status and one line, redirects refused, caps and deadline as for GET,
and credentials (in the body, the headers or the URL) never in a message."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator

import pytest

from tests.loopback import LoopbackServer, Reply, Request
from tests.reliability.conftest import RawServer, read_request
from tui_reader.config import FetchConfig
from tui_reader.errors import FetchError
from tui_reader.fetch.http import HttpClient

SECRET = "hunter2-s3cr3t"
LOGIN = json.dumps({"op": "login", "user": "ann", "password": SECRET}).encode()
AUTH = {"Authorization": f"GoogleLogin auth={SECRET}"}


def _silent(conn: socket.socket, stop: threading.Event) -> None:
    read_request(conn)
    stop.wait(10)


def _hang_up(conn: socket.socket, stop: threading.Event) -> None:
    read_request(conn)


@pytest.fixture
def silent_server() -> Iterator[RawServer]:
    srv = RawServer(_silent)
    yield srv
    srv.close()


@pytest.fixture
def hang_up_server() -> Iterator[RawServer]:
    srv = RawServer(_hang_up)
    yield srv
    srv.close()


async def _post_error(
    url: str, config: FetchConfig | None = None, headers: dict[str, str] = AUTH
) -> FetchError:
    async with HttpClient(config or FetchConfig(timeout=2)) as client:
        with pytest.raises(FetchError) as caught:
            await client.post(url, body=LOGIN, content_type="application/json", headers=headers)
    assert SECRET not in str(caught.value)
    assert "\n" not in str(caught.value)
    return caught.value


async def test_post_sends_body_type_and_headers(server: LoopbackServer) -> None:
    def api(request: Request) -> Reply:
        answer = {"seq": 0, "status": 0, "content": {"session_id": "abc"}}
        return Reply(200, json.dumps(answer).encode(), {"Content-Type": "application/json"})

    url = server.add("/api/", api)
    async with HttpClient(FetchConfig()) as client:
        response = await client.post(
            url, body=LOGIN, content_type="application/json", headers=AUTH, accept="text/json"
        )
    assert response.status == 200
    assert json.loads(response.body)["content"]["session_id"] == "abc"
    assert response.headers["content-type"] == "application/json"
    sent = server.requests_to("/api/")[0]
    assert (sent.method, sent.body) == ("POST", LOGIN)
    assert sent.headers["content-type"] == "application/json"
    assert sent.headers["authorization"] == AUTH["Authorization"]
    assert sent.headers["accept"] == "text/json"
    assert sent.headers["user-agent"] == FetchConfig().user_agent


async def test_post_caller_headers_override_ours_whatever_their_case(
    server: LoopbackServer,
) -> None:
    url = server.add("/api/", Reply(200, b"{}"))
    async with HttpClient(FetchConfig()) as client:
        await client.post(
            url, body=b"{}", content_type="application/json", headers={"user-agent": "sync/1"}
        )
    assert server.requests_to("/api/")[0].headers["user-agent"] == "sync/1"


@pytest.mark.parametrize("status", [200, 201, 204])
async def test_post_any_2xx_is_a_response(server: LoopbackServer, status: int) -> None:
    url = server.add("/edit", Reply(status, b"" if status == 204 else b"OK"))
    async with HttpClient(FetchConfig()) as client:
        response = await client.post(url, body=b"a=1", content_type="text/plain")
    assert response.status == status


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (400, "HTTP 400 Bad Request"),
        (401, "HTTP 401 Unauthorized"),
        (403, "HTTP 403 Forbidden"),
        (404, "HTTP 404 Not Found"),
        (500, "HTTP 500 Internal Server Error"),
        (304, "HTTP 304 Not Modified"),
    ],
)
async def test_post_non_2xx_is_status_and_one_line(
    server: LoopbackServer, status: int, message: str
) -> None:
    # The server echoes the secret in its error body: it must not reach the message.
    url = server.add("/api/", Reply(status, f"Error=BadAuthentication {SECRET}".encode()))
    error = await _post_error(url)
    assert (str(error), error.status) == (message, status)


async def test_post_retry_after(server: LoopbackServer) -> None:
    url = server.add("/api/", Reply(429, headers={"Retry-After": "30"}))
    error = await _post_error(url)
    assert (error.status, error.retry_after) == (429, 30.0)


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
async def test_post_redirect_is_refused_and_says_where(server: LoopbackServer, status: int) -> None:
    location = f"http://other.example/api/?token={SECRET}"
    url = server.add("/api/", Reply(status, headers={"Location": location}))
    error = await _post_error(url)
    assert error.status == status
    assert str(error).endswith(": a POST is not redirected (to http://other.example/api/)")
    assert len(server.requests) == 1  # nothing was sent anywhere else


async def test_post_response_over_the_cap(server: LoopbackServer) -> None:
    url = server.add("/api/", Reply(200, b"x" * 4096))
    error = await _post_error(url, FetchConfig(max_bytes=1024))
    assert str(error) == "response larger than 1 KiB"


async def test_post_deadline(silent_server: RawServer) -> None:
    error = await _post_error(silent_server.url("/api/"), FetchConfig(timeout=0.5))
    assert str(error) == "timed out after 0.5 s"


async def test_post_refused_connection_and_credentials_in_the_url() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        refused_port = sock.getsockname()[1]  # closed again: nothing listens there
    url = f"http://ann:{SECRET}@127.0.0.1:{refused_port}/api/?sid={SECRET}"
    error = await _post_error(url, headers={})
    assert str(error) == f"connection refused by 127.0.0.1:{refused_port}"
    # User info and an Authorization header: two credentials for one request.
    error = await _post_error(url)
    assert str(error) == "the URL has a user name and an Authorization header is given: use one"


async def test_post_server_hangs_up(hang_up_server: RawServer) -> None:
    error = await _post_error(hang_up_server.url("/api/"))
    assert str(error) == f"127.0.0.1:{hang_up_server.port} closed the connection without a response"


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        ({"X-Token": f"{SECRET}\r\nX-Injected: 1"}, "invalid value for request header X-Token"),
        ({"Bad Name": SECRET}, "invalid request header name 'Bad Name'"),
    ],
)
async def test_post_bad_request_headers_are_refused_before_sending(
    server: LoopbackServer, headers: dict[str, str], message: str
) -> None:
    url = server.add("/api/", Reply(200, b"ok"))
    async with HttpClient(FetchConfig()) as client:
        with pytest.raises(FetchError) as caught:
            await client.post(url, body=b"", content_type="text/plain", headers=headers)
    assert str(caught.value) == message
    assert server.requests == []
