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
