/**
 * The fake hypervisor: {@link io.virtforge.fake.libvirt.FakeVirtConnection}, an in-memory
 * {@link io.virtforge.connect.VirtConnection} with libvirt's domain state machine, libvirt 9.0's errors for
 * misuse ({@link io.virtforge.connect.LibvirtErrors}), huge page and PCI device accounting (its own
 * ledger, or the paired {@link io.virtforge.fake.kernel.FakeSysfs}), ordered lifecycle events
 * ({@link io.virtforge.fake.libvirt.LifecycleDetail}), statistics on a {@link io.virtforge.fake.libvirt.FakeClock},
 * {@link io.virtforge.fake.libvirt.FakeFaults fault injection} and {@link io.virtforge.fake.libvirt.FakeGuests
 * guest behaviour}. The rest of the package (domain table, live XML, tuning, statistics, events) is its
 * package-private machinery.
 */
package io.virtforge.fake.libvirt;
