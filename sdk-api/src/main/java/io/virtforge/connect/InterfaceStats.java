package io.virtforge.connect;

/**
 * Traffic counters of one NIC of a running domain, from the host side.
 *
 * @param device    the host-side device (vnet0...)
 * @param rxBytes   bytes received
 * @param rxPackets packets received
 * @param txBytes   bytes sent
 * @param txPackets packets sent
 */
public record InterfaceStats(String device, long rxBytes, long rxPackets, long txBytes, long txPackets) {
}
