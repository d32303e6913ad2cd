package io.virtforge.check;

import io.virtforge.model.Device;
import io.virtforge.model.Domain;
import io.virtforge.model.Hostdev;
import io.virtforge.model.NetInterface;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.IommuGroup;
import io.virtforge.topology.PciDevice;
import io.virtforge.value.PciAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Host rules on passthrough devices: present, free, in a viable IOMMU group, on the VM's node. */
final class DeviceRules {
    private DeviceRules() {
    }

    static final Rule DEVICE_MISSING = Rule.of("DEVICE_MISSING", Severity.ERROR, true, DeviceRules::missing);
    static final Rule DEVICE_BUSY = Rule.of("DEVICE_BUSY", Severity.ERROR, true, DeviceRules::busy);
    static final Rule IOMMU_GROUP_NOT_VIABLE = Rule.of("IOMMU_GROUP_NOT_VIABLE", Severity.ERROR, true,
            DeviceRules::viable);
    static final Rule DEVICE_NUMA_REMOTE = Rule.of("DEVICE_NUMA_REMOTE", Severity.WARNING, true,
            DeviceRules::remote);
    static final Rule VF_MISSING = Rule.of("VF_MISSING", Severity.ERROR, true, DeviceRules::vfMissing);

    static final List<Rule> ALL = List.of(DEVICE_MISSING, DEVICE_BUSY, IOMMU_GROUP_NOT_VIABLE, DEVICE_NUMA_REMOTE,
            VF_MISSING);

    /** A host PCI device the domain uses, where it is named, and whether libvirt manages its binding. */
    record Use(PciAddress address, String path, boolean vf, boolean managed) {
    }

    static List<Use> uses(Domain d) {
        List<Use> uses = new ArrayList<>();
        int hostdev = 0;
        int nic = 0;
        for (Device dev : d.devices().all()) {
            if (dev instanceof Hostdev h) {
                String path = Paths.device("hostdev", hostdev++) + "/source/address";
                h.sourcePci().ifPresent(a -> uses.add(new Use(a, path, false, h.managed().orElse(false))));
            } else if (dev instanceof NetInterface n) {
                String path = Paths.device("interface", nic++) + "/source/address";
                n.sourcePci().ifPresent(a -> uses.add(new Use(a, path, true, n.managed().orElse(false))));
            }
        }
        return uses;
    }

    private static void missing(CheckContext ctx, Findings out) {
        HostTopology host = ctx.topology();
        for (Use u : uses(ctx.domain())) {
            if (!u.vf() && host.pciDevice(u.address()).isEmpty()) {
                out.add(u.path(), "host PCI device " + u.address() + " does not exist",
                        "check the address with lspci -D or virsh nodedev-list --cap pci");
            }
        }
    }

    private static void vfMissing(CheckContext ctx, Findings out) {
        HostTopology host = ctx.topology();
        for (Use u : uses(ctx.domain())) {
            if (!u.vf()) {
                continue;
            }
            Optional<PciDevice> dev = host.pciDevice(u.address());
            if (dev.isEmpty()) {
                out.add(u.path(), "SR-IOV VF " + u.address() + " does not exist on the host",
                        "enable VFs on its PF (echo N > /sys/bus/pci/devices/PF/sriov_numvfs) and check the address");
            } else if (!dev.get().isVf()) {
                out.add(u.path(), u.address() + " is not an SR-IOV VF (it has no physical function)",
                        "use <hostdev> for a whole device, or the address of one of a PF's VFs");
            } else {
                PciAddress pf = dev.get().physfn().get();
                // a PF the host does not describe cannot say; only a PF that lists other VFs contradicts
                boolean listed = host.pciDevice(pf).map(p -> p.virtfns().contains(u.address())).orElse(true);
                if (!listed) {
                    out.add(u.path(), "VF " + u.address() + " is not among the VFs of its PF " + pf,
                            "re-read the host; the VFs may have been re-created");
                }
            }
        }
    }

