"""Interop peer: a Python websockets echo server for our client.

Usage: server.py [--compression=deflate | --deflate=PARAMS] (see scenario.deflate_options)
Prints "listening on <port>" once it accepts connections, echoes every message unchanged, and
prints "extensions: <negotiated>" when a connection opens and "closed <code> <reason>" when it ends. Runs until killed.
With WS_CERT and WS_KEY (PEM files) it serves wss://.
"""
import asyncio
import os
import ssl
import sys

import websockets
from websockets.extensions.permessage_deflate import ServerPerMessageDeflateFactory

from scenario import deflate_options


async def echo(ws, path=None):
    print("extensions:", ws.response_headers.get("Sec-WebSocket-Extensions"), flush=True)
    async for message in ws:
        await ws.send(message)
    await ws.wait_closed()
    print(f"closed {ws.close_code} {ws.close_reason}", flush=True)


async def main(options):
    if os.environ.get("WS_CERT"):
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(os.environ["WS_CERT"], os.environ["WS_KEY"])
        options["ssl"] = context
    async with websockets.serve(echo, "127.0.0.1", 0, max_size=16 * 2**20, **options) as server:
        print("listening on", server.sockets[0].getsockname()[1], flush=True)
        await asyncio.Future()


if __name__ == "__main__":
    asyncio.run(main(deflate_options(sys.argv[1:], ServerPerMessageDeflateFactory)))
