/**
 * Test support for code that uses Virtforge. {@link io.virtforge.testkit.FakeSysfs} is an in-memory kernel
 * behind {@link io.virtforge.host.Sysfs} (PCI driver model, SR-IOV, huge pages, IOMMU groups, fault
 * injection, write log), built with {@link io.virtforge.testkit.FakeHostBuilder};
 * {@link io.virtforge.testkit.SysfsReadContract} is the read contract every {@code Sysfs} must meet,
 * checked against a {@link io.virtforge.testkit.SysfsSnapshot}; {@link io.virtforge.testkit.CorpusLocation}
 * finds the shared test corpus.
 */
package io.virtforge.testkit;
