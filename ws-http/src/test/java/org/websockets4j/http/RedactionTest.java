package org.websockets4j.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** A password in a URI never reaches a message: WebSocketUri.redact and the exceptions that print a URI. */
class RedactionTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ws://user:SECRETPASS@example.com/chat       | ws://user:***@example.com/chat",
        "ws://user:SECRETPASS@example.com            | ws://user:***@example.com",
        "wss://user:@example.com:8443/?a=b@c         | wss://user:***@example.com:8443/?a=b@c",
        "ws://user:p:a:ss@example.com/               | ws://user:***@example.com/",
        "ws://us%40er:p%40ss@example.com/            | ws://us%40er:***@example.com/",
        "http://user:SECRETPASS@example.com/         | http://user:***@example.com/",
        "user:SECRETPASS@example.com                 | user:***@example.com",
        "ws://user:SECRETPASS@ex ample.com/ bad      | ws://user:***@ex ample.com/ bad",
        "ws://user@example.com/                      | ws://user@example.com/",
        "ws://example.com/a:b@c                      | ws://example.com/a:b@c",
        "ws://example.com/                           | ws://example.com/",
        "ws://user:***@example.com/                  | ws://user:***@example.com/",
    })
    void redactKeepsTheUserNameAndHidesThePassword(String input, String expected) {
        assertEquals(expected, WebSocketUri.redact(input));
        assertEquals(expected, WebSocketUri.redact(WebSocketUri.redact(input)), "idempotent");
    }

    @Test
    void redactEscapesControlCharacters() {
        assertEquals("ws://u:***@h/\\u001B[2J", WebSocketUri.redact("ws://u:p@h/\u001b[2J"));
    }

    @Test
    void invalidUriRedactsWhatItIsGiven() {
        InvalidURI e = new InvalidURI("ws://user:SECRETPASS@example.com/", "a reason");
        assertEquals("ws://user:***@example.com/", e.uri());
        assertEquals("ws://user:***@example.com/ isn't a valid WebSocket URI: a reason", e.getMessage());
    }

    @Test
    void aRedirectMessageHidesThePasswordButKeepsTheTarget() {
        RedirectHandshake e = new RedirectHandshake("ws://user:SECRETPASS@example.com/next");
        assertEquals("redirect to ws://user:***@example.com/next", e.getMessage());
        assertFalse(e.toString().contains("SECRETPASS"));
        assertTrue(e.uri().contains("SECRETPASS"), "uri() is what to follow");
    }

    @Test
    void parseErrorsNeverRepeatThePassword() {
        InvalidURI e = org.junit.jupiter.api.Assertions.assertThrows(InvalidURI.class,
                () -> WebSocketUri.parse("ws://user:SECRETPASS@exa mple.com/"));
        assertFalse(e.getMessage().contains("SECRETPASS"), e.getMessage());
        assertTrue(e.getMessage().startsWith("ws://user:***@"), e.getMessage());
    }

    @Test
    void headersNeverPrintCredentials() {
        Headers headers = Headers.of("Host", "example.com", "Authorization", HeaderGrammar.buildAuthorizationBasic("user", "SECRETPASS"),
                "proxy-authorization", "Bearer SECRETTOKEN", "Authorization", "SECRETALONE");
        assertEquals("{Host: example.com, Authorization: Basic ***, proxy-authorization: Bearer ***, Authorization: ***}",
                headers.toString());
        Request request = Request.get("/", headers);
        assertFalse(request.toString().contains("SECRET") || request.toString().contains("dXNlcjpTRUNSRVRQQVNT"), request.toString());
        assertEquals("Basic dXNlcjpTRUNSRVRQQVNT", headers.getAll("Authorization").get(0), "the value itself is unchanged");
    }
}
