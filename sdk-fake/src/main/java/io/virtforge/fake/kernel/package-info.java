/**
 * The fake kernel: {@link io.virtforge.fake.kernel.FakeSysfs}, an in-memory {@link io.virtforge.host.sysfs.Sysfs}
 * (sysfs and the procfs files Virtforge reads) with the kernel's PCI driver model, SR-IOV, VFIO device nodes,
 * huge page pools per NUMA node, IOMMU groups and tuning knobs; built from Java with
 * {@link io.virtforge.fake.kernel.FakeHostBuilder} and its specs ({@link io.virtforge.fake.kernel.NodeSpec},
 * {@link io.virtforge.fake.kernel.CpuSpec}, {@link io.virtforge.fake.kernel.PciDeviceSpec},
 * {@link io.virtforge.fake.kernel.SriovSpec}, {@link io.virtforge.fake.kernel.NetInterfaceSpec},
 * {@link io.virtforge.fake.kernel.BlockDeviceSpec}), or loaded from a directory. Writes can be made to fail
 * ({@link io.virtforge.fake.kernel.WriteFaults}) and are all recorded ({@link io.virtforge.fake.kernel.WriteLog});
 * {@link io.virtforge.fake.kernel.SysfsSnapshot} captures any {@code Sysfs} tree to compare fake and real.
 * The device and memory models are package-private; the file tree they live in is
 * {@link io.virtforge.fake.kernel.fs}.
 */
package io.virtforge.fake.kernel;
