"""Interop peer: Python websockets as a client of our server.

Usage: client.py URI SIZES [--compression=deflate | --deflate=PARAMS] (see scenario.deflate_options)
Runs the matrix exchange (see Scenario.java): for each size, text and binary, whole and in three
fragments, each echo checked; a ping awaited; a close with 1000. Prints "OK <n> messages" and
exits 0, or prints what went wrong and exits 1.
For a wss:// URI, WS_CAFILE names the PEM file of the CA to trust (an ssl.SSLContext that
verifies the certificate and the hostname).
"""
import asyncio
import os
import ssl
import sys

import websockets
from websockets.extensions.permessage_deflate import ClientPerMessageDeflateFactory

from scenario import binary, deflate_options, text, thirds


async def main(uri, sizes, options):
    if uri.startswith("wss:") and os.environ.get("WS_CAFILE"):
        options["ssl"] = ssl.create_default_context(cafile=os.environ["WS_CAFILE"])
    async with websockets.connect(uri, max_size=16 * 2**20, **options) as ws:
        print("connected, extensions:", ws.response_headers.get("Sec-WebSocket-Extensions"), flush=True)
        count = 0
        for size in sizes:
            for message in (text(size), binary(size)):
                await ws.send(message)
                echo = await ws.recv()
                assert echo == message, f"{type(message).__name__} of {size} bytes came back different"
                await ws.send(thirds(message))  # an iterable is sent fragmented
                echo = await ws.recv()
                assert echo == message, f"fragmented {type(message).__name__} of {size} bytes came back different"
                count += 2
        pong = await ws.ping(b"interop")
        await asyncio.wait_for(pong, 10)
        await ws.close(1000, "done")
        assert ws.close_code == 1000, f"closed with {ws.close_code}"
        print(f"OK {count} messages", flush=True)


if __name__ == "__main__":
    options = deflate_options(sys.argv[3:], ClientPerMessageDeflateFactory)
    try:
        asyncio.run(main(sys.argv[1], [int(s) for s in sys.argv[2].split(",")], options))
    except Exception as e:  # one line for the test's transcript
        print(f"FAILED {type(e).__name__}: {e}", flush=True)
        sys.exit(1)
