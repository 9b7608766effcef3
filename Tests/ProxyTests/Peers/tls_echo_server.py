"""A TLS WebSocket echo server for the proxy tests (Python websockets).

Listens on 127.0.0.1 on a free port, writes the port to --port-file once listening, and echoes every message.
With --client-ca it requires a client certificate signed by that CA (mutual TLS); with --max-tls12 it speaks
TLS 1.2 at most.
"""
import argparse
import asyncio
import ssl

from websockets.asyncio.server import serve


async def echo(websocket):
    async for message in websocket:
        await websocket.send(message)


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--client-ca")
    parser.add_argument("--max-tls12", action="store_true", help="refuse TLS 1.3 (for a client that insists on it)")
    args = parser.parse_args()

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(args.cert, args.key)
    if args.max_tls12:
        context.maximum_version = ssl.TLSVersion.TLSv1_2
    if args.client_ca:
        context.verify_mode = ssl.CERT_REQUIRED
        context.load_verify_locations(args.client_ca)

    async with serve(echo, "127.0.0.1", 0, ssl=context) as server:
        port = server.sockets[0].getsockname()[1]
        with open(args.port_file + ".tmp", "w") as f:
            f.write(str(port))
        import os
        os.replace(args.port_file + ".tmp", args.port_file)
        await asyncio.Future()


if __name__ == "__main__":
    asyncio.run(main())
