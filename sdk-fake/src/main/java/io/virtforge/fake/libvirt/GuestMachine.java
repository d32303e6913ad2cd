package io.virtforge.fake.libvirt;

import io.virtforge.connect.GuestSupport;
import io.virtforge.model.Domain;
import io.virtforge.xml.XmlElement;
import java.util.List;
import java.util.Optional;

/**
 * The guest's architecture and machine type as the QEMU driver's device rules see them (its
 * {@code qemuDomainIsQ35}, {@code qemuDomainIsARMVirt}, {@code qemuDomainIsPSeries}... in qemu_domain.c), and the
 * raw XML the rules read; {@code machineName} is the machine as libvirt names it in messages, an alias resolved
 * to its versioned machine ({@code pc} to {@code pc-i440fx-7.2}). An absent architecture is the host's; an absent machine on x86 is QEMU 7.2's default
 * there, an i440FX; elsewhere an absent machine is unknown and the rules that need one leave the document alone.
 */
record GuestMachine(String arch, Optional<String> machine, String machineName, XmlElement xml) {

    /** The guest of a definition, on a host of an architecture offering these guests (for machine aliases). */
    static GuestMachine of(Domain d, String hostArch, List<GuestSupport> guests) {
        String arch = d.os().flatMap(o -> o.arch()).orElse(hostArch);
        Optional<String> machine = d.os().flatMap(o -> o.machine());
        if (machine.isEmpty() && isX86(arch)) {
            machine = Optional.of("pc");
        }
        String type = d.typeAsString().orElse("");
        String given = machine.orElse("");
        String canonical = guests.stream().filter(g -> g.arch().equals(arch) && g.type().xmlValue().equals(type))
                .flatMap(g -> g.machines().stream()).filter(m -> m.name().equals(given))
                .flatMap(m -> m.canonical().stream()).findFirst().orElse(given);
        return new GuestMachine(arch, machine, canonical, d.xml());
    }

    boolean isX86() {
        return isX86(arch);
    }

    private static boolean isX86(String arch) {
        return arch.equals("x86_64") || arch.equals("i686");
    }

    boolean isS390() {
        return arch.startsWith("s390");
    }

    boolean isPpc64() {
        return arch.equals("ppc64") || arch.equals("ppc64le");
    }

    /** Whether the machine is known: the rules "only on machine X" say nothing of an unknown one. */
    boolean machineKnown() {
        return machine.isPresent();
    }

    boolean isQ35() {
        return isX86() && machine.map(m -> MachineFamily.of(m) == MachineFamily.Q35).orElse(false);
    }

    boolean isI440fx() {
        return isX86() && machine.map(m -> MachineFamily.of(m) == MachineFamily.I440FX).orElse(false);
    }

    boolean isArmVirt() {
        return (arch.equals("aarch64") || arch.equals("armv7l") || arch.equals("armv6l")) && named("virt");
    }

    boolean isRiscvVirt() {
        return arch.startsWith("riscv") && named("virt");
    }

    boolean isPSeries() {
        return isPpc64() && named("pseries");
    }

    private boolean named(String family) {
        return machine.map(m -> m.equals(family) || m.startsWith(family + "-")).orElse(false);
    }

    // ---- the raw document

    /** The element at a path of names under {@code <domain>}, e.g. {@code "os", "loader"}. */
    Optional<XmlElement> at(String... path) {
        XmlElement e = xml;
        for (String name : path) {
            Optional<XmlElement> next = e.element(name);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            e = next.get();
        }
        return Optional.of(e);
    }

    /** The devices of one kind, e.g. {@code "controller"}, in document order. */
    List<XmlElement> devices(String kind) {
        return at("devices").map(d -> d.elements(kind)).orElse(List.of());
    }

    /** Whether a feature under {@code <features>} is on (present and not {@code state='off'}). */
    boolean featureOn(String feature) {
        return at("features", feature).map(f -> !"off".equals(f.attribute("state").orElse("on"))).orElse(false);
    }

    /** The number of guest NUMA cells ({@code <cpu><numa><cell>}). */
    int numaCells() {
        return at("cpu", "numa").map(n -> n.elements("cell").size()).orElse(0);
    }

    /** An attribute of a child element, e.g. {@code <model type>} of a device. */
    static Optional<String> childAttribute(XmlElement e, String child, String attribute) {
        return e.element(child).flatMap(c -> c.attribute(attribute));
    }

    /** The type of a device's {@code <address>}, empty when it has none. */
    static Optional<String> addressType(XmlElement device) {
        return childAttribute(device, "address", "type");
    }
}
