package io.virtforge.cli;

import io.virtforge.build.DomainBuilder;
import io.virtforge.check.Finding;
import io.virtforge.check.Report;
import io.virtforge.check.Validator;
import io.virtforge.connect.Scope;
import io.virtforge.connect.VirtConnection;
import io.virtforge.connect.VirtDomain;
import io.virtforge.host.pci.IommuGroups;
import io.virtforge.host.pci.IommuGroupInfo;
import io.virtforge.host.pci.IommuGroupMember;
import io.virtforge.host.pci.VfioBinder;
import io.virtforge.host.pci.VfioBinding;
import io.virtforge.host.pci.VfioOptions;
import io.virtforge.host.sysfs.Sysfs;
import io.virtforge.json.Json;
import io.virtforge.model.Domain;
import io.virtforge.model.Hostdev;
import io.virtforge.topology.DomainFootprint;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.PciDevice;
import io.virtforge.value.PciAddress;
import io.virtforge.value.ValueFormatException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code virtforge gpu-passthrough ADDRESS VM}: passes a PCI device (a GPU, a NIC, an NVMe drive) through
 * to a VM with VFIO. Shows the device's IOMMU group and whether it can be assigned; with {@code --bind}
 * moves the device, or every endpoint of its group, to vfio-pci as a transaction (else libvirt binds the
 * managed device at start, which works only when the rest of the group is free); adds the
 * {@code <hostdev>} to the VM's persistent definition; and checks the device's NUMA locality against the
 * VM's node(s). With {@code --mdev-type T} it gives the VM a vGPU of the GPU instead ({@link VgpuPassthrough}).
 * Every change is undone when a later step fails.
 */
@Command(name = "gpu-passthrough", sortOptions = false,
        description = {"Pass a PCI device through to a VM: IOMMU group and viability, optional vfio-pci binding "
                + "(--bind), a <hostdev> in the VM's persistent definition, the NUMA-locality check; or a vGPU of the "
                + "GPU (--mdev-type).",
                "Exit 0 when added, 1 when refused or failed (non-viable group, no IOMMU), 2 on bad input."})
final class GpuPassthroughCommand implements Callable<Integer> {
    private static final Set<String> DEVICE_CODES = Set.of("DEVICE_MISSING", "DEVICE_BUSY", "IOMMU_GROUP_NOT_VIABLE",
            "DEVICE_NUMA_REMOTE", "VF_MISSING", "DUPLICATE_HOSTDEV");

    @Spec
    CommandSpec spec;
    @Mixin
    ConnectOption connect;
    @Parameters(index = "0", paramLabel = "ADDRESS", description = "The host PCI function, e.g. 0000:17:00.0.")
    String address;
    @Parameters(index = "1", paramLabel = "VM", description = "The domain to give it to (its persistent definition).")
    String vmName;
    @Option(names = "--bind", description = "Bind the device (or every endpoint of its IOMMU group) to vfio-pci now, "
            + "as a transaction, and add it unmanaged; without it the hostdev is managed and libvirt binds it at start.")
    boolean bind;
    @Option(names = "--mdev-type", paramLabel = "T", description = "Give the VM a vGPU instead: create an instance "
            + "of mediated device type T (e.g. nvidia-588) on the GPU and add it as <hostdev type='mdev'>; removed "
            + "again when a later step fails.")
    String mdevType;
    @Option(names = "--json", description = "Print the outcome as JSON.")
    boolean json;

    private final Map<String, Object> result = JsonText.object();
    private final StringBuilder text = new StringBuilder();

    @Override
    public Integer call() {
        PciAddress device;
        try {
            device = PciAddress.parse(address);
        } catch (ValueFormatException e) {
            throw CliException.badInput("ADDRESS: " + e.getMessage());
        }
        result.put("ok", false);
        result.put("device", device.format());
        result.put("vm", vmName);
        try (Connector.Lease lease = connect.open()) {
            try {
                run(lease.connection(), device);
                result.put("ok", true);
                return Virtforge.OK;
            } catch (CliException e) {
                result.put("error", e.getMessage());
                throw e;
            } finally {
                PrintWriter out = spec.commandLine().getOut();
                out.print(json ? Json.write(result) + "\n" : text.toString());
                out.flush();
            }
        }
    }

