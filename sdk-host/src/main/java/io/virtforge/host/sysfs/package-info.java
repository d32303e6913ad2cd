/**
 * The bottom layer of sdk-host: access to the kernel's virtual files, and nothing that knows what a host
 * helper does with them. It depends on no other {@code io.virtforge.host} package (a test holds it to that).
 * <ul>
 * <li>Access: {@link io.virtforge.host.sysfs.Sysfs} is the one door to sysfs, procfs and {@code /dev};
 * {@link io.virtforge.host.sysfs.RealSysfs} reads and writes a real root ({@code /} or a captured tree) with
 * one {@code write()} per value.</li>
 * <li>Names: {@link io.virtforge.host.sysfs.SysfsPath} is the only way to name a file, built from checked
 * components ({@link io.virtforge.host.sysfs.PathSegment}: {@link io.virtforge.host.sysfs.DriverName},
 * {@link io.virtforge.host.sysfs.NetInterfaceName}, {@link io.virtforge.host.sysfs.BlockDeviceName}) so that
 * no path can escape its tree; the {@code *Paths} classes name every file the host helpers use, one catalogue
 * for the real kernel and the testkit's fake one.</li>
 * <li>Failures: the kernel's errno ({@link io.virtforge.host.sysfs.Errno}) in every
 * {@link io.virtforge.host.sysfs.SysfsException}; {@link io.virtforge.host.sysfs.InvalidSysfsPathException}
 * for a name refused before any I/O.</li>
 * <li>Changes: {@link io.virtforge.host.sysfs.SysfsTransaction}, the base of every host change, undoes its
 * steps and throws {@link io.virtforge.host.sysfs.HostChangeException};
 * {@link io.virtforge.host.sysfs.KeepPartial} says what to do with a partial result.</li>
 * <li>Kernel texts: {@link io.virtforge.host.sysfs.KernelValues} (CPU lists, masks, counters, meminfo,
 * choices) and {@link io.virtforge.host.sysfs.KernelCommandLine} ({@code /proc/cmdline}), parsed here
 * because the readers of every other package need them.</li>
 * </ul>
 */
package io.virtforge.host.sysfs;
