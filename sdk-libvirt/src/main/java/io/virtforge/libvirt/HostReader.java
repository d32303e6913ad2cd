package io.virtforge.libvirt;

import io.virtforge.connect.LibvirtErrors;
import io.virtforge.libvirt.jna.FreePages;
import io.virtforge.libvirt.jna.NativeFlags;
import io.virtforge.libvirt.jna.NativeLibvirt;
import io.virtforge.libvirt.jna.NativeLibvirtException;
import io.virtforge.topology.CapabilitiesXml;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.HugePagePool;
import io.virtforge.topology.NodeDevice;
import io.virtforge.topology.NodeDeviceXml;
import io.virtforge.topology.NumaNode;
import io.virtforge.value.PageSize;
import io.virtforge.xml.XmlParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the host from libvirt: capabilities, PCI, network and mediated node devices, live free huge pages. */
final class HostReader {
    private static final Logger LOG = LoggerFactory.getLogger(HostReader.class);

    private HostReader() {
    }

    /**
     * The host topology: {@code virConnectGetCapabilities} plus the PCI functions (mediated device parents with
     * their types among them), network interfaces and active mediated devices of {@code virConnectListAllNodeDevices}.
     * A driver without node devices (NO_SUPPORT) gives none.
     */
    static HostTopology topology(Connect conn) throws LibvirtException {
        HostTopology.Builder b = CapabilitiesXml.read(XmlParser.defaults().parse(conn.getCapabilities()));
        List<NodeDevice> devices = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try {
            names.addAll(NativeLibvirt.listAllNodeDeviceNames(conn,
                    NativeFlags.LIST_NODE_DEVICES_CAP_PCI_DEV | Flags.LIST_NODE_DEVICES_CAP_NET));
            names.addAll(activeMdevs(conn));
        } catch (NativeLibvirtException e) {
            if (!e.isUnsupported()) {
                throw e;
            }
            LOG.debug("{}: no node devices ({})", conn.getURI(), e.libvirtMessage());
        }
        for (String name : names) {
            read(conn, name).ifPresent(devices::add);
        }
        return NodeDeviceXml.addTo(b, devices).build();
    }

    /** A node device, or empty when it went away meanwhile (hot-unplugged, an mdev removed). */
    private static Optional<NodeDevice> read(Connect conn, String name) {
        try {
            return Optional.of(NodeDeviceXml.parse(NativeLibvirt.nodeDeviceXml(conn, name, 0)));
        } catch (NativeLibvirtException e) {
            if (e.code() != LibvirtErrors.VIR_ERR_NO_NODE_DEVICE) {
                throw e;
            }
            LOG.debug("node device {} went away while reading the host", name);
            return Optional.empty();
        }
    }

    /**
     * The mediated devices that exist now (capability {@code mdev}): libvirt 7.3 and later also list the defined,
     * inactive ones, which are no instance of the host yet. A driver without {@code virNodeDeviceIsActive} lists only
     * what exists.
     */
    private static List<String> activeMdevs(Connect conn) {
        List<String> active = new ArrayList<>();
        for (String name : NativeLibvirt.listAllNodeDeviceNames(conn, Flags.LIST_NODE_DEVICES_CAP_MDEV)) {
            try {
                if (NativeLibvirt.nodeDeviceStatus(conn, name).active()) {
                    active.add(name);
                }
            } catch (NativeLibvirtException e) {
                if (e.isUnsupported()) {
                    active.add(name);
                } else if (e.code() != LibvirtErrors.VIR_ERR_NO_NODE_DEVICE) {
                    throw e;
                }
            }
        }
        return active;
    }

    /**
     * The topology with each huge page pool's live free count ({@code virNodeGetFreePages}, one query per
     * node), where the driver gives one; pools stay totals-only otherwise.
     */
    static HostTopology withFreePages(Connect conn, HostTopology host) {
        HostTopology.Builder b = null;
        for (NumaNode node : host.nodes()) {
            List<HugePagePool> pools = new ArrayList<>(node.hugePages().values());
            if (pools.isEmpty()) {
                continue;
            }
            int[] sizes = pools.stream().mapToInt(p -> (int) p.size().kib()).toArray();
            FreePages free;
            try {
                free = NativeLibvirt.freePages(conn, sizes, node.id(), 1);
            } catch (NativeLibvirtException e) {
                if (!e.isUnsupported()) {
                    throw e;
                }
                LOG.debug("no live free page counts: {}", e.libvirtMessage());
                return host;
            }
            if (b == null) {
                b = host.toBuilder();
            }
            for (HugePagePool p : pools) {
                long f = free.count(node.id(), (int) p.size().kib());
                b.hugePages(node.id(), HugePagePool.of(p.size(), p.total(), Math.max(0, Math.min(f, p.total()))));
            }
        }
        return b == null ? host : b.build();
    }

    /** The pool size (total pages) of one page size on one node, as the capabilities report it now. */
    static long poolTotal(Connect conn, int node, PageSize size) throws LibvirtException {
        HostTopology host = CapabilitiesXml.parse(conn.getCapabilities());
        return host.node(node).flatMap(n -> n.pool(size)).map(HugePagePool::total).orElse(0L);
    }
}
