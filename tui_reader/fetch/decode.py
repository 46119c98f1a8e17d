"""Content-Encoding decoding in bounded steps, so a gzip/deflate bomb stops at the cap.

One compressed chunk may expand a thousandfold; zlib's `max_length` lets us take the output
in small slices and check the running total after each, instead of trusting a chunk.
"""

from __future__ import annotations

import zlib

STEP = 64 * 1024  # the most output taken from zlib in one call


class TooLarge(Exception):
    """The decoded body passed the cap."""


class BadEncoding(Exception):
    """The body is not valid for its Content-Encoding."""


class _Inflater:
    """One gzip or deflate layer. Deflate may come zlib-wrapped (RFC) or raw (IIS and others)."""

    def __init__(self, coding: str) -> None:
        self.coding = coding
        self._inflater: zlib._Decompress | None = None
        if coding == "gzip":
            self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self._done = False

    def _start(self, first: bytes) -> zlib._Decompress:
        if self._inflater is None:
            # A zlib stream starts with a CMF/FLG pair whose 16-bit value is a multiple of 31.
            wrapped = (
                len(first) >= 2 and first[0] & 0x0F == 8 and (first[0] << 8 | first[1]) % 31 == 0
            )
            self._inflater = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
        return self._inflater

    def feed(self, data: bytes, sink: _Sink) -> None:
        while data and not self._done:
            inflater = self._start(data)
            try:
                out = inflater.decompress(data, STEP)
            except zlib.error as exc:
                raise BadEncoding(f"invalid {self.coding} data ({exc})") from None
            sink.put(out)
            data = inflater.unconsumed_tail
            if inflater.eof:
                rest = inflater.unused_data
                # gzip allows several members back to back; anything else after the end is junk.
                if self.coding == "gzip" and rest.startswith(b"\x1f\x8b"):
                    self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
                    data = rest
                else:
                    self._done = True

    def finish(self, sink: _Sink) -> None:
        if self._inflater is None or self._done:
            return
        try:
            out = self._inflater.flush(STEP)
        except zlib.error as exc:
            raise BadEncoding(f"invalid {self.coding} data ({exc})") from None
        sink.put(out)
        if not self._inflater.eof:
            raise BadEncoding(f"{self.coding} data ends early")


class _Sink:
    """Where one layer's output goes: the next layer, or the body (with the cap checked)."""

    def __init__(self, limit: int, next_layer: _Inflater | None, next_sink: _Sink | None) -> None:
        self.limit = limit
        self.total = 0
        self.parts: list[bytes] = []
        self._next = next_layer
        self._next_sink = next_sink

    def put(self, data: bytes) -> None:
        if not data:
            return
        self.total += len(data)
        if self.total > self.limit:
            raise TooLarge
        if self._next is not None and self._next_sink is not None:
            self._next.feed(data, self._next_sink)
        else:
            self.parts.append(data)


class BodyDecoder:
    """Feed raw body chunks in; get the decoded body out, never more than `limit` bytes.

    `codings` is the Content-Encoding list in the order applied by the server.
    """

    SUPPORTED = frozenset({"gzip", "x-gzip", "deflate"})
    # Layers are decoded one inside the next (recursion per layer); real servers send one,
    # rarely two. curl stops at 5 too (MAX_ENCODE_STACK).
    MAX_LAYERS = 5

    def __init__(self, codings: list[str], limit: int) -> None:
        layers = [_Inflater("gzip" if c == "x-gzip" else c) for c in reversed(codings)]
        # Every layer's output is capped: an inner layer that inflates to junk is a bomb too.
        self._out = _Sink(limit, None, None)
        sink = self._out
        sinks: list[_Sink] = []
        for layer in reversed(layers[1:]):
            sink = _Sink(limit, layer, sink)
            sinks.append(sink)
        self._layers = layers
        self._sinks = [*reversed(sinks), self._out]

    @property
    def size(self) -> int:
        return self._out.total

    def feed(self, raw: bytes) -> None:
        if not self._layers:
            self._out.put(raw)
        else:
            self._layers[0].feed(raw, self._sinks[0])

    def finish(self) -> bytes:
        for layer, sink in zip(self._layers, self._sinks, strict=False):
            layer.finish(sink)
        return b"".join(self._out.parts)


def content_codings(header: str | None) -> list[str]:
    """The Content-Encoding tokens, lower-case, `identity` dropped."""
    if not header:
        return []
    return [
        t for t in (part.strip().lower() for part in header.split(",")) if t and t != "identity"
    ]
