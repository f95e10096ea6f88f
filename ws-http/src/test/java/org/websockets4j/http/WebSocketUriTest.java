package org.websockets4j.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.websockets4j.framing.WebSocketException;

/** Unit tests of {@link WebSocketUri}: one nested class per rule, valid and invalid inputs. */
class WebSocketUriTest {

    private static WebSocketUri parse(String uri) {
        return WebSocketUri.parse(uri);
    }

    /** Parses an invalid URI and returns the exception, checking it names the URI. */
    private static InvalidURI invalid(String uri) {
        InvalidURI e = assertThrows(InvalidURI.class, () -> WebSocketUri.parse(uri), uri);
        assertTrue(e.getMessage().contains("isn't a valid WebSocket URI: "), e.getMessage());
        return e;
    }

    private static void assertInvalid(String uri, String reasonPart) {
        InvalidURI e = invalid(uri);
        assertTrue(e.getMessage().contains(reasonPart),
                () -> "message of " + uri + " should contain '" + reasonPart + "': " + e.getMessage());
    }

    @Nested
    class Schemes {
        @Test
        void wsIsNotSecure() {
            WebSocketUri uri = parse("ws://localhost/");
            assertFalse(uri.secure());
            assertEquals("ws", uri.scheme());
            assertEquals(80, uri.port());
            assertEquals(80, uri.defaultPort());
        }

        @Test
        void wssIsSecure() {
            WebSocketUri uri = parse("wss://localhost/");
            assertTrue(uri.secure());
            assertEquals("wss", uri.scheme());
            assertEquals(443, uri.port());
            assertEquals(443, uri.defaultPort());
        }

        @ParameterizedTest
        @ValueSource(strings = {"WS://localhost/", "Ws://localhost/", "wS://localhost/"})
        void schemeIsCaseInsensitive(String input) {
            WebSocketUri uri = parse(input);
            assertFalse(uri.secure());
            assertEquals("ws://localhost/", uri.toString());
        }

        @Test
        void upperCaseWss() {
            assertTrue(parse("WSS://localhost/").secure());
        }

        @Test
        void httpIsRejectedWithTheUriInTheMessage() {
            InvalidURI e = invalid("http://example.com/chat");
            assertEquals("http://example.com/chat isn't a valid WebSocket URI: scheme must be ws or wss, got http",
                    e.getMessage());
            assertEquals("http://example.com/chat", e.uri());
        }

        @ParameterizedTest
        @ValueSource(strings = {"https://h/", "ftp://h/", "wsx://h/", "w://h/", "wss+tls://h/", "file:///x"})
        void otherSchemesAreRejected(String input) {
            assertInvalid(input, "scheme must be ws or wss");
        }

        @ParameterizedTest
        @ValueSource(strings = {"localhost/", "//localhost/", "://localhost/", "1ws://h/", "w s://h/", "/path"})
        void missingSchemeIsRejected(String input) {
            assertInvalid(input, "missing scheme");
        }

        @ParameterizedTest
        @ValueSource(strings = {"ws:localhost/", "ws:/localhost/", "ws:", "wss:"})
        void schemeMustBeFollowedByTwoSlashes(String input) {
            assertInvalid(input, "expected // after");
        }

        @Test
        void invalidUriIsAWebSocketException() {
            assertTrue(WebSocketException.class.isAssignableFrom(InvalidURI.class));
        }
    }

    @Nested
    class Ports {
        @Test
        void explicitPort() {
            WebSocketUri uri = parse("ws://localhost:8765/");
            assertEquals(8765, uri.port());
            assertEquals("localhost:8765", uri.hostHeader());
        }

        @Test
        void explicitDefaultPortIsLeftOutOfHostHeaderAndString() {
            WebSocketUri uri = parse("ws://localhost:80/");
            assertEquals(80, uri.port());
            assertEquals("localhost", uri.hostHeader());
            assertEquals("ws://localhost/", uri.toString());
            assertEquals(parse("ws://localhost/"), uri);
        }

