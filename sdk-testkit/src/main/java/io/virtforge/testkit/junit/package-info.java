/**
 * The JUnit 5 side of the testkit: {@link io.virtforge.testkit.junit.VirtforgeTest} (with
 * {@link io.virtforge.testkit.junit.FakeHost}) gives each test a fresh fake host from sdk-fake and injects its
 * connection, kernel fake, clock or fixture as parameters ({@link io.virtforge.testkit.junit.VirtforgeExtension});
 * {@link io.virtforge.testkit.junit.RequiresLibvirt} skips, with the reason, a test whose libvirt is absent (found
 * by {@link io.virtforge.testkit.junit.LibvirtProbe}); {@link io.virtforge.testkit.junit.TestLibvirtd} is the
 * private libvirtd a test run starts for itself.
 */
package io.virtforge.testkit.junit;
