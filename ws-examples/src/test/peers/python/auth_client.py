"""Interop peer: Python websockets authenticating to our server with credentials in the URI.

Usage: auth_client.py URI   (for example ws://alice:s3cret@127.0.0.1:8765/)
Sends "hello" and prints "echo <what came back>", or prints "status <code>" when the handshake is
refused; exits 0 either way, 1 on anything else.
"""
import asyncio
import sys

import websockets


async def main(uri):
    try:
        async with websockets.connect(uri) as ws:
            await ws.send("hello")
            print("echo", await ws.recv(), flush=True)
    except websockets.exceptions.InvalidStatusCode as e:
        print("status", e.status_code, flush=True)


if __name__ == "__main__":
    try:
        asyncio.run(asyncio.wait_for(main(sys.argv[1]), 20))
    except Exception as e:  # noqa: BLE001 - report anything unexpected and fail
        print("FAILED", type(e).__name__, e, flush=True)
        sys.exit(1)
