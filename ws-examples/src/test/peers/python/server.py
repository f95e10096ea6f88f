"""Interop peer: a Python websockets echo server for our client.

Usage: server.py [--compression deflate|none]
Prints "listening on <port>" once it accepts connections, echoes every message unchanged, and
prints "closed <code> <reason>" when a connection ends. Runs until killed.
"""
import asyncio
import sys

import websockets


async def echo(ws, path=None):
    async for message in ws:
        await ws.send(message)
    await ws.wait_closed()
    print(f"closed {ws.close_code} {ws.close_reason}", flush=True)


async def main(compression):
    async with websockets.serve(echo, "127.0.0.1", 0, max_size=16 * 2**20, compression=compression) as server:
        print("listening on", server.sockets[0].getsockname()[1], flush=True)
        await asyncio.Future()


if __name__ == "__main__":
    asyncio.run(main("deflate" if "--compression=deflate" in sys.argv else None))