    private void run(VirtConnection c, PciAddress address) {
        HostTopology t = c.topology();
        PciDevice dev = t.pciDevice(address).orElseThrow(() -> CliException.badInput("no PCI device " + address.format()
                + " on " + c.uri()));
        VirtDomain vm = c.lookup(vmName).orElseThrow(() -> CliException.badInput("no domain '" + vmName + "' on "
                + c.uri()));
        Domain def = vm.definition();
        boolean already = def.devices().hostdevs().stream().anyMatch(h -> h.sourcePci().filter(address::equals)
                .isPresent());
        if (already) {
            throw CliException.problem(vmName + " has " + address.format() + " already");
        }
        Set<Integer> vmNodes = nodesOf(def, t);
        text.append("Device ").append(address.format()).append(" [").append(dev.ids()).append(']')
                .append(dev.productName().map(p -> " " + p).orElse("")).append(", driver ")
                .append(dev.driver().orElse("none")).append(", NUMA node ")
                .append(dev.numaNode().isPresent() ? Integer.toString(dev.numaNode().getAsInt()) : "unknown").append('\n');
        text.append("VM ").append(vmName).append(" (").append(vm.state().name().toLowerCase(java.util.Locale.ROOT))
                .append("): ").append(vmNodes.isEmpty() ? "not bound to host nodes"
                        : "on host " + Counts.nodes(io.virtforge.value.NodeSet.of(List.copyOf(vmNodes)))).append('\n');
        result.put("deviceNode", dev.numaNode().isPresent() ? dev.numaNode().getAsInt() : null);
        result.put("vmNodes", new ArrayList<>(vmNodes));

        Sysfs sysfs = HostAccess.requireSysfs(c, "gpu-passthrough");
        if (mdevType != null) {
            if (bind) {
                throw CliException.badInput("--bind moves the whole GPU to vfio-pci; a vGPU (--mdev-type) needs the GPU "
                        + "on its vendor's driver");
            }
            new VgpuPassthrough(result, text, spec.commandLine().getErr()).run(c, vm, def, address, mdevType, sysfs,
                    vfioOptions(c));
            return;
        }
        IommuGroups iommu = new IommuGroups(sysfs);
        if (!iommu.status().enabled()) {
            text.append("IOMMU: off\n");
            throw CliException.problem(address.format() + " has no IOMMU group: the host IOMMU is off; enable VT-d/AMD-Vi "
                    + "in the firmware and boot with intel_iommu=on iommu=pt (or amd_iommu=on)");
        }
        OptionalInt groupId = iommu.groupOf(address);
        if (groupId.isEmpty()) {
            text.append("IOMMU group: none\n");
            throw CliException.problem(address.format() + " has no IOMMU group: " + (iommu.status().enabled()
                    ? "the kernel did not put it in one" : "the host IOMMU is off; enable VT-d/AMD-Vi in the firmware "
                    + "and boot with intel_iommu=on iommu=pt (or amd_iommu=on)"));
        }
        IommuGroupInfo group = iommu.group(groupId.getAsInt()).orElseThrow();
        List<IommuGroupMember> others = group.blockers().stream().filter(m -> !m.address().equals(address)).toList();
        describe(group, address, others);

        Undo undo = new Undo(new Progress(spec.commandLine().getErr()));
        try {
            if (bind) {
                VfioBinder binder = new VfioBinder(sysfs, vfioOptions(c));
                long endpoints = group.members().stream().filter(m -> !m.isBridge()).count();
                Progress.Step step = new Progress(spec.commandLine().getErr()).start("binding "
                        + (endpoints > 1 ? "IOMMU group " + group.id() : address.format()) + " to vfio-pci");
                VfioBinding binding;
                try {
                    binding = endpoints > 1 ? binder.bindGroup(address) : binder.bind(address);
                } catch (RuntimeException e) {
                    step.failed();
                    throw e;
                }
                step.done("moved " + binding.devices());
                result.put("bound", binding.devices().stream().map(PciAddress::format).toList());
                text.append("Bound to vfio-pci: ").append(binding.devices().isEmpty() ? "nothing to move"
                        : binding.devices().stream().map(PciAddress::format).toList()).append('\n');
                undo.push("give " + binding.devices() + " back to their drivers", () -> binder.release(binding));
            } else if (!others.isEmpty()) {
                throw CliException.problem("IOMMU group " + group.id() + " of " + address.format() + " is not viable: "
                        + String.join(", ", others.stream().map(m -> m.address().format() + " ("
                                + m.driver().orElse("?") + ")").toList()) + " stay on host drivers, and a group goes to "
                        + "one guest whole; libvirt would detach only " + address.format() + " and the VM would not "
                        + "start. Pass --bind to move every endpoint of the group to vfio-pci, or pass them through too");
            }
            Hostdev hostdev = Hostdev.pci(address, !bind).build();
            result.put("managed", !bind);
            Domain wouldBe = DomainBuilder.from(def).device(hostdev).assemble();
            Report report = Validator.latencySensitive().validate(wouldBe, c.hostState());
            List<Finding> findings = report.findings().stream().filter(f -> DEVICE_CODES.contains(f.code())).toList();
            result.put("findings", findings);
            text.append("Device checks against the host: ");
            text.append(findings.isEmpty() ? "the device is on the VM's node and its group can be assigned\n" : "\n");
            VgpuPassthrough.refuseErrors(text, findings, "the device cannot be given to " + vmName);
            Progress.Step step = new Progress(spec.commandLine().getErr()).start("adding the hostdev to " + vmName
                    + "'s persistent definition");
            try {
                vm.attachDevice(hostdev, Scope.CONFIG);
            } catch (RuntimeException e) {
                step.failed();
                throw e;
            }
            step.done("");
            result.put("attached", true);
            text.append("Added <hostdev mode='subsystem' type='pci' managed='").append(bind ? "no" : "yes")
                    .append("'> for ").append(address.format()).append(" to ").append(vmName)
                    .append("'s persistent definition: it takes effect at the VM's next start.\n");
            undo.commit();
        } catch (RuntimeException e) {
            Undo.Outcome outcome = undo.run();
            String why = e instanceof CliException ? e.getMessage() : e.getMessage();
            throw new CliException(Virtforge.PROBLEM, why + (outcome.undone().isEmpty() && outcome.failed().isEmpty()
                    ? "" : "; " + outcome.describe()), e);
        }
    }

