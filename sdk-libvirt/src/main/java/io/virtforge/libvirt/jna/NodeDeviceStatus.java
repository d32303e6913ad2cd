package io.virtforge.libvirt.jna;

/**
 * Whether a node device is active and persistent ({@code virNodeDeviceIsActive}, {@code virNodeDeviceIsPersistent}).
 *
 * @param active     it exists on the host now
 * @param persistent it has a definition that outlives it
 */
public record NodeDeviceStatus(boolean active, boolean persistent) {
}