        @Test
        void port443IsDefaultOnlyForWss() {
            assertEquals("localhost", parse("wss://localhost:443/").hostHeader());
            assertEquals("localhost:443", parse("ws://localhost:443/").hostHeader());
            assertEquals("localhost:80", parse("wss://localhost:80/").hostHeader());
        }

        @Test
        void portBoundaries() {
            assertEquals(1, parse("ws://h:1/").port());
            assertEquals(65535, parse("ws://h:65535/").port());
        }

        @Test
        void leadingZerosAreAllowed() {
            assertEquals(80, parse("ws://h:0080/").port());
            assertEquals(8080, parse("ws://h:00000000000000000008080/").port());
        }

        @Test
        void emptyPortMeansTheDefault() {
            assertEquals(80, parse("ws://h:/").port());
            assertEquals(443, parse("wss://h:").port());
            assertEquals(443, parse("wss://h:?x").port());
        }

        @Test
        void portZeroIsRejected() {
            assertInvalid("ws://h:0/", "port 0");
            assertInvalid("ws://h:000/", "port 0");
        }

        @ParameterizedTest
        @ValueSource(strings = {"ws://h:65536/", "ws://h:99999/", "ws://h:4294967376/",
                "ws://h:99999999999999999999999999999/"})
        void portOutOfRangeIsRejected(String input) {
            assertInvalid(input, "out of range");
        }

        @ParameterizedTest
        @ValueSource(strings = {"ws://h:-1/", "ws://h:abc/", "ws://h:+80/", "ws://h:8 0/", "ws://h:0x50/",
                "ws://h:\u0661\u0662/", "ws://h:80a", "ws://h: 80/"})
        void nonNumericPortIsRejected(String input) {
            assertInvalid(input, "invalid port");
        }

        @Test
        void twoPortsAreRejected() {
            assertInvalid("ws://h:80:90/", "more than one ':'");
        }
    }

    @Nested
    class Hosts {
        @Test
        void hostIsLowerCased() {
            WebSocketUri uri = parse("ws://ExAmPle.COM/Path");
            assertEquals("example.com", uri.host());
            assertEquals("/Path", uri.resourceName());
        }

        @Test
        void ipv4() {
            WebSocketUri uri = parse("ws://127.0.0.1:8080/");
            assertEquals("127.0.0.1", uri.host());
            assertEquals("127.0.0.1:8080", uri.hostHeader());
            assertFalse(uri.isIpv6());
            assertEquals("255.255.255.255", parse("ws://255.255.255.255/").host());
            assertEquals("0.0.0.0", parse("ws://0.0.0.0/").host());
        }

        @ParameterizedTest
        @ValueSource(strings = {"ws://127.1/", "ws://1.2.3/", "ws://1.2.3.4.5/", "ws://256.0.0.1/",
                "ws://01.2.3.4/", "ws://1.2.3.4./", "ws://123/", "ws://%31%32%37.1/"})
        void digitsAndDotsMustBeAStrictIpv4Address(String input) {
            assertInvalid(input, "invalid IPv4 address");
        }

        @Test
        void percentEncodedHostIsDecoded() {
            assertEquals("example.com", parse("ws://ex%61mple.com/").host());
            assertEquals("127.0.0.1", parse("ws://127.0.0.%31/").host());
            assertEquals("xn--bcher-kva.example", parse("ws://b%C3%BCcher.example/").host());
        }

        @Test
        void internationalisedHostIsConvertedToAscii() {
            WebSocketUri uri = parse("ws://bücher.example/");
            assertEquals("xn--bcher-kva.example", uri.host());
            assertEquals("xn--bcher-kva.example", uri.hostHeader());
            assertEquals("ws://xn--bcher-kva.example/", uri.toString());
        }

        @Test
        void internationalisedHostIsCaseFolded() {
            assertEquals("xn--bcher-kva.example", parse("wss://BÜCHER.Example/").host());
        }

        @Test
        void idnaSeparatorsAndFullWidthCharactersAreMapped() {
            assertEquals("xn--bcher-kva.example", parse("ws://bücher\u3002example/").host());
            assertEquals("example.com", parse("ws://\uFF45\uFF58\uFF41\uFF4D\uFF50\uFF4C\uFF45.com/").host());
            assertEquals("xn--r8jz45g.xn--zckzah", parse("ws://例え.テスト/").host());
        }

