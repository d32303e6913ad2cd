package io.virtforge.testkit.assertions;

import io.virtforge.model.CpuTune;
import io.virtforge.model.Domain;
import io.virtforge.model.HugePage;
import io.virtforge.model.MemoryBacking;
import io.virtforge.model.NumaMode;
import io.virtforge.model.NumaTune;
import io.virtforge.model.VcpuPin;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.NodeSet;
import io.virtforge.value.PageSize;
import io.virtforge.value.PciAddress;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a {@link Domain}: pinning, memory and huge pages, NUMA layout and binding, devices. Failure
 * messages say what the domain has instead.
 *
 * <p>Placement assertions (which host CPUs and nodes the planner chose) belong in this class too, once the
 * planner exists: see the "placement" section at the end.
 */
public final class DomainAssert extends AbstractAssert<DomainAssert, Domain> {
    DomainAssert(Domain actual) {
        super(actual, DomainAssert.class);
    }

    private String name() {
        return "domain '" + actual.name() + "'";
    }

    private List<VcpuPin> pins() {
        return actual.cputune().map(CpuTune::vcpuPins).orElse(List.of());
    }

    private String describePins() {
        List<VcpuPin> pins = pins();
        return pins.isEmpty() ? "no vCPU pins" : "pins " + pins.stream()
                .map(p -> p.vcpu() + "->" + p.cpuset().format()).collect(Collectors.joining(", "));
    }

    /** The domain has this name. */
    public DomainAssert hasName(String expected) {
        isNotNull();
        if (!actual.name().equals(expected)) {
            failWithMessage("Expecting domain named '%s' but it is named '%s'", expected, actual.name());
        }
        return this;
    }

    /** The domain has this many vCPUs. */
    public DomainAssert hasVcpus(int expected) {
        isNotNull();
        if (actual.vcpuCount() != expected) {
            failWithMessage("Expecting %s to have %d vCPUs but it has %d", name(), expected, actual.vcpuCount());
        }
        return this;
    }

    /** vCPU {@code vcpu} is pinned to exactly these host CPUs. */
    public DomainAssert hasVcpuPinnedTo(int vcpu, int... cpus) {
        isNotNull();
        CpuSet expected = CpuSet.of(cpus);
        Optional<CpuSet> pin = actual.cputune().flatMap(t -> t.vcpuPin(vcpu)).map(VcpuPin::cpuset);
        if (pin.isEmpty()) {
            failWithMessage("Expecting %s to pin vCPU %d to host CPUs %s but vCPU %d is not pinned (%s)", name(), vcpu,
                    expected.format(), vcpu, describePins());
        } else if (!pin.get().equals(expected)) {
            failWithMessage("Expecting %s to pin vCPU %d to host CPUs %s but it pins it to %s", name(), vcpu,
                    expected.format(), pin.get().format());
        }
        return this;
    }

    /** No vCPU is pinned. */
    public DomainAssert hasNoVcpuPins() {
        isNotNull();
        if (!pins().isEmpty()) {
            failWithMessage("Expecting %s to pin no vCPU but it %s", name(), describePins());
        }
        return this;
    }

    /** The emulator threads are pinned to exactly these host CPUs. */
    public DomainAssert hasEmulatorPinnedTo(int... cpus) {
        isNotNull();
        CpuSet expected = CpuSet.of(cpus);
        Optional<CpuSet> pin = actual.cputune().flatMap(CpuTune::emulatorPin);
        if (pin.isEmpty()) {
            failWithMessage("Expecting %s to pin its emulator threads to host CPUs %s but they are not pinned", name(),
                    expected.format());
        } else if (!pin.get().equals(expected)) {
            failWithMessage("Expecting %s to pin its emulator threads to host CPUs %s but it pins them to %s", name(),
                    expected.format(), pin.get().format());
        }
        return this;
    }

    /** I/O thread {@code iothread} is pinned to exactly these host CPUs. */
    public DomainAssert hasIothreadPinnedTo(int iothread, int... cpus) {
        isNotNull();
        CpuSet expected = CpuSet.of(cpus);
        Optional<CpuSet> pin = actual.cputune().flatMap(t -> t.iothreadPins().stream()
                .filter(p -> p.iothread() == iothread).findFirst()).map(p -> p.cpuset());
        if (pin.isEmpty() || !pin.get().equals(expected)) {
            failWithMessage("Expecting %s to pin I/O thread %d to host CPUs %s but %s", name(), iothread,
                    expected.format(), pin.map(p -> "it pins it to " + p.format()).orElse("it is not pinned"));
        }
        return this;
    }

    /** {@code <memory>} is this size. */
    public DomainAssert hasMemory(DataSize expected) {
        isNotNull();
        Optional<DataSize> memory = actual.memory();
        if (memory.isEmpty() || memory.get().bytes() != expected.bytes()) {
            failWithMessage("Expecting %s to have %s of memory but it has %s", name(), expected,
                    memory.map(DataSize::toString).orElse("no <memory>"));
        }
        return this;
    }

