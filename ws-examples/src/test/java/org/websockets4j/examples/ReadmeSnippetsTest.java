package org.websockets4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of the READMEs compiles against the library as it is, so the
 * documentation cannot rot.
 *
 * <p>A block is compiled as the body of a static method; its {@code import} lines go to the top
 * of the file, and the library's exported packages plus {@code java.util}, {@code java.nio},
 * {@code java.nio.channels} and {@code java.time} are imported. A block may use these free names,
 * which stand for what its prose describes: {@code received} (a {@code ByteBuffer} of bytes read),
 * {@code channel} (a {@code GatheringByteChannel}), {@code server} (a {@code WebSocketServer}),
 * {@code ws} (a {@code WebSocket}) and {@code handle(x)} (whatever the application does). A block
 * that declares a type ({@code class}, {@code record}, {@code interface}, {@code enum} at its
 * start) is compiled as a file of its own.
 */
class ReadmeSnippetsTest {
    private static final List<String> READMES = List.of("README.md", "ws-extensions/README.md", "ws-auth/README.md");
    private static final String IMPORTS = """
            import java.nio.*;
            import java.nio.channels.*;
            import java.time.*;
            import java.util.*;
            import org.websockets4j.auth.*;
            import org.websockets4j.client.*;
            import org.websockets4j.framing.*;
            import org.websockets4j.http.*;
            import org.websockets4j.protocol.*;
            import org.websockets4j.server.*;
            """;

    @TempDir
    Path sources;

    @TestFactory
    Stream<DynamicTest> everyJavaBlockCompiles() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : READMES) {
            Path readme = Path.of("..").resolve(name);
            if (!Files.exists(readme)) {
                continue;
            }
            List<String> lines = Files.readAllLines(readme);
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).strip().equals("```java")) {
                    continue;
                }
                int start = i + 1;
                int end = start;
                while (end < lines.size() && !lines.get(end).strip().equals("```")) {
                    end++;
                }
                List<String> block = lines.subList(start, end);
                String where = name + ":" + start;
                tests.add(DynamicTest.dynamicTest(where, () -> assertCompiles(where, block)));
                i = end;
            }
        }
        assertFalse(tests.isEmpty(), "the README has Java blocks");
        return tests.stream();
    }

    private void assertCompiles(String where, List<String> block) throws IOException {
        String className = "Snippet_" + where.replaceAll("[^A-Za-z0-9]", "_");
        StringBuilder imports = new StringBuilder(IMPORTS);
        StringBuilder body = new StringBuilder();
        for (String line : block) {
            (line.startsWith("import ") ? imports : body).append(line).append('\n');
        }
        String first = body.toString().strip();
        boolean declaresType = first.matches("(?s)^(public |final |sealed |abstract )*(class|record|interface|enum) .*");
        String source = declaresType
                ? imports + body.toString()
                : imports + """
                        class %s {
                            static ByteBuffer received;
                            static GatheringByteChannel channel;
                            static WebSocketServer server;
                            static WebSocket ws;

                            static void handle(Object any) {
                            }

                            static void snippet() throws Exception {
                        %s
                            }
                        }
                        """.formatted(className, body);
        Path dir = Files.createDirectories(sources.resolve(className));
        String fileName = declaresType ? typeName(first) : className;
        Path file = Files.writeString(dir.resolve(fileName + ".java"), source);
        StringWriter output = new StringWriter();
        PrintWriter writer = new PrintWriter(output);
        int status = ToolProvider.findFirst("javac").orElseThrow().run(writer, writer,
                "--module-path", System.getProperty("jdk.module.path"),
                "--add-modules", "org.websockets4j.server,org.websockets4j.client,org.websockets4j.auth",
                "-proc:none", "-Xlint:none", "-d", dir.resolve("classes").toString(), file.toString());
        writer.flush();
        assertEquals(0, status, where + " does not compile:\n" + output + "\n--- as compiled:\n" + source);
    }

    private static String typeName(String declaration) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("(?:class|record|interface|enum)\\s+([A-Za-z_][A-Za-z0-9_]*)").matcher(declaration);
        return m.find() ? m.group(1) : "Snippet";
    }
}
