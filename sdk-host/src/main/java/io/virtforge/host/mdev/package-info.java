/**
 * Mediated devices (vGPU profiles and the like): {@link io.virtforge.host.mdev.MdevReader} reads the parents,
 * their types and the instances from sysfs; {@link io.virtforge.host.mdev.MdevManager} creates and removes
 * instances as transactions under the host lock vfio binding takes; refusals before any write are
 * {@link io.virtforge.host.mdev.MdevRefusedException}. Depends on {@code io.virtforge.host.sysfs} and
 * {@code io.virtforge.host.pci} (the host lock).
 */
package io.virtforge.host.mdev;
