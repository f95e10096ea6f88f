// Interop peer: an echo server on the npm package ws, for our client.
// Usage: node server.js [--compression=deflate | --deflate=PARAMS] (see scenario.js)
// Prints "listening on <port>", echoes every message unchanged, prints "closed <code> <reason>"
// when a connection ends. Runs until killed.
"use strict";
const WebSocket = require("ws");
const { deflateOption } = require("./scenario");

// With WS_CERT and WS_KEY (PEM files) it serves wss:// through an https server.
const fs = require("fs");
const https = process.env.WS_CERT
  ? require("https").createServer({ cert: fs.readFileSync(process.env.WS_CERT), key: fs.readFileSync(process.env.WS_KEY) })
  : null;
const server = new WebSocket.Server({
  ...(https ? { server: https } : { host: "127.0.0.1", port: 0 }),
  maxPayload: 16 * 1024 * 1024,
  perMessageDeflate: deflateOption(process.argv),
});
if (https) https.listen(0, "127.0.0.1", () => console.log("listening on " + https.address().port));
else server.on("listening", () => console.log("listening on " + server.address().port));
server.on("connection", ws => {
  console.log("extensions: " + (ws.extensions || null));
  ws.on("message", (data, isBinary) => ws.send(data, { binary: isBinary }));
  ws.on("close", (code, reason) => console.log(`closed ${code} ${reason.toString()}`));
});
