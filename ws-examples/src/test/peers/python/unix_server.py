"""Interop peer: a Python websockets echo server on a Unix domain socket, for our client.

Usage: unix_server.py PATH
Serves with websockets.unix_serve at PATH, prints "listening on unix:PATH" once it accepts
connections, echoes every message unchanged and prints "closed <code> <reason>" when a
connection ends. Runs until killed.
"""
import asyncio
import sys

import websockets


async def echo(ws, path=None):
    async for message in ws:
        await ws.send(message)
    await ws.wait_closed()
    print(f"closed {ws.close_code} {ws.close_reason}", flush=True)


async def main(path):
    async with websockets.unix_serve(echo, path, max_size=16 * 2**20):
        print(f"listening on unix:{path}", flush=True)
        await asyncio.Future()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
