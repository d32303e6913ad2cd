package io.virtforge.connect;

/**
 * What a connection can say about a libvirt virtual network ({@code virsh net-info NAME}): a domain whose NIC
 * names a network that is {@link #MISSING} or {@link #INACTIVE} defines but does not start.
 */
public enum NetworkStatus {
    /** The network exists and is started. */
    ACTIVE,
    /** The network exists but is not started ({@code virsh net-start NAME}). */
    INACTIVE,
    /** The hypervisor has no network of that name. */
    MISSING,
    /** The connection cannot tell (a provider that does not know networks). */
    UNKNOWN
}
