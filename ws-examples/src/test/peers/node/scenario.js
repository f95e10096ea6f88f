// The messages of the interop exchange, built the same way as Scenario.java builds them.
// Shared by the Node peers and the Chromium page (which loads it as a plain script).
"use strict";

function text(size) {
  let out = "";
  for (let count = 0, i = 0; count < size; i++) {
    if (size - count >= 3 && i % 7 === 3) { out += "\u2713"; count += 3; }
    else if (size - count >= 2 && i % 5 === 1) { out += "\u00e9"; count += 2; }
    else { out += String.fromCharCode(97 + (i % 26)); count += 1; }
  }
  return out;
}

function binary(size) {
  const data = typeof Buffer !== "undefined" ? Buffer.alloc(size) : new Uint8Array(size);
  for (let i = 0; i < size; i++) data[i] = (i * 31 + 7) & 0xff;
  return data;
}

function thirds(message) {
  const third = Math.floor(message.length / 3);
  return [message.slice(0, third), message.slice(third, 2 * third), message.slice(2 * third)];
}

// The compression set-up asked for on the command line, as ws's perMessageDeflate option:
//   --compression=deflate   ws's defaults
//   --deflate=k=v,flag,...  these parameters, in RFC 7692 spelling, for example
//                           server_max_window_bits=9,client_max_window_bits=8,client_no_context_takeover
//   (neither)               no compression
function deflateOption(argv) {
  if (argv.includes("--compression=deflate")) return true;
  const arg = argv.find(a => a.startsWith("--deflate="));
  if (!arg) return false;
  const option = { threshold: 0 };
  const camel = name => name.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
  for (const item of arg.slice("--deflate=".length).split(",")) {
    const [name, value] = item.split("=");
    option[camel(name)] = value === undefined ? true : Number(value);
  }
  return option;
}

if (typeof module !== "undefined") module.exports = { text, binary, thirds, deflateOption };
