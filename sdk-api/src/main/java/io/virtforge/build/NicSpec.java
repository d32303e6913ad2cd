package io.virtforge.build;

import io.virtforge.value.MacAddress;
import io.virtforge.value.PciAddress;

/**
 * One NIC, as {@link DomainBuilder#nic} describes it. Defaults follow the tuning checklist: virtio on
 * vhost-net with one queue pair per vCPU.
 */
public final class NicSpec {
    String type;
    String source;
    String directMode;
    PciAddress vf;
    String model = "virtio";
    boolean vhost = true;
    Integer queues;
    boolean queuesPerVcpu = true;
    String txmode;
    Integer mtu;
    MacAddress mac;

    NicSpec() {
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
        queuesPerVcpu = false;
        return this;
    }

    /** The virtio model (the default). */
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

    /** Ask for vhost-net (the default for virtio). */
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

    /** One queue pair per vCPU (the default). */
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
}
