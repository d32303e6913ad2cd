package io.virtforge.model;

import io.virtforge.value.MacAddress;
import io.virtforge.value.PciAddress;
import io.virtforge.xml.XmlElement;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code <interface type>}: a guest NIC on a libvirt network, a bridge, a macvtap device (direct),
 * an SR-IOV VF (hostdev), a vhost-user socket or a tap device (ethernet), with its model, backend
 * driver tuning (vhost, queues, txmode, ring sizes), MTU, VLANs and port profile.
 */
public final class NetInterface extends Device {
    static final String NAME = "interface";
    static final List<String> ORDER = List.of("mac", "source", "vlan", "virtualport", "bandwidth", "target", "model", "driver",
            "mtu", "boot", "rom", "link", "alias", "address");
    private final String type;
    private final Boolean managed;
    private final MacAddress mac;
    private final String sourceNetwork;
    private final String sourcePortgroup;
    private final String sourceBridge;
    private final String sourceDev;
    private final String sourceMode;
    private final String sourceType;
    private final String sourcePath;
    private final PciAddress sourcePci;
    private final String model;
    private final String driverName;
    private final int driverQueues;
    private final String driverTxmode;
    private final int rxQueueSize;
    private final int txQueueSize;
    private final int mtu;
    private final Boolean vlanTrunk;
    private final List<VlanTag> vlanTags;
    private final VirtualPort virtualPort;
    private final String targetDev;
    private final int bootOrder;
    private final String linkState;
    private final Bandwidth bandwidth;

    private NetInterface(ElementReader r) {
        super(r);
        type = r.requiredAttr("type");
        managed = r.bool("managed");
        mac = r.childAttr("mac", "address", MacAddress::parse);
        ElementReader s = r.sub("source");
        sourceNetwork = s.attr("network");
        sourcePortgroup = s.attr("portgroup");
        sourceBridge = s.attr("bridge");
        sourceDev = s.attr("dev");
        sourceMode = s.attr("mode");
        sourceType = s.attr("type");
        sourcePath = s.attr("path");
        DeviceAddress vf = s.child("address", DeviceAddress::read);
        sourcePci = vf == null ? null : vf.pci().orElse(null);
        s.done();
        model = r.childAttr("model", "type", x -> x);
        ElementReader d = r.sub("driver");
        driverName = d.attr("name");
        driverQueues = d.uint("queues");
        driverTxmode = d.attr("txmode");
        rxQueueSize = d.uint("rx_queue_size");
        txQueueSize = d.uint("tx_queue_size");
        d.done();
        Long m = r.childAttr("mtu", "size", x -> Numbers.unsigned(x, Integer.MAX_VALUE));
        mtu = m == null ? -1 : m.intValue();
        ElementReader v = r.sub("vlan");
        vlanTrunk = v.bool("trunk");
        vlanTags = v.children("tag", VlanTag::read);
        v.done();
        virtualPort = r.child("virtualport", VirtualPort::read);
        targetDev = r.childAttr("target", "dev", x -> x);
        bootOrder = r.bootOrder();
        linkState = r.childAttr("link", "state", x -> x);
        bandwidth = r.child(Bandwidth.NAME, Bandwidth::read);
    }

