/**
 * sdk-host, host-side helpers over sysfs and procfs. This package is the front door:
 * {@link io.virtforge.host.HostJson}, the JSON picture of a host discovered and audited now. The work is done
 * in the sub-packages, layered without cycles (a test holds them to it):
 * <ul>
 * <li>{@link io.virtforge.host.sysfs}: access to the kernel's files, path names, errno, the transaction
 * base and the parsing of kernel texts; it depends on no other host package;</li>
 * <li>{@link io.virtforge.host.hugepages}: huge page pools, read and resized (on {@code sysfs});</li>
 * <li>{@link io.virtforge.host.pci}: PCI functions, IOMMU groups, vfio-pci binding, SR-IOV (on
 * {@code sysfs});</li>
 * <li>{@link io.virtforge.host.mdev}: mediated devices, read, created and removed (on {@code pci}'s host lock
 * and {@code sysfs});</li>
 * <li>{@link io.virtforge.host.discovery}: the host's topology (on {@code hugepages}, {@code pci},
 * {@code mdev}, {@code sysfs});</li>
 * <li>{@link io.virtforge.host.audit}: the tuning audit (on all of the above).</li>
 * </ul>
 * No sub-package uses this one.
 */
package io.virtforge.host;
