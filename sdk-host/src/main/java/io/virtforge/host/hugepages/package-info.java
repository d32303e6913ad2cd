/**
 * Huge page pools: read them ({@link io.virtforge.host.hugepages.HugePagePoolId},
 * {@link io.virtforge.host.hugepages.HugePagePoolStatus}, the hugetlbfs mounts of
 * {@link io.virtforge.host.hugepages.HugetlbfsMount}), work out what a domain needs
 * ({@link io.virtforge.host.hugepages.HugePageNeeds}), and resize or reserve them as transactions
 * ({@link io.virtforge.host.hugepages.HugePages}, {@link io.virtforge.host.hugepages.PoolResize},
 * {@link io.virtforge.host.hugepages.HugePageReservation},
 * {@link io.virtforge.host.hugepages.HugePageShortageException}).
 *
 * <p>Depends on {@code io.virtforge.host.sysfs} only. Discovery reads the pools through this package, so the
 * pools never call discovery: a reservation is given the host's topology, e.g.
 * {@code pages.reserveFor(domain, new HostDiscovery(sysfs).numaTopology())}.
 */
package io.virtforge.host.hugepages;
