/**
 * Contract suites: the behaviour every implementation must have, to run against the fake and the real thing
 * alike. {@link io.virtforge.testkit.contract.ConnectionContract} for a {@link io.virtforge.connect.VirtConnection}
 * (sdk-fake's fake, libvirt's test driver, a real qemu:///system);
 * {@link io.virtforge.testkit.contract.SysfsReadContract} for a {@link io.virtforge.host.sysfs.Sysfs}'s reads, checked
 * against an {@link io.virtforge.fake.kernel.SysfsSnapshot}.
 */
package io.virtforge.testkit.contract;