        @ParameterizedTest
        @ValueSource(strings = {"ws://xn--bücher.example/", "ws://\u0378.example/", "ws://a\u2024b.example/",
                "ws://-bücher.example/"})
        void invalidInternationalisedNamesAreRejected(String input) {
            assertInvalid(input, "invalid internationalised host name label");
        }

        @Test
        void trailingDotIsKept() {
            assertEquals("example.com.", parse("ws://example.com./").host());
            assertEquals("xn--bcher-kva.example.", parse("ws://bücher.example./").host());
        }

        @Test
        void underscoresAreAllowed() {
            assertEquals("my_service", parse("ws://My_Service:8080/").host());
        }

        @ParameterizedTest
        @ValueSource(strings = {"ws:///path", "ws://", "wss://:443/", "ws://?x", "ws://u:p@/", "ws://u:p@:80/"})
        void missingHostIsRejected(String input) {
            assertInvalid(input, "missing host");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "ws://a..b/         | empty label",
            "ws://.a/           | empty label",
            "ws://./            | empty label",
            "ws://a.b../        | empty label",
            "ws://-a.b/         | starts or ends with '-'",
            "ws://a-.b/         | starts or ends with '-'",
            "ws://a!b/          | invalid character '!' in host name",
            "ws://a%2Fb/        | invalid character '/' in host name",
            "ws://a%00b/        | invalid character U+0000 in host name",
            "ws://a%20b/        | invalid character U+0020 in host name",
            "ws://a{b/          | invalid character '{' at index 6 in the host",
            "ws://a%zzb/        | invalid percent-encoding",
            "ws://a%C3b/        | not UTF-8",
            "ws://a%FFb/        | not UTF-8",
        })
        void invalidHostNamesAreRejected(String input, String reason) {
            assertInvalid(input, reason);
        }

