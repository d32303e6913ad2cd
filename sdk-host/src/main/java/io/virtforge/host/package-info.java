/**
 * Host-side access to the kernel's virtual files. {@link io.virtforge.host.sysfs.Sysfs} is the one door to
 * sysfs, procfs and {@code /dev}; {@link io.virtforge.host.sysfs.SysfsPath} the only way to name a file, built
 * from checked components so that no path can escape its tree; {@link io.virtforge.host.sysfs.RealSysfs} reads and
 * writes a real root ({@code /} or a captured tree) with one {@code write()} per value and the kernel's
 * errno in every failure ({@link io.virtforge.host.sysfs.Errno}). The {@code *Paths} classes name the files the
 * host helpers use.
 */
package io.virtforge.host;