    private static void busy(CheckContext ctx, Findings out) {
        String me = ctx.domain().name();
        for (Use u : uses(ctx.domain())) {
            ctx.host().assignedTo(u.address()).filter(d -> !d.equals(me)).ifPresent(other -> out.add(u.path(),
                    "host device " + u.address() + " is assigned to domain " + other,
                    "a PCI device can be assigned to one running domain; choose another device"));
        }
    }

    private static void viable(CheckContext ctx, Findings out) {
        HostTopology host = ctx.topology();
        List<Use> uses = uses(ctx.domain());
        Set<PciAddress> mine = new TreeSet<>();
        uses.forEach(u -> mine.add(u.address()));
        for (Use u : uses) {
            Optional<PciDevice> dev = host.pciDevice(u.address());
            if (dev.isEmpty()) {
                continue;
            }
            if (!host.iommuEnabled()) {
                out.add(u.path(), "the host IOMMU is off, so " + u.address() + " cannot be assigned with VFIO",
                        "enable it on the kernel command line (intel_iommu=on iommu=pt, or amd_iommu=on) and reboot");
                continue;
            }
            if (!u.managed() && !dev.get().boundToVfio()) {
                out.add(u.path(), u.address() + " is not bound to vfio-pci and the device is not managed",
                        "set managed='yes' or bind it first (virsh nodedev-detach)");
            }
            Optional<IommuGroup> group = dev.get().iommuGroup().stream().boxed().findFirst()
                    .flatMap(host::iommuGroup);
            for (PciAddress member : group.map(IommuGroup::devices).orElse(List.of())) {
                if (mine.contains(member)) {
                    continue;
                }
                PciDevice m = host.pciDevice(member).orElse(null);
                if (m == null || m.isBridge()) {
                    continue;
                }
                Optional<String> holder = ctx.host().assignedTo(member).filter(o -> !o.equals(ctx.domain().name()));
                if (holder.isPresent()) {
                    // VFIO hands a group to one guest: a group split between two domains fails at start
                    out.add(u.path(), "IOMMU group " + m.iommuGroup().getAsInt() + " of " + u.address()
                            + " also holds " + member + ", which is assigned to domain " + holder.get()
                            + "; one group cannot be split between guests",
                            "assign the whole group to one domain, or choose a device in another group");
                    continue;
                }
                String driver = m.driver().orElse(null);
                if (driver != null && !driver.equals("vfio-pci") && !driver.equals("pci-stub")) {
                    out.add(u.path(), "IOMMU group " + m.iommuGroup().getAsInt() + " of " + u.address() + " also holds "
                            + member + ", bound to host driver " + driver + "; the group cannot be given to a guest",
                            "assign " + member + " to this domain too, or unbind it from " + driver);
                }
            }
        }
    }

    /** The host nodes the domain runs on: those of its vCPU pins and of its cells' memory bindings. */
    static Set<Integer> domainNodes(CheckContext ctx) {
        Set<Integer> vmNodes = new TreeSet<>(ctx.topology().nodesOf(ctx.footprint().vcpuPins()));
        ctx.footprint().cells().forEach(c -> c.hostNodes().ifPresent(ns -> {
            for (int n : ns.toArray()) {
                vmNodes.add(n);
            }
        }));
        return vmNodes;
    }

    private static void remote(CheckContext ctx, Findings out) {
        HostTopology host = ctx.topology();
        Domain d = ctx.domain();
        Set<Integer> vmNodes = domainNodes(ctx);
        if (vmNodes.isEmpty()) {
            return;
        }
        for (Use u : uses(d)) {
            host.pciDevice(u.address()).ifPresent(dev -> dev.numaNode().ifPresent(node -> {
                if (!vmNodes.contains(node)) {
                    out.add(u.path(), "host device " + u.address() + " is on host node " + node
                            + " but the domain runs on node(s) " + vmNodes,
                            "use a device on node " + vmNodes.iterator().next() + ", or place the domain on node " + node);
                }
            }));
        }
    }
}
