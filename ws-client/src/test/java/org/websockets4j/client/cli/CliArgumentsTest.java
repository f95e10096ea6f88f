package org.websockets4j.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.websockets4j.client.ClientOptions;

class CliArgumentsTest {
    @Test
    void optionsMayComeBeforeOrAfterTheUriInBothForms() throws Exception {
        CliArguments parsed = CliArguments.parse("--header", "A: 1", "ws://h/", "--header=B:2 ", "--subprotocol=chat",
                "--subprotocol", "v2", "--no-compression");
        assertEquals("ws://h/", parsed.uri());
        assertEquals(List.of("A", "1", "B", "2"), parsed.headers().stream().flatMap(h -> List.of(h).stream()).toList());
        assertEquals(List.of("chat", "v2"), parsed.subprotocols());
        assertTrue(parsed.noCompression());
        ClientOptions options = parsed.toOptions();
        assertEquals("1", options.extraHeaders().get("A"));
        assertEquals(List.of("chat", "v2"), options.subprotocols());
        assertEquals(List.of(), options.extensions());
        assertEquals(1, CliArguments.parse("ws://h/").toOptions().extensions().size(), "permessage-deflate by default");
    }

    @Test
    void helpWinsAndDoubleDashEndsOptions() throws Exception {
        assertTrue(CliArguments.parse("--help", "--bogus-later").help());
        assertTrue(CliArguments.parse("ws://h/", "--help").help());
        assertEquals("--odd", CliArguments.parse("--", "--odd").uri());
    }

    @Test
    void proxyAndNoProxyBecomeOptionsAndExcludeEachOther() throws Exception {
        CliArguments proxied = CliArguments.parse("--proxy", "socks5h://u:p@127.0.0.1:1080", "ws://h/");
        assertEquals(java.net.URI.create("socks5h://u:p@127.0.0.1:1080"), proxied.toOptions().proxy());
        assertTrue(CliArguments.parse("--no-proxy", "ws://h/").toOptions().proxyDisabled());
        assertEquals(null, CliArguments.parse("ws://h/").toOptions().proxy(), "the environment by default");
        CliArguments.UsageError both = org.junit.jupiter.api.Assertions.assertThrows(CliArguments.UsageError.class,
                () -> CliArguments.parse("--proxy=http://p:1", "--no-proxy", "ws://h/"));
        assertTrue(both.getMessage().contains("not both"), both.getMessage());
        assertEquals(java.net.URI.create("https://u:p@p:443"),
                CliArguments.parse("--proxy", "https://u:p@p:443", "ws://h/").toOptions().proxy());
        CliArguments.UsageError socks4 = org.junit.jupiter.api.Assertions.assertThrows(CliArguments.UsageError.class,
                () -> CliArguments.parse("--proxy", "socks4://u:secret@p:1080", "ws://h/").toOptions());
        assertTrue(socks4.getMessage().contains("scheme must be"), socks4.getMessage());
        org.junit.jupiter.api.Assertions.assertFalse(socks4.getMessage().contains("secret"), socks4.getMessage());
    }
}
