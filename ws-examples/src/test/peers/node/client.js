// Interop peer: the npm package ws as a client of our server.
// Usage: node client.js URI SIZES [--compression=deflate | --deflate=PARAMS] (see scenario.js)
// Runs the matrix exchange (see Scenario.java); prints "OK <n> messages" and exits 0, or prints
// what went wrong and exits 1.
"use strict";
const WebSocket = require("ws");
const { text, binary, thirds, deflateOption } = require("./scenario");

const [uri, sizesArgument] = process.argv.slice(2);
const sizes = sizesArgument.split(",").map(Number);
// For wss://, WS_CAFILE names the PEM file of the CA to trust (hostname verification stays on).
const ws = new WebSocket(uri, {
  maxPayload: 16 * 1024 * 1024,
  perMessageDeflate: deflateOption(process.argv),
  ...(process.env.WS_CAFILE ? { ca: require("fs").readFileSync(process.env.WS_CAFILE) } : {}),
});

const inbox = [];
let waiting = null;
ws.on("message", (data, isBinary) => {
  inbox.push(isBinary ? data : data.toString("utf8"));
  if (waiting) { const w = waiting; waiting = null; w(); }
});
const next = () => new Promise(resolve => {
  if (inbox.length) resolve(inbox.shift());
  else waiting = () => resolve(inbox.shift());
});
const sent = (data, options) => new Promise((resolve, reject) => ws.send(data, options, e => e ? reject(e) : resolve()));

function same(a, b) {
  return typeof a === "string" ? a === b : Buffer.isBuffer(b) && a.equals(b);
}

async function run() {
  console.log("connected, extensions:", ws.extensions || null);
  let count = 0;
  for (const size of sizes) {
    for (const message of [text(size), binary(size)]) {
      const isBinary = typeof message !== "string";
      const kind = isBinary ? "binary" : "text";
      await sent(message, { binary: isBinary });
      if (!same(message, await next())) throw new Error(`${kind} of ${size} bytes came back different`);
      const parts = thirds(message);
      for (let i = 0; i < parts.length; i++) await sent(parts[i], { binary: isBinary, fin: i === parts.length - 1 });
      if (!same(message, await next())) throw new Error(`fragmented ${kind} of ${size} bytes came back different`);
      count += 2;
    }
  }
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no pong within 10 s")), 10000);
    ws.once("pong", data => { clearTimeout(timer); data.toString() === "interop" ? resolve() : reject(new Error("pong payload " + data)); });
    ws.ping("interop");
  });
  const code = await new Promise(resolve => { ws.once("close", resolve); ws.close(1000, "done"); });
  if (code !== 1000) throw new Error("closed with " + code);
  console.log(`OK ${count} messages`);
}

ws.on("open", () => run().then(() => process.exit(0), e => { console.log("FAILED " + e.message); process.exit(1); }));
ws.on("error", e => { console.log("FAILED " + e.message); process.exit(1); });
