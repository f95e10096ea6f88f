"""Interop peer: Python websockets as a client of our server over a Unix domain socket.

Usage: unix_client.py PATH SIZES
Connects with websockets.unix_connect(PATH, "ws://localhost/unix") and runs the matrix exchange
of client.py (each size, text and binary, whole and fragmented, a ping, a close with 1000).
Prints "OK <n> messages" and exits 0, or prints what went wrong and exits 1.
"""
import asyncio
import sys

import websockets

from scenario import binary, text, thirds


async def main(path, sizes):
    async with websockets.unix_connect(path, "ws://localhost/unix", max_size=16 * 2**20) as ws:
        count = 0
        for size in sizes:
            for message in (text(size), binary(size)):
                await ws.send(message)
                assert await ws.recv() == message, f"{type(message).__name__} of {size} bytes came back different"
                await ws.send(thirds(message))
                assert await ws.recv() == message, f"fragmented {type(message).__name__} of {size} bytes came back different"
                count += 2
        await asyncio.wait_for(await ws.ping(b"interop"), 10)
        await ws.close(1000, "done")
        assert ws.close_code == 1000, f"closed with {ws.close_code}"
        print(f"OK {count} messages", flush=True)


if __name__ == "__main__":
    try:
        asyncio.run(main(sys.argv[1], [int(s) for s in sys.argv[2].split(",")]))
    except Exception as e:  # one line for the test's transcript
        print(f"FAILED {type(e).__name__}: {e}", flush=True)
        sys.exit(1)