    static NetInterface read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new NetInterface(r));
    }

    /** A NIC on a libvirt network. */
    public static Builder network(String network) {
        return new Builder(XmlElement.builder(NAME)).type("network").childAttributes("source", "network", network);
    }

    /** A NIC on a host bridge. */
    public static Builder bridge(String bridge) {
        return new Builder(XmlElement.builder(NAME)).type("bridge").childAttributes("source", "bridge", bridge);
    }

    /** A macvtap NIC over a host interface, in mode bridge, vepa, private or passthrough. */
    public static Builder direct(String hostInterface, String mode) {
        return new Builder(XmlElement.builder(NAME)).type("direct")
                .childAttributes("source", "dev", hostInterface, "mode", mode);
    }

    /**
     * An SR-IOV VF passed through as a NIC ({@code type='hostdev' managed='yes'}, the VF's PCI address
     * in {@code <source>}).
     */
    public static Builder sriovVf(PciAddress vf) {
        XmlElement source = XmlElement.builder("source").add(DeviceAddress.pci(vf).xml()).build();
        return new Builder(XmlElement.builder(NAME)).type("hostdev").managed(true).element(source);
    }

    /** A builder holding this interface, untyped parts included. */
    public Builder toBuilder() {
        return new Builder(xml().toBuilder());
    }

    /** network, bridge, direct, hostdev, vhostuser, ethernet, user... */
    public String type() {
        return type;
    }

    /** {@code managed} (type hostdev): libvirt binds the VF to vfio-pci itself. */
    public Optional<Boolean> managed() {
        return Optional.ofNullable(managed);
    }

    /** The guest MAC address. */
    public Optional<MacAddress> mac() {
        return Optional.ofNullable(mac);
    }

    /** The libvirt network (type network). */
    public Optional<String> sourceNetwork() {
        return Optional.ofNullable(sourceNetwork);
    }

    /** The network's port group (type network). */
    public Optional<String> sourcePortgroup() {
        return Optional.ofNullable(sourcePortgroup);
    }

    /** The host bridge (type bridge). */
    public Optional<String> sourceBridge() {
        return Optional.ofNullable(sourceBridge);
    }

    /** The host device (type direct, ethernet). */
    public Optional<String> sourceDev() {
        return Optional.ofNullable(sourceDev);
    }

    /** The macvtap mode (direct: vepa, bridge, private, passthrough) or socket role (vhostuser: server, client). */
    public Optional<String> sourceMode() {
        return Optional.ofNullable(sourceMode);
    }

    /** The socket type (vhostuser: unix). */
    public Optional<String> sourceType() {
        return Optional.ofNullable(sourceType);
    }

    /** The socket path (vhostuser). */
    public Optional<String> sourcePath() {
        return Optional.ofNullable(sourcePath);
    }

    /** The host PCI address of the SR-IOV VF (type hostdev). */
    public Optional<PciAddress> sourcePci() {
        return Optional.ofNullable(sourcePci);
    }

    /** The NIC model: virtio, e1000e, rtl8139... */
    public Optional<String> model() {
        return Optional.ofNullable(model);
    }

    /** {@code <driver name>}: vhost (in-kernel backend) or qemu. */
    public Optional<String> driverName() {
        return Optional.ofNullable(driverName);
    }

    /** {@code <driver queues>}: multiqueue virtio-net queue pairs. */
    public OptionalInt driverQueues() {
        return Opt.of(driverQueues);
    }

    /** {@code <driver txmode>}: iothread or timer. */
    public Optional<String> driverTxmode() {
        return Optional.ofNullable(driverTxmode);
    }

    /** {@code <driver rx_queue_size>}. */
    public OptionalInt rxQueueSize() {
        return Opt.of(rxQueueSize);
    }

    /** {@code <driver tx_queue_size>}. */
    public OptionalInt txQueueSize() {
        return Opt.of(txQueueSize);
    }

    /** {@code <mtu size>}. */
    public OptionalInt mtu() {
        return Opt.of(mtu);
    }

    /** {@code <vlan trunk>}. */
    public Optional<Boolean> vlanTrunk() {
        return Optional.ofNullable(vlanTrunk);
    }

    /** The VLAN tags. */
    public List<VlanTag> vlanTags() {
        return vlanTags;
    }

    /** The port profile. */
    public Optional<VirtualPort> virtualPort() {
        return Optional.ofNullable(virtualPort);
    }

    /** {@code <target dev>}: the host-side tap name, e.g. vnet0. */
    public Optional<String> targetDev() {
        return Optional.ofNullable(targetDev);
    }

    /** The per-device boot order. */
    public OptionalInt bootOrder() {
        return Opt.of(bootOrder);
    }

    /** {@code <link state>}: up or down. */
    public Optional<String> linkState() {
        return Optional.ofNullable(linkState);
    }

    /** {@code <bandwidth>}: traffic shaping of this NIC. */
    public Optional<Bandwidth> bandwidth() {
        return Optional.ofNullable(bandwidth);
    }

    /** {@code <tag id nativeMode/>}: one VLAN tag. */
    public static final class VlanTag extends XmlModel {
        private final int id;
        private final String nativeMode;

        private VlanTag(ElementReader r) {
            super(r.element());
            id = r.requiredUint("id");
            nativeMode = r.attr("nativeMode");
        }

        static VlanTag read(XmlElement e, ParseContext c) {
            ElementReader r = c.open(e);
            return r.done(new VlanTag(r));
        }

        /** The VLAN id. */
        public int id() {
            return id;
        }

        /** tagged or untagged. */
        public Optional<String> nativeMode() {
            return Optional.ofNullable(nativeMode);
        }
    }

    /** Builds or edits a {@link NetInterface}. */
    public static final class Builder extends ModelBuilder<Builder, NetInterface> {
        Builder(XmlElement.Builder xml) {
            super(xml, NetInterface::read, ORDER);
        }

        /** Sets the type. */
        public Builder type(String value) {
            return attribute("type", value);
        }

        /** Sets {@code managed} (null removes it). */
        public Builder managed(Boolean value) {
            return attribute("managed", value);
        }

        /** Sets the MAC address (null removes it). */
        public Builder mac(MacAddress value) {
            return attributeChild("mac", "address", value == null ? null : value.format());
        }

        /** Sets the model (null removes it). */
        public Builder model(String value) {
            return attributeChild("model", "type", value);
        }

        /** Sets {@code <driver name>}, e.g. vhost (null removes the attribute). */
        public Builder driverName(String value) {
            return childAttributes("driver", "name", value);
        }

        /** Sets {@code <driver queues>} (null removes the attribute). */
        public Builder queues(Integer n) {
            return childAttributes("driver", "queues", n);
        }

        /** Sets {@code <driver txmode>} (null removes the attribute). */
        public Builder txmode(String value) {
            return childAttributes("driver", "txmode", value);
        }

        /** Sets the ring sizes (null removes an attribute). */
        public Builder queueSizes(Integer rx, Integer tx) {
            return childAttributes("driver", "rx_queue_size", rx, "tx_queue_size", tx);
        }

        /** Sets {@code <mtu size>} (null removes it). */
        public Builder mtu(Integer size) {
            return attributeChild("mtu", "size", size);
        }

        /** Sets the boot order (null removes it). */
        public Builder bootOrder(Integer order) {
            return attributeChild("boot", "order", order);
        }

        /** Sets {@code <bandwidth>} (null removes it). */
        public Builder bandwidth(Bandwidth value) {
            return child(Bandwidth.NAME, value);
        }

        /** Sets the guest address (null removes it). */
        public Builder address(DeviceAddress value) {
            return child("address", value);
        }
    }
}
