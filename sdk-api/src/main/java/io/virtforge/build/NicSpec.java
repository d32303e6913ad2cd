package io.virtforge.build;

import io.virtforge.model.Bandwidth;
import io.virtforge.model.NetInterface;
import io.virtforge.value.MacAddress;
import io.virtforge.value.PciAddress;

/**
 * One NIC, as {@link DomainBuilder#nic} describes it. It starts from the builder's {@link BuilderDefaults} (the
 * standard ones follow the tuning checklist: virtio on vhost-net with one queue pair per vCPU).
 */
public final class NicSpec {
    String type;
    String source;
    String directMode;
    PciAddress vf;
    String model;
    boolean vhost;
    Integer queues;
    boolean queuesPerVcpu;
    String txmode;
    Integer mtu;
    MacAddress mac;
    Bandwidth.Limit inbound;
    Bandwidth.Limit outbound;

    NicSpec(BuilderDefaults defaults) {
        model = defaults.nicModel();
        vhost = defaults.nicVhost() && model.startsWith("virtio");
        queues = defaults.nicQueues().isPresent() ? Integer.valueOf(defaults.nicQueues().getAsInt()) : null;
        queuesPerVcpu = queues == null;
    }

    /** On a libvirt network. */
    public NicSpec network(String name) {
        type = "network";
        source = name;
        return this;
    }

    /** On a host bridge. */
    public NicSpec bridge(String name) {
        type = "bridge";
        source = name;
        return this;
    }

    /** On a macvtap device over a host interface (mode bridge, vepa, private or passthrough). */
    public NicSpec direct(String hostInterface, String mode) {
        type = "direct";
        source = hostInterface;
        directMode = mode;
        return this;
    }

    /** An SR-IOV VF passed through (type hostdev, managed): near line-rate, no vhost. */
    public NicSpec sriovVf(PciAddress address) {
        type = "hostdev";
        vf = address;
        model = null;
        vhost = false;
        queues = null;
        queuesPerVcpu = false;
        return this;
    }

    /** The virtio model (the standard default). */
    public NicSpec virtio() {
        model = "virtio";
        return this;
    }

    /** Another model, e.g. e1000e (and no vhost). */
    public NicSpec model(String value) {
        model = value;
        vhost = value != null && value.startsWith("virtio") && vhost;
        return this;
    }

    /** Ask for vhost-net (the standard default for virtio). */
    public NicSpec vhost() {
        vhost = true;
        return this;
    }

    /** A fixed number of queue pairs. */
    public NicSpec queues(int n) {
        queues = n;
        queuesPerVcpu = false;
        return this;
    }

    /** One queue pair per vCPU (the standard default). */
    public NicSpec queuesPerVcpu() {
        queues = null;
        queuesPerVcpu = true;
        return this;
    }

    /** Transmit from an I/O thread ({@code txmode='iothread'}). */
    public NicSpec txmodeIothread() {
        txmode = "iothread";
        return this;
    }

    /** The MTU, e.g. 9000 for jumbo frames. */
    public NicSpec mtu(int size) {
        mtu = size;
        return this;
    }

    /** A fixed MAC address (libvirt generates one otherwise). */
    public NicSpec mac(MacAddress address) {
        mac = address;
        return this;
    }

    /**
     * Shapes what the guest receives ({@code <bandwidth><inbound>}): a sustained and a peak rate in kilobytes per
     * second and a burst in kilobytes (null leaves one out).
     */
    public NicSpec inbound(long averageKBps, Long peakKBps, Long burstKB) {
        inbound = Bandwidth.Limit.builder().average(averageKBps).peak(peakKBps).burst(burstKB).build();
        return this;
    }

    /** Shapes what the guest sends ({@code <bandwidth><outbound>}), as {@link #inbound}. */
    public NicSpec outbound(long averageKBps, Long peakKBps, Long burstKB) {
        outbound = Bandwidth.Limit.builder().average(averageKBps).peak(peakKBps).burst(burstKB).build();
        return this;
    }

    /** The model's interface, for a domain of {@code vcpuCount} vCPUs. */
    NetInterface toInterface(int vcpuCount) {
        NetInterface.Builder b = switch (type) {
            case "hostdev" -> NetInterface.sriovVf(vf);
            case "bridge" -> NetInterface.bridge(source);
            case "direct" -> NetInterface.direct(source, directMode);
            default -> NetInterface.network(source);
        };
        b.mac(mac).model(model).mtu(mtu);
        if (vhost) {
            b.driverName("vhost");
        }
        Integer q = queuesPerVcpu ? (vcpuCount > 1 ? Integer.valueOf(vcpuCount) : null) : queues;
        if (q != null) {
            b.queues(q);
        }
        if (txmode != null) {
            b.txmode(txmode);
        }
        if (inbound != null || outbound != null) {
            b.bandwidth(Bandwidth.of(inbound, outbound));
        }
        return b.build();
    }
}
