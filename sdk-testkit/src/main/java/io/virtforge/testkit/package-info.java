/**
 * Test support for code that uses Virtforge.
 * <ul>
 * <li>{@link io.virtforge.testkit.FakeVirtConnection}: an in-memory hypervisor behind
 * {@link io.virtforge.connect.VirtConnection} ({@code fake:///<fixture>}), with libvirt's domain state machine,
 * libvirt 9.0's errors for misuse, huge page and PCI device accounting, ordered events, statistics on a
 * {@link io.virtforge.testkit.FakeClock}, {@link io.virtforge.testkit.FakeFaults fault injection} and
 * {@link io.virtforge.testkit.FakeGuests guest behaviour};</li>
 * <li>{@link io.virtforge.testkit.Fixtures}: test hosts, each a topology and a matching kernel fake;</li>
 * <li>{@link io.virtforge.testkit.VirtforgeTest}, {@link io.virtforge.testkit.FakeHost},
 * {@link io.virtforge.testkit.RequiresLibvirt}: the JUnit 5 extension and condition;
 * {@link io.virtforge.testkit.TestLibvirtd}: the private libvirtd a test run starts for itself;</li>
 * <li>{@link io.virtforge.testkit.VirtforgeAssertions}: AssertJ assertions on domains, reports, host states and
 * domain handles;</li>
 * <li>{@link io.virtforge.testkit.ConnectionContract}: the behaviour every connection must have, to run against
 * the fake and against libvirt;</li>
 * <li>{@link io.virtforge.testkit.FakeSysfs}: an in-memory kernel behind {@link io.virtforge.host.sysfs.Sysfs} (PCI
 * driver model, SR-IOV, huge pages, IOMMU groups, fault injection, write log), built with
 * {@link io.virtforge.testkit.FakeHostBuilder}; {@link io.virtforge.testkit.SysfsReadContract} is the read
 * contract every {@code Sysfs} must meet, checked against a {@link io.virtforge.testkit.SysfsSnapshot}.</li>
 * </ul>
 */
package io.virtforge.testkit;
