import asyncio, sys, websockets
from websockets.extensions.permessage_deflate import ServerPerMessageDeflateFactory
async def echo(ws):
    async for m in ws:
        await ws.send(m)
async def main():
    port = int(sys.argv[1]); bits = int(sys.argv[2]) if len(sys.argv) > 2 else None
    kw = {}
    if bits:
        kw['extensions'] = [ServerPerMessageDeflateFactory(server_max_window_bits=max(bits, 9), client_max_window_bits=bits, compress_settings={'memLevel': 5})]
    async with websockets.serve(echo, '127.0.0.1', port, **kw):
        await asyncio.sleep(60)
asyncio.run(main())
