import asyncio, sys, random, websockets
from websockets.extensions.permessage_deflate import ClientPerMessageDeflateFactory
async def main():
    port = int(sys.argv[1]); bits = int(sys.argv[2]) if len(sys.argv) > 2 else None
    kw = {}
    if bits:
        kw['extensions'] = [ClientPerMessageDeflateFactory(server_no_context_takeover=(bits % 2 == 0), client_no_context_takeover=(bits % 2 == 1), server_max_window_bits=bits, client_max_window_bits=max(bits, 9))]
    async with websockets.connect(f'ws://127.0.0.1:{port}/', **kw) as ws:
        print('answer:', ws.response_headers.get('Sec-WebSocket-Extensions'))
        random.seed(2)
        for size in (10, 100, 5000, 100000, 300000):
            data = bytearray()
            while len(data) < size:
                if len(data) > 16 and random.random() < 0.5:
                    d = random.randint(1, min(len(data), 40000)); n = random.randint(8, 100)
                    for _ in range(n): data.append(data[-d])
                else:
                    data += bytes(random.choice(b'abcdefghijklmnopqrstuvwxyz') for _ in range(random.randint(8, 100)))
            data = bytes(data[:size])
            await ws.send(data); assert await ws.recv() == data
            await ws.send(data.decode()); assert await ws.recv() == data.decode()
        print('echo OK, bits', bits)
asyncio.run(main())
