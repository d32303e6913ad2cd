package io.virtforge.libvirt.jna;

import java.util.BitSet;

/**
 * One IOThread of a domain, as {@code virDomainGetIOThreadInfo} reports it.
 *
 * @param iothreadId the IOThread id (as in the domain XML's {@code <iothread id>})
 * @param cpuAffinity the host CPUs the IOThread may run on (bit n = host CPU n); copied in and out
 */
public record IOThreadInfo(int iothreadId, BitSet cpuAffinity) {
    /** Copies the affinity. */
    public IOThreadInfo {
        cpuAffinity = (BitSet) cpuAffinity.clone();
    }

    /** The host CPUs the IOThread may run on (a copy). */
    @Override
    public BitSet cpuAffinity() {
        return (BitSet) cpuAffinity.clone();
    }
}
