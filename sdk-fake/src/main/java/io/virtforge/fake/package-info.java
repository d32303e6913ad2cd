/**
 * Virtforge's fake host, entry point: {@link io.virtforge.fake.FakeConnectionProvider} opens
 * {@code fake:///<fixture>} URIs through {@link io.virtforge.connect.VirtConnections#open(String)}: a fixture host
 * (see {@link io.virtforge.fake.fixtures.Fixtures}) with a fake hypervisor and a matching kernel fake, shared by the
 * connections open to the same URI at the same time, fresh once they are all closed.
 * <ul>
 * <li>{@link io.virtforge.fake.libvirt}: the fake hypervisor, {@link io.virtforge.fake.libvirt.FakeVirtConnection};</li>
 * <li>{@link io.virtforge.fake.kernel}: the fake kernel, {@link io.virtforge.fake.kernel.FakeSysfs}, built with
 * {@link io.virtforge.fake.kernel.FakeHostBuilder};</li>
 * <li>{@link io.virtforge.fake.fixtures}: the named test hosts, a topology and a matching kernel fake each.</li>
 * </ul>
 * Nothing here needs a test framework: the JUnit 5 extension, the AssertJ assertions and the contract suites
 * are in sdk-testkit.
 */
package io.virtforge.fake;
