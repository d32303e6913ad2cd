/**
 * The host tuning audit: {@link io.virtforge.host.audit.HostTuningAudit} checks THP, KSM, the CPU governor,
 * C-states, the IOMMU, I/O schedulers and huge page pools against what virtualisation wants, and proposes a
 * {@link io.virtforge.host.audit.TuningPlan} of {@link io.virtforge.host.audit.PlannedWrite}s that it can
 * apply as a transaction.
 *
 * <p>The top layer of the sub-packages: it uses {@code discovery}, {@code hugepages}, {@code pci} and
 * {@code sysfs}, and no other host sub-package uses it (the front door {@link io.virtforge.host.HostJson} does).
 */
package io.virtforge.host.audit;