    /** {@code <currentMemory>} (the balloon target) is this size. */
    public DomainAssert hasCurrentMemory(DataSize expected) {
        isNotNull();
        Optional<DataSize> current = actual.currentMemory();
        if (current.isEmpty() || current.get().bytes() != expected.bytes()) {
            failWithMessage("Expecting %s to have a current memory of %s but it has %s", name(), expected,
                    current.map(DataSize::toString).orElse("no <currentMemory>"));
        }
        return this;
    }

    private List<PageSize> hugePageSizes() {
        MemoryBacking mb = actual.memoryBacking().orElse(null);
        if (mb == null || !mb.hugepages()) {
            return List.of();
        }
        if (mb.pages().isEmpty()) {
            return List.of(PageSize.MIB_2);
        }
        // a <page> whose size is no page size backs nothing
        return mb.pages().stream().map(HugePage::size).flatMap(Optional::stream).distinct().toList();
    }

    /**
     * The memory is backed by huge pages of this size (a {@code <hugepages/>} without a page size counts as
     * 2 MiB, libvirt's default on x86).
     */
    public DomainAssert usesHugepages(PageSize expected) {
        isNotNull();
        List<PageSize> sizes = hugePageSizes();
        if (!sizes.contains(expected)) {
            failWithMessage("Expecting %s to be backed by %s huge pages but %s", name(), expected,
                    sizes.isEmpty() ? "it uses no huge pages" : "it uses " + sizes);
        }
        return this;
    }

    /** The memory is not backed by huge pages. */
    public DomainAssert doesNotUseHugepages() {
        isNotNull();
        List<PageSize> sizes = hugePageSizes();
        if (!sizes.isEmpty()) {
            failWithMessage("Expecting %s to use no huge pages but it uses %s", name(), sizes);
        }
        return this;
    }

    /** The guest has this many NUMA cells (0: no guest NUMA). */
    public DomainAssert hasNumaCells(int expected) {
        isNotNull();
        int cells = actual.cpu().map(c -> c.numaCells().size()).orElse(0);
        if (cells != expected) {
            failWithMessage("Expecting %s to have %d guest NUMA cells but it has %d", name(), expected, cells);
        }
        return this;
    }

    private Optional<NumaTune.Memory> numaMemory() {
        return actual.numatune().flatMap(NumaTune::memory);
    }

    /** {@code <numatune><memory>} binds the memory to exactly these host nodes. */
    public DomainAssert hasMemoryOnNodes(NodeSet expected) {
        isNotNull();
        Optional<NodeSet> nodes = numaMemory().flatMap(NumaTune.Memory::nodeset);
        if (nodes.isEmpty() || !nodes.get().equals(expected)) {
            failWithMessage("Expecting %s to bind its memory to host nodes %s but %s", name(), expected.format(),
                    nodes.map(n -> "it binds it to " + n.format()).orElse("it binds it to no node"));
        }
        return this;
    }

    /** The {@code <numatune><memory>} mode (strict when unset, as libvirt). */
    public DomainAssert hasNumaMode(NumaMode expected) {
        isNotNull();
        NumaMode mode = numaMemory().flatMap(NumaTune.Memory::mode).orElse(NumaMode.STRICT);
        if (mode != expected) {
            failWithMessage("Expecting %s to use NUMA mode %s but it uses %s", name(), expected, mode);
        }
        return this;
    }

    /** The domain passes this host PCI function through (a hostdev or an SR-IOV NIC). */
    public DomainAssert hasHostdev(PciAddress expected) {
        isNotNull();
        List<PciAddress> sources = actual.devices().hostdevs().stream().flatMap(h -> h.sourcePci().stream()).toList();
        List<PciAddress> vfs = actual.devices().interfaces().stream().flatMap(n -> n.sourcePci().stream()).toList();
        if (!sources.contains(expected) && !vfs.contains(expected)) {
            failWithMessage("Expecting %s to pass host device %s through but it passes %s", name(), expected,
                    sources.isEmpty() && vfs.isEmpty() ? "none" : sources + " " + vfs);
        }
        return this;
    }

    /** The domain has a disk with this target (e.g. {@code vda}). */
    public DomainAssert hasDisk(String target) {
        isNotNull();
        List<String> targets = actual.devices().disks().stream().flatMap(d -> d.targetDev().stream()).toList();
        if (!targets.contains(target)) {
            failWithMessage("Expecting %s to have disk %s but its disks are %s", name(), target, targets);
        }
        return this;
    }

    // ---- placement: assertions on the planner's choices (isPlacedOn(...), keepsOffCpus(...)) go here when it exists
}