        @Test
        void labelAndNameLengthsAreLimited() {
            String label63 = "a".repeat(63);
            assertEquals(label63 + ".com", parse("ws://" + label63 + ".com/").host());
            assertInvalid("ws://" + "a".repeat(64) + ".com/", "longer than 63");
            String name253 = ("a".repeat(49) + ".").repeat(5) + "abc"; // 5 * 50 + 3
            assertEquals(253, name253.length());
            assertEquals(name253, parse("ws://" + name253 + "/").host());
            assertInvalid("ws://" + name253 + "d/", "longer than 253");
        }
    }

    @Nested
    class Ipv6 {
        @Test
        void loopbackWithPort() {
            WebSocketUri uri = parse("ws://[::1]:8080/");
            assertEquals("::1", uri.host());
            assertEquals(8080, uri.port());
            assertTrue(uri.isIpv6());
            assertEquals("[::1]:8080", uri.hostHeader());
            assertEquals("ws://[::1]:8080/", uri.toString());
        }

        @Test
        void withoutPort() {
            WebSocketUri uri = parse("wss://[2001:DB8::A]/chat");
            assertEquals("2001:db8::a", uri.host());
            assertEquals(443, uri.port());
            assertEquals("[2001:db8::a]", uri.hostHeader());
            assertEquals("/chat", uri.resourceName());
        }

        @Test
        void withoutPathOrWithQueryOnly() {
            assertEquals("/", parse("ws://[::1]").resourceName());
            assertEquals("/?a=b", parse("ws://[::1]?a=b").resourceName());
            assertEquals(80, parse("ws://[::1]:").port());
        }

        @ParameterizedTest
        @ValueSource(strings = {"::", "::1", "1::", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8",
                "1::8", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "::ffff:192.0.2.1", "1:2:3:4:5:6:192.0.2.1",
                "::192.0.2.1", "64:ff9b::192.0.2.33", "fe80::0000:0001"})
        void validAddresses(String address) {
            assertEquals(address.toLowerCase(), parse("ws://[" + address + "]/").host());
        }

        @ParameterizedTest
        @ValueSource(strings = {":", ":::", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::",
                "g::1", ":1::", "1::2:", "::1.2.3", "::256.0.0.1", "1.2.3.4::", "::1.2.3.4:5",
                "1:2:3:4:5:6:7:1.2.3.4", "1:2:3:4:5:6:7:8::", "::01.2.3.4", "127.0.0.1", "example.com",
                " ::1", "::1 "})
        void invalidAddresses(String address) {
            assertInvalid("ws://[" + address + "]/", "invalid IPv6 address");
        }

        @Test
        void emptyBrackets() {
            assertInvalid("ws://[]/", "empty IPv6 literal");
        }

        @ParameterizedTest
        @ValueSource(strings = {"ws://[::1/", "ws://[::1", "ws://[::1/]", "ws://[::1?]"})
        void missingClosingBracket(String input) {
            assertInvalid(input, "missing ']'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"ws://[::1]x/", "ws://[::1]]/", "ws://[::1][::2]/", "ws://[::1]%/"})
        void junkAfterClosingBracket(String input) {
            assertInvalid(input, "after the IPv6 literal");
        }

        @ParameterizedTest
        @ValueSource(strings = {"ws://::1/", "ws://::1:8080/", "ws://fe80::1/"})
        void unbracketedAddressIsRejectedWithAHint(String input) {
            assertInvalid(input, "IPv6 addresses must be in brackets");
        }

        @ParameterizedTest
        @ValueSource(strings = {"ws://a]b/", "ws://a[b/", "ws://h[1]/", "ws://[::1]@h/"})
        void strayBracketsInARegisteredName(String input) {
            assertInvalid(input, "invalid character");
        }

        @Test
        void ipvFutureIsRejected() {
            assertInvalid("ws://[v1.fe80::a+en1]/", "IPvFuture");
        }

        @Test
        void zoneIdentifier() {
            WebSocketUri uri = parse("ws://[FE80::1%25Eth0]:9000/p");
            assertEquals("fe80::1%Eth0", uri.host(), "address lower-cased, zone kept as written");
            assertEquals("[fe80::1]:9000", uri.hostHeader(), "RFC 6874 §4: zone not sent");
            assertEquals("ws://[fe80::1%25Eth0]:9000/p", uri.toString());
            assertEquals(URI.create("ws://[fe80::1]:9000/p"), uri.toUri(), "java.net.URI lacks RFC 6874");
            assertEquals(uri, parse(uri.toString()));
        }

        @Test
        void zoneIdentifierMayBePercentEncodedUnreserved() {
            assertEquals("fe80::1%en-0", parse("ws://[fe80::1%25en%2D0]/").host());
            assertEquals("fe80::1%1", parse("ws://[fe80::1%251]/").host());
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "ws://[fe80::1%eth0]/     | must be written %25zone",
            "ws://[fe80::1%]/         | must be written %25zone",
            "ws://[fe80::1%2]/        | must be written %25zone",
            "ws://[fe80::1%25]/       | empty zone identifier",
            "ws://[fe80::1%25a%2Fb]/  | zone identifiers may only hold",
            "ws://[fe80::1%25a%zz]/   | invalid percent-encoding",
            "ws://[fe80::1%25a!b]/    | invalid character '!'",
            "ws://[fe80::1%25eth\u00e9]/ | invalid character U+00E9",
            "ws://[fe80::1%25a%25b]/  | zone identifiers may only hold",
            "ws://[fe80:%25a::1]/     | invalid IPv6 address",
        })
        void invalidZones(String input, String reason) {
            assertInvalid(input, reason);
        }
    }

    @Nested
    class ResourceNames {
        @Test
        void emptyPathBecomesSlash() {
            assertEquals("/", parse("ws://h").resourceName());
            assertEquals("/", parse("ws://h:8080").resourceName());
        }

        @Test
        void queryOnly() {
            assertEquals("/?x=1", parse("ws://h?x=1").resourceName());
            assertEquals("/?x=1", parse("ws://h:81?x=1").resourceName());
        }

        @Test
        void emptyQueryIsDropped() {
            assertEquals("/", parse("ws://h?").resourceName());
            assertEquals("/a", parse("ws://h/a?").resourceName());
        }

        @Test
        void pathAndQuery() {
            assertEquals("/chat/room?user=alice&x=1", parse("wss://h/chat/room?user=alice&x=1").resourceName());
        }

        @Test
        void pathIsKeptAsGiven() {
            assertEquals("/a/../b/./c//d", parse("ws://h/a/../b/./c//d").resourceName());
            assertEquals("//x", parse("ws://h//x").resourceName());
            assertEquals("/A%2fb%2F%41", parse("ws://h/A%2fb%2F%41").resourceName());
            assertEquals("/a;b=c,d", parse("ws://h/a;b=c,d").resourceName(), "';' allowed, unlike Python");
        }

        @Test
        void allRfc3986CharactersAreAccepted() {
            String path = "/azAZ09-._~!$&'()*+,;=:@%20";
            String query = "azAZ09-._~!$&'()*+,;=:@/?%7E";
            assertEquals(path + "?" + query, parse("ws://h" + path + "?" + query).resourceName());
        }

        @Test
        void queryMayContainSlashesQuestionMarksAndAt() {
            assertEquals("/?a=/b?c@d:e", parse("ws://h?a=/b?c@d:e").resourceName());
            assertEquals("h", parse("ws://h?a=/b?c@d:e").host());
        }

        @Test
        void atSignInPathIsNotUserInfo() {
            WebSocketUri uri = parse("ws://h/u:p@x");
            assertEquals("h", uri.host());
            assertEquals("/u:p@x", uri.resourceName());
            assertTrue(uri.userInfo().isEmpty());
        }

        @Test
        void nonAsciiPathAndQueryArePercentEncodedAsUtf8() {
            WebSocketUri uri = parse("ws://h/café/日本?q=ü&e=\uD83D\uDE00");
            assertEquals("/caf%C3%A9/%E6%97%A5%E6%9C%AC?q=%C3%BC&e=%F0%9F%98%80", uri.resourceName());
        }

        @Test
        void privateUseCharactersOnlyInTheQuery() {
            assertEquals("/?%EE%80%80", parse("ws://h?\uE000").resourceName());
            assertInvalid("ws://h/\uE000", "invalid character U+E000 at index 7 in the path");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "ws://h/a b            | invalid character U+0020 at index 8 in the path",
            "ws://h/?a b           | invalid character U+0020 at index 9 in the query",
            "ws://h/<x>            | invalid character '<'",
            "ws://h/{x}            | invalid character '{'",
            "ws://h/a\\b           | invalid character '\\'",
            "ws://h/a^b            | invalid character '^'",
            "ws://h/a`b            | invalid character '`'",
            "ws://h/[x]            | invalid character '['",
            "ws://h?q=]            | invalid character ']'",
            "ws://h/a%             | invalid percent-encoding at index 8 in the path",
            "ws://h/a%4            | invalid percent-encoding",
            "ws://h/a%4g           | invalid percent-encoding",
            "ws://h/?a=%%          | invalid percent-encoding at index 10 in the query",
            "ws://h/a\uFFFE        | invalid character U+FFFE",
            "ws://h/a\uFDD0        | invalid character U+FDD0",
            "ws://h/a\u200Fb       | bidirectional formatting character U+200F",
            "ws://h?a\u2067b       | bidirectional formatting character U+2067",
        })
        void invalidCharactersAreRejected(String input, String reason) {
            assertInvalid(input, reason);
        }

        @Test
        void c1ControlIsRejected() {
            assertInvalid("ws://h/a\u0085", "invalid character U+0085 at index 8 in the path");
            assertInvalid("ws://h?\u0085x", "invalid character U+0085 at index 7 in the query");
        }

        @Test
        void doubleQuoteIsRejected() {
            assertInvalid("ws://h/a\"b", "invalid character '\"' at index 8 in the path");
            assertInvalid("ws://h/a|b", "invalid character '|' at index 8 in the path");
        }

        @ParameterizedTest
        @ValueSource(strings = {"ws://h/\tx", "ws://h/a\nb", "ws://h/a\rb", "ws://h/\u0000", "ws://h/\u007F",
                "ws://h?\u001B[31m"})
        void controlCharactersAreRejectedAndEscapedInTheMessage(String input) {
            InvalidURI e = invalid(input);
            assertTrue(e.getMessage().contains("invalid character U+"), e.getMessage());
            for (char c : e.getMessage().toCharArray()) {
                assertFalse(Character.isISOControl(c), () -> "raw control character in " + e.getMessage());
            }
        }

        @Test
        void unpairedSurrogatesAreRejected() {
            assertInvalid("ws://h/\uD83D", "unpaired surrogate");
            assertInvalid("ws://h/\uDE00x", "unpaired surrogate");
            assertInvalid("ws://h?\uD83Dx", "unpaired surrogate");
            assertInvalid("ws://\uD83D.example/", "unpaired surrogate");
        }
    }

    @Nested
    class Fragments {
        @ParameterizedTest
        @ValueSource(strings = {"ws://h/#", "ws://h/#frag", "ws://h#", "ws://h?x=1#y", "ws://h:80#",
                "ws://[::1]#", "ws://u:p@h/#", "ws://h/a%23b#"})
        void anyFragmentIsRejected(String input) {
            assertInvalid(input, "fragment");
        }

        @Test
        void encodedHashIsFine() {
            assertEquals("/a%23b", parse("ws://h/a%23b").resourceName());
        }
    }

    @Nested
    class UserInformation {
        @Test
        void noUserInfo() {
            WebSocketUri uri = parse("ws://h/");
            assertEquals(Optional.empty(), uri.userInfo());
            assertNull(uri.username());
            assertNull(uri.password());
        }

        @Test
        void userAndPassword() {
            WebSocketUri uri = parse("ws://alice:s3cret@h/");
            assertEquals(Optional.of(new WebSocketUri.UserInfo("alice", "s3cret")), uri.userInfo());
            assertEquals("alice", uri.username());
            assertEquals("s3cret", uri.password());
            assertEquals("h", uri.host());
        }

        @Test
        void percentDecoded() {
            WebSocketUri uri = parse("ws://us%40er:p%3Ass@h/");
            assertEquals("us@er", uri.username());
            assertEquals("p:ss", uri.password());
        }

        @Test
        void utf8AndNonAsciiAreDecoded() {
            WebSocketUri uri = parse("ws://j%C3%B6e:pässwörd%E2%82%AC@h/");
            assertEquals("jöe", uri.username());
            assertEquals("pässwörd€", uri.password());
            assertEquals("ws://j%C3%B6e:***@h/", uri.toString());
        }

        @Test
        void passwordMayContainColonsAndSubDelims() {
            WebSocketUri uri = parse("ws://u:a:b!$&'()*+,;=~@h:81/");
            assertEquals("u", uri.username());
            assertEquals("a:b!$&'()*+,;=~", uri.password());
            assertEquals(81, uri.port());
        }

        @Test
        void emptyPasswordOrUserNameIsAllowed() {
            assertEquals(new WebSocketUri.UserInfo("user", ""), parse("ws://user:@h/").userInfo().orElseThrow());
            assertEquals(new WebSocketUri.UserInfo("", "pw"), parse("ws://:pw@h/").userInfo().orElseThrow());
            assertEquals(new WebSocketUri.UserInfo("", ""), parse("ws://:@h/").userInfo().orElseThrow());
        }

        @ParameterizedTest
        @ValueSource(strings = {"ws://user@h/", "ws://@h/", "ws://user@[::1]/", "ws://us%3Aer@h/"})
        void passwordIsRequiredAsInPython(String input) {
            assertInvalid(input, "user information without a password");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "ws://u:p@q@h/        | '@' at index 8 in user information must be percent-encoded",
            "ws://u@v:p@h/        | must be percent-encoded",
            "ws://u%3Av:p@h/      | user name contains ':'",
            "ws://u:p%0A@h/       | password contains a control character",
            "ws://u%00:p@h/       | user name contains a control character",
            "ws://u:p%C2%85@h/    | password contains a control character",
            "ws://u:p%@h/         | invalid percent-encoding",
            "ws://u:p%FF@h/       | not UTF-8",
            "ws://u:p[@h/         | invalid character '['",
            "ws://u:p w@h/        | invalid character U+0020 at index 8 in the password",
            "ws://u\u200E:p@h/    | bidirectional formatting character",
        })
        void invalidUserInfo(String input, String reason) {
            assertInvalid(input, reason);
        }

        @Test
        void passwordIsNeverPrinted() {
            WebSocketUri uri = parse("wss://alice:TopSecret@example.com:8443/chat");
            assertEquals("wss://alice:***@example.com:8443/chat", uri.toString());
            assertEquals("alice:***", uri.userInfo().orElseThrow().toString());
            assertEquals(URI.create("wss://example.com:8443/chat"), uri.toUri());
            assertFalse(uri.toString().contains("TopSecret"));
            assertFalse(uri.toUri().toString().contains("TopSecret"));
            assertEquals("example.com:8443", uri.hostHeader());
        }

        @ParameterizedTest
        @ValueSource(strings = {"ws://alice:TopSecret@h/#frag", "http://alice:TopSecret@h/",
                "ws://alice:TopSecret@h:99999/", "ws://alice:TopSecret@@h/", "ws://alice:Top@Secret@h/",
                "ws://alice:TopSecret@h/ x", "ws://alice:TopSecret%zz@h/", "ws://alice:TopSecret@",
                "alice:TopSecret@h", "ws://alice:TopSecret\n@h/"})
        void passwordIsNeverInErrorMessages(String input) {
            InvalidURI e = invalid(input);
            assertFalse(e.getMessage().contains("TopSecret"), e.getMessage());
            assertFalse(e.getMessage().contains("Secret"), e.getMessage());
            assertFalse(e.uri().contains("Secret"), e.uri());
            assertTrue(e.uri().contains("***"), e.uri());
        }

        @Test
        void userInfoRecordValidates() {
            assertThrows(NullPointerException.class, () -> new WebSocketUri.UserInfo(null, "p"));
            assertThrows(NullPointerException.class, () -> new WebSocketUri.UserInfo("u", null));
            assertThrows(IllegalArgumentException.class, () -> new WebSocketUri.UserInfo("u:v", "p"));
            assertThrows(IllegalArgumentException.class, () -> new WebSocketUri.UserInfo("u", "p\r\n"));
        }
    }

    @Nested
    class Malformed {
        @Test
        void emptyString() {
            InvalidURI e = invalid("");
            assertEquals(" isn't a valid WebSocket URI: empty URI", e.getMessage());
            assertEquals("", e.uri());
        }

        @Test
        void nullIsAProgrammingError() {
            NullPointerException e = assertThrows(NullPointerException.class, () -> WebSocketUri.parse(null));
            assertEquals("uri", e.getMessage());
        }

        @ParameterizedTest
        @ValueSource(strings = {" ws://h/", "ws://h/ ", "\tws://h/", "ws://h/\n", "\u00A0ws://h/", "ws://h/\u3000",
                " ", "\r\n"})
        void surroundingWhitespaceIsNotTrimmed(String input) {
            assertInvalid(input, "leading or trailing whitespace");
        }

        @ParameterizedTest
        @ValueSource(strings = {"ws://h h/", "ws:// h/", "ws://h /"})
        void innerWhitespaceIsRejected(String input) {
            assertInvalid(input, "invalid character U+0020");
        }

        @ParameterizedTest
        @ValueSource(strings = {"ws", "ws:", ":", "#", "?", "@", "[", "%", "ws://[", "ws://@", "ws://:", "ws://%",
                "ws://h:%", "ws://[:]:", "wss://[::1]:65536", "ws://h\\evil.com/"})
        void oddInputsGiveInvalidUri(String input) {
            invalid(input);
        }
    }

    @Nested
    class Accessors {
        @Test
        void hostHeaderForEveryHostKind() {
            assertEquals("example.com", parse("ws://example.com").hostHeader());
            assertEquals("example.com:8080", parse("ws://example.com:8080").hostHeader());
            assertEquals("192.0.2.1:81", parse("ws://192.0.2.1:81").hostHeader());
            assertEquals("[::1]", parse("ws://[::1]:80").hostHeader());
            assertEquals("[::1]:443", parse("ws://[::1]:443").hostHeader());
            assertEquals("[::1]", parse("wss://[::1]:443").hostHeader());
        }

        @Test
        void toStringIsNormalised() {
            assertEquals("ws://example.com/a?b", parse("WS://Example.COM:80/a?b").toString());
            assertEquals("wss://example.com:8443/", parse("wss://EXAMPLE.com:8443").toString());
            assertEquals("ws://example.com/?q", parse("ws://example.com?q").toString());
        }

        @Test
        void toUri() {
            URI uri = parse("WSS://Example.COM:443/a%20b?c=d").toUri();
            assertEquals(URI.create("wss://example.com/a%20b?c=d"), uri);
            assertEquals("example.com", uri.getHost());
            assertEquals("/a b", uri.getPath());
            assertEquals(-1, uri.getPort());
            assertEquals(URI.create("ws://[::1]:8080/"), parse("ws://[::1]:8080").toUri());
        }

        @Test
        void roundTrip() {
            for (String s : new String[] {"ws://h/", "wss://h:1/x?y", "ws://[::ffff:1.2.3.4]:9/", "ws://a_b.c./"}) {
                WebSocketUri uri = parse(s);
                assertEquals(uri, parse(uri.toString()));
                assertEquals(uri, parse(uri.toUri().toString()));
                assertEquals(s, uri.toString());
            }
        }

        @Test
        void equalityIsByValue() {
            assertEquals(parse("ws://H:80/x"), parse("ws://h/x"));
            assertEquals(parse("ws://H:80/x").hashCode(), parse("ws://h/x").hashCode());
            assertNotEquals(parse("ws://h/x"), parse("wss://h/x"));
            assertNotEquals(parse("ws://h/x"), parse("ws://h/X"));
            assertNotEquals(parse("ws://u:p@h/"), parse("ws://u:q@h/"));
            assertNotEquals(parse("ws://h/%41"), parse("ws://h/A"), "no normalisation of the path");
        }

        @Test
        void canonicalConstructorAcceptsNormalisedValues() {
            WebSocketUri uri = new WebSocketUri(true, "example.com", 443, "/x?y", "u", "p");
            assertEquals(parse("wss://u:p@example.com/x?y"), uri);
            assertEquals("[fe80::1]:8080", new WebSocketUri(false, "fe80::1%eth0", 8080, "/", null, null).hostHeader());
        }

        @Test
        void canonicalConstructorRejectsWhatParseNeverProduces() {
            String[] badHosts = {"Example.com", "[::1]", "::G", "fe80::1%", "fe80::1%a/b", "FE80::1", "h\r\nX: y", "",
                "127.1", "bücher.de", "a..b", ".", "-a", "a b"};
            for (String host : badHosts) {
                assertThrows(IllegalArgumentException.class,
                        () -> new WebSocketUri(false, host, 80, "/", null, null), host);
            }
            for (int port : new int[] {0, -1, 65536, Integer.MIN_VALUE}) {
                assertThrows(IllegalArgumentException.class,
                        () -> new WebSocketUri(false, "h", port, "/", null, null), "port " + port);
            }
            String[] badResources = {"", "x", "/a b", "/a#b", "/%zz", "/%4", "/\u00e9", "/\r\nHost: evil", "/a\\b"};
            for (String resource : badResources) {
                assertThrows(IllegalArgumentException.class,
                        () -> new WebSocketUri(false, "h", 80, resource, null, null), resource);
            }
            assertThrows(IllegalArgumentException.class, () -> new WebSocketUri(false, "h", 80, "/", "u", null));
            assertThrows(IllegalArgumentException.class, () -> new WebSocketUri(false, "h", 80, "/", null, "p"));
            assertThrows(IllegalArgumentException.class, () -> new WebSocketUri(false, "h", 80, "/", "u:v", "p"));
            assertThrows(IllegalArgumentException.class, () -> new WebSocketUri(false, "h", 80, "/", "u", "p\n"));
        }

        @Test
        void canonicalConstructorRejectsNulls() {
            assertThrows(NullPointerException.class, () -> new WebSocketUri(false, null, 80, "/", null, null));
            assertThrows(NullPointerException.class, () -> new WebSocketUri(false, "h", 80, null, null, null));
        }
    }
}
