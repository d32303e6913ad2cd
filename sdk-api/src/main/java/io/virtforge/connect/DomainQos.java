package io.virtforge.connect;

import io.virtforge.model.Bandwidth;
import io.virtforge.model.BlkioTune;
import io.virtforge.model.CpuTune;
import io.virtforge.model.IoTune;
import io.virtforge.model.MemTune;

/**
 * A domain's scheduling and QoS limits, read and changed live and/or in its configuration: CPU shares, periods and
 * quotas ({@code <cputune>}), a disk's throttling ({@code <iotune>}), a NIC's shaping ({@code <bandwidth>}), memory
 * limits ({@code <memtune>}) and the block I/O weight and device limits ({@code <blkiotune>}), as libvirt's
 * {@code virDomainSet/GetSchedulerParameters}, {@code ...BlockIoTune}, {@code ...InterfaceParameters},
 * {@code ...MemoryParameters} and {@code ...BlkioParameters} do.
 *
 * <p>Values travel as the model's elements. A change sends only what the value sets and leaves the rest as it is
 * (0 clears a disk or NIC limit); every setter reads back what the hypervisor then reports, from the running domain
 * when the scope includes it, else from the configuration. Reads take {@link Scope#LIVE} or {@link Scope#CONFIG}
 * ({@link Scope#BOTH} is refused with {@link IllegalArgumentException}); what is unlimited or unset is absent, except
 * that a running domain reports its cgroup's CPU defaults (shares, periods, quota -1). A disk is named by its target
 * ({@code vda}) or source path; a NIC by its host-side device ({@code vnet0}, running only) or its MAC address.
 *
 * <p>Errors are classified by {@link LibvirtErrors}: a live change of a shut-off domain is an
 * {@link InvalidStateException}; a value out of libvirt's range, a burst below its rate, a disk or NIC the domain
 * does not have an {@link InvalidDefinitionException}; a parameter the hypervisor does not take (QEMU has no
 * {@code min_guarantee}) a {@link NotSupportedException}; a host that cannot apply it (no tc queueing discipline, no
 * I/O scheduler with weights) a {@link HostResourceException} or {@link VirtException}.
 */
public interface DomainQos {
    /** CPU shares, periods and quotas (only those parts of {@code <cputune>}). */
    CpuTune scheduler(Scope scope);

    /** Changes CPU shares, periods and quotas; the pins and other parts of {@code tune} are ignored. */
    CpuTune setScheduler(CpuTune tune, Scope scope);

    /** A disk's throttling; empty values read as an {@link IoTune} without elements. */
    IoTune blockIoTune(String disk, Scope scope);

    /** Changes a disk's throttling. */
    IoTune setBlockIoTune(String disk, IoTune tune, Scope scope);

    /** A NIC's traffic shaping. */
    Bandwidth interfaceBandwidth(String device, Scope scope);

    /** Changes a NIC's traffic shaping (an average of 0 removes that direction). */
    Bandwidth setInterfaceBandwidth(String device, Bandwidth bandwidth, Scope scope);

    /** Memory limits. */
    MemTune memoryTune(Scope scope);

    /** Changes memory limits. */
    MemTune setMemoryTune(MemTune tune, Scope scope);

    /** Block I/O weight and per-device limits. */
    BlkioTune blkioTune(Scope scope);

    /** Changes the block I/O weight and per-device limits (merged into a device's settings value by value). */
    BlkioTune setBlkioTune(BlkioTune tune, Scope scope);

    /** The scope reads take: live or config. */
    static Scope readable(Scope scope) {
        if (scope == null || scope == Scope.BOTH) {
            throw new IllegalArgumentException("read the live or the config values, not " + scope);
        }
        return scope;
    }
}
