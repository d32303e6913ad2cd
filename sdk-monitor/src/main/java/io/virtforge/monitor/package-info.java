/**
 * Performance monitoring of tuned VMs. {@link io.virtforge.monitor.MonitorCollector} takes one
 * {@link io.virtforge.monitor.MonitorSample} per scrape in one pass: libvirt's bulk statistics of every domain
 * (one call), then, from the host's {@code /proc} through {@link io.virtforge.host.sysfs.Sysfs} (so the fake
 * kernel serves the same files in tests), each QEMU process's memory per NUMA node ({@code numa_maps}), each
 * vCPU thread's run and wait time ({@code schedstat}), each dedicated host CPU's run time and the huge page pools.
 * {@link io.virtforge.monitor.DriftAudit} turns two samples into a {@link io.virtforge.check.Report} of
 * tuning-drift findings with stable codes ({@link io.virtforge.monitor.DriftCode}).
 */
package io.virtforge.monitor;
