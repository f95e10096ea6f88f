// Interop peer: Node ws authenticating to our server with an Authorization header.
//
// Usage: auth_client.js URI [AUTHORIZATION]
// Sends "hello" and prints "echo <what came back>", or prints "status <code>" when the handshake
// is refused; exits 0 either way, 1 on anything else.
"use strict";
const WebSocket = require("ws");

const [uri, authorization] = process.argv.slice(2);
const headers = authorization ? {Authorization: authorization} : {};
const ws = new WebSocket(uri, {headers});
const timer = setTimeout(() => fail("timed out"), 20000);

function fail(why) {
  console.log("FAILED " + why);
  process.exit(1);
}

ws.on("unexpected-response", (request, response) => {
  console.log("status " + response.statusCode);
  clearTimeout(timer);
  request.destroy();
});
ws.on("open", () => ws.send("hello"));
ws.on("message", data => {
  console.log("echo " + data.toString());
  ws.close(1000);
});
ws.on("close", () => clearTimeout(timer));
ws.on("error", error => {
  if (!String(error.message).includes("Unexpected server response")) fail(error.message);
});
