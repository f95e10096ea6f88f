"""The messages of the interop exchange, built the same way as Scenario.java builds them."""


def text(size):
    out, count, i = [], 0, 0
    while count < size:
        if size - count >= 3 and i % 7 == 3:
            out.append("\u2713")
            count += 3
        elif size - count >= 2 and i % 5 == 1:
            out.append("\u00e9")
            count += 2
        else:
            out.append(chr(ord("a") + i % 26))
            count += 1
        i += 1
    return "".join(out)


def binary(size):
    return bytes((i * 31 + 7) & 0xFF for i in range(size))


def thirds(message):
    third = len(message) // 3
    return [message[:third], message[third:2 * third], message[2 * third:]]


def deflate_options(argv, factory_class):
    """The compression set-up asked for on the command line, as keyword arguments of connect/serve.

    --compression=deflate        permessage-deflate with the library's defaults
    --deflate=k=v,flag,...       a permessage-deflate factory with these parameters, for example
                                 server_max_window_bits=9,client_max_window_bits=8,client_no_context_takeover
    (neither)                    no compression
    """
    for arg in argv:
        if arg == "--compression=deflate":
            return {"compression": "deflate"}
        if arg.startswith("--deflate="):
            kwargs = {}
            for item in arg[len("--deflate="):].split(","):
                name, _, value = item.partition("=")
                kwargs[name] = int(value) if value else True
            return {"compression": None, "extensions": [factory_class(**kwargs)]}
    return {"compression": None}
