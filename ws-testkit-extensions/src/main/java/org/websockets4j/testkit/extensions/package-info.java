/** A test extension that both sides can negotiate: {@link org.websockets4j.testkit.extensions.ReverseExtension}. */
package org.websockets4j.testkit.extensions;
