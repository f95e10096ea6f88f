package org.websockets4j.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Checks the build itself: tests run on the module path, patched into the
 * module under test, on a JDK 21 or newer.
 */
class BuildSmokeTest {

    @Test
    void testsRunInsideTheNamedModule() {
        Module module = getClass().getModule();
        assertTrue(module.isNamed(), "tests must run on the module path");
        assertEquals("org.websockets4j.http", module.getName());
        assertTrue(module.canRead(Object.class.getModule()));
    }

    @Test
    void testsRunOnJdk21OrNewer() {
        System.out.println("BuildSmokeTest: java.version=" + System.getProperty("java.version")
                + " java.home=" + System.getProperty("java.home"));
        assertTrue(Runtime.version().feature() >= 21,
                "expected a JDK 21+ from the toolchain, got " + Runtime.version());
    }

    @Test
    void framingModuleIsReadable() {
        Module framing = ModuleLayer.boot().findModule("org.websockets4j.framing").orElseThrow();
        assertTrue(getClass().getModule().canRead(framing));
    }
}
