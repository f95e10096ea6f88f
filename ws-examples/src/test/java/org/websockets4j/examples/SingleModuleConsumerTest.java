package org.websockets4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ResolvedModule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program that depends on ws-framing alone, or on ws-http alone, compiles and runs with nothing
 * else on its module path: the samples under {@code src/test/samples} are compiled with
 * {@code javac} against exactly those modules and run in a child JVM whose observable modules are
 * limited to the sample and what it requires.
 *
 * <p>Our modules are found where this test's own JVM resolved them: their jars in a
 * {@code mvn verify} (the reactor packaged them before this module's tests), their classes folders
 * in a {@code mvn test}.
 */
class SingleModuleConsumerTest {
    private static final String FRAMING = "org.websockets4j.framing";
    private static final String HTTP = "org.websockets4j.http";
    private static final Path SAMPLES = Path.of("src", "test", "samples");
    private static final long CHILD_BOUND_SECONDS = 60;

    @TempDir
    Path work;

    @Test
    void framingRequiresOnlyJavaBaseAndExportsOnlyItsApi() {
        ModuleDescriptor framing = descriptor(FRAMING);
        assertFalse(framing.isAutomatic(), "ws-framing must have a real module-info.class");
        assertEquals(Set.of("java.base"), requiredNames(framing));
        assertEquals(Set.of(FRAMING), exportedPackages(framing));
    }

    @Test
    void httpRequiresOnlyJavaBaseAndFramingAndExportsOnlyItsApi() {
        ModuleDescriptor http = descriptor(HTTP);
        assertFalse(http.isAutomatic(), "ws-http must have a real module-info.class");
        assertEquals(Set.of("java.base", FRAMING), requiredNames(http));
        assertEquals(Set.of(HTTP), exportedPackages(http));
    }

    @Test
    void aConsumerOfFramingAloneCompilesAndRunsWithOnlyFramingOnTheModulePath() throws Exception {
        List<String> output = compileAndRun("framing-only", "sample.framing", List.of(location(FRAMING)));
        assertEquals(List.of(
                "read TEXT hello from framing alone",
                "read CLOSE 1000 (OK) done",
                "unmasked frame refused with close code 1002",
                "modules [java.base, org.websockets4j.framing, sample.framing]"), output);
    }

    @Test
    void aConsumerOfHttpAloneCompilesAndRunsWithOnlyHttpAndFramingOnTheModulePath() throws Exception {
        List<String> output = compileAndRun("http-only", "sample.http", List.of(location(HTTP), location(FRAMING)));
        assertEquals(List.of(
                "uri localhost:8765 /chat?room=1",
                "server read GET /chat?room=1, key intact",
                "accept s3pPLMBiTxaQ9kYGzzhZRbK+xOo=",
                "modules [java.base, org.websockets4j.framing, org.websockets4j.http, sample.http]"), output);
    }

    /**
     * Every jar of ours this JVM runs from holds a real module descriptor, no
     * {@code Automatic-Module-Name}, and the version metadata. Only in a {@code mvn verify}: a
     * {@code mvn test} runs from classes folders.
     */
    @Test
    void ourModuleJarsAreRealModulesWithVersionMetadata() throws IOException {
        List<ResolvedModule> ours = ModuleLayer.boot().configuration().modules().stream()
                .filter(m -> m.name().startsWith("org.websockets4j.") && !m.name().equals("org.websockets4j.examples"))
                .toList();
        assertTrue(ours.size() >= 7, "our modules in the boot layer: " + ours);
        assumeTrue(ours.stream().allMatch(m -> jarLocation(m) != null), "not running from jars (mvn test)");
        for (ResolvedModule module : ours) {
            try (JarFile jar = new JarFile(jarLocation(module).toFile())) {
                assertNotNull(jar.getEntry("module-info.class"), module.name());
                Attributes main = jar.getManifest().getMainAttributes();
                assertNull(main.getValue("Automatic-Module-Name"), module.name());
                assertEquals(module.reference().descriptor().rawVersion().orElseThrow(),
                        main.getValue(Attributes.Name.IMPLEMENTATION_VERSION), module.name());
                assertNotNull(main.getValue(Attributes.Name.IMPLEMENTATION_TITLE), module.name());
                assertNotNull(main.getValue(Attributes.Name.IMPLEMENTATION_VENDOR), module.name());
            }
        }
    }

    /** Compiles the sample against {@code modulePath} only, runs its main module, returns its output lines. */
    private List<String> compileAndRun(String sample, String moduleName, List<Path> modulePath) throws Exception {
        Path classes = work.resolve(sample);
        List<String> javacArgs = new ArrayList<>(List.of(
                "--release", "21", "-Xlint:all", "-Werror",
                "-d", classes.toString(),
                "--module-path", join(modulePath)));
        try (Stream<Path> files = Files.walk(SAMPLES.resolve(sample))) {
            files.filter(p -> p.toString().endsWith(".java")).map(Path::toString).sorted().forEach(javacArgs::add);
        }
        ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow(() -> new AssertionError("no javac in this JDK"));
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        PrintStream sink = new PrintStream(diagnostics, true, StandardCharsets.UTF_8);
        int compiled = javac.run(sink, sink, javacArgs.toArray(String[]::new));
        assertEquals(0, compiled, "javac " + javacArgs + "\n" + diagnostics.toString(StandardCharsets.UTF_8));

        List<Path> runPath = new ArrayList<>(modulePath);
        runPath.add(0, classes);
        // --limit-modules: only the sample, what it requires (transitively) and java.base are
        // observable, so a hidden need for any other module fails resolution here.
        List<String> command = List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "--module-path", join(runPath),
                "--limit-modules", moduleName,
                "-m", moduleName + "/" + moduleName + ".Main");
        Path out = work.resolve(sample + ".out");
        Path err = work.resolve(sample + ".err");
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertTrue(process.waitFor(CHILD_BOUND_SECONDS, TimeUnit.SECONDS), "child JVM still running: " + command);
        } finally {
            process.destroyForcibly();
        }
        // stderr is only reported, not asserted: a JVM may print notes there (JAVA_TOOL_OPTIONS).
        String stderr = Files.readString(err);
        assertEquals(0, process.exitValue(), command + "\nstderr:\n" + stderr);
        return Files.readAllLines(out);
    }

    private static ModuleDescriptor descriptor(String name) {
        // Read from the jar or folder itself, not from the running layer, as a consumer's JVM would.
        return ModuleFinder.of(location(name)).find(name)
                .orElseThrow(() -> new AssertionError(name + " not found at " + location(name)))
                .descriptor();
    }

    /** Where this JVM resolved module {@code name} from: a jar or a classes folder. */
    private static Path location(String name) {
        ResolvedModule module = ModuleLayer.boot().configuration().findModule(name)
                .orElseThrow(() -> new AssertionError(name + " is not in this test's boot layer"));
        return Path.of(module.reference().location().orElseThrow());
    }

    private static Path jarLocation(ResolvedModule module) {
        Path path = Path.of(module.reference().location().orElseThrow());
        return Files.isRegularFile(path) && path.toString().endsWith(".jar") ? path : null;
    }

    private static Set<String> requiredNames(ModuleDescriptor descriptor) {
        return descriptor.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> exportedPackages(ModuleDescriptor descriptor) {
        return descriptor.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String join(List<Path> paths) {
        return paths.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
    }
}