    private void describe(IommuGroupInfo group, PciAddress address, List<IommuGroupMember> others) {
        text.append("IOMMU group ").append(group.id()).append(":\n");
        List<Object> members = new ArrayList<>();
        for (IommuGroupMember m : group.members()) {
            String role = m.address().equals(address) ? "the device" : m.isBridge() ? "PCI bridge: does not count"
                    : m.blocksAssignment() ? "BLOCKS the group: an endpoint on a host driver"
                    : "on vfio-pci or unbound: fine";
            text.append("  ").append(m.address().format()).append("  ").append(m.driver().orElse("(no driver)"))
                    .append("  ").append(role).append('\n');
            members.add(JsonText.object("address", m.address().format(), "driver", m.driver().orElse(null),
                    "bridge", m.isBridge(), "blocks", m.blocksAssignment() && !m.address().equals(address)));
        }
        boolean viable = others.isEmpty();
        text.append("  viable for ").append(address.format()).append(": ").append(viable ? "yes" : "no, "
                + others.size() + " other endpoint(s) on host drivers").append('\n');
        result.put("iommuGroup", JsonText.object("id", group.id(), "members", members, "viable", viable));
    }

    private static Set<Integer> nodesOf(Domain def, HostTopology t) {
        DomainFootprint f = DomainFootprint.of(def, t);
        Set<Integer> nodes = new TreeSet<>(t.nodesOf(f.vcpuPins()));
        f.cells().forEach(cell -> cell.hostNodes().ifPresent(ns -> {
            for (int n : ns.toArray()) {
                nodes.add(n);
            }
        }));
        return nodes;
    }

    private static VfioOptions vfioOptions(VirtConnection c) {
        if (HostAccess.kindOf(c) == HostAccess.Kind.FAKE) {
            // the fake host's binder must not contend for this machine's real lock
            Path lock = Path.of(System.getProperty("java.io.tmpdir"), "virtforge-fake-vfio-"
                    + ProcessHandle.current().pid() + ".lock");
            lock.toFile().deleteOnExit();
            return VfioOptions.defaults().withLockFile(lock);
        }
        return VfioOptions.defaults();
    }
}
