/**
 * PCI functions and what is done with them for device assignment:
 * <ul>
 * <li>reading: {@link io.virtforge.host.pci.PciDeviceReader} (one function's ids, driver, NUMA node, IOMMU
 * group, SR-IOV relations);</li>
 * <li>the IOMMU: {@link io.virtforge.host.pci.IommuGroups} with its groups
 * ({@link io.virtforge.host.pci.IommuGroupInfo}, {@link io.virtforge.host.pci.IommuGroupMember}) and status
 * ({@link io.virtforge.host.pci.IommuStatus});</li>
 * <li>vfio-pci binding: {@link io.virtforge.host.pci.VfioBinder} binds a whole group in libvirt's order under
 * a host-wide {@link io.virtforge.host.pci.HostLock}, and gives the devices back to their original drivers
 * ({@link io.virtforge.host.pci.VfioBinding}, {@link io.virtforge.host.pci.DriverBinding}); refusals are
 * {@link io.virtforge.host.pci.VfioRefusedException};</li>
 * <li>SR-IOV: {@link io.virtforge.host.pci.Sriov} reads physical and virtual functions and changes the VF
 * count as a transaction ({@link io.virtforge.host.pci.VfCountChange}).</li>
 * </ul>
 * Depends on {@code io.virtforge.host.sysfs} only.
 */
package io.virtforge.host.pci;
