package io.virtforge.connect;

import io.virtforge.model.DomainType;
import io.virtforge.model.XmlEnum;
import io.virtforge.xml.XmlElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a host offers for guests of one domain type and architecture ({@code virsh capabilities}, its
 * {@code <guest>} elements of OS type {@code hvm}): the emulator and the machine types, so that a caller can
 * refuse {@code <domain type='kvm'>} on a host without a usable {@code /dev/kvm}, or an unknown
 * {@code <os><type machine>}, before defining anything. A host that offers nothing for the pair is
 * {@linkplain #offered() not offered}: no emulator and no machines.
 *
 * @param type     the domain type asked about
 * @param arch     the guest architecture asked about, e.g. {@code x86_64}
 * @param offered  whether the host can run such guests at all
 * @param emulator the emulator's path, e.g. {@code /usr/bin/qemu-system-x86_64}; empty when not offered (or
 *                 when the host names none)
 * @param machines the machine types, in the host's order, with their canonical names; may be empty for an
 *                 offered guest of a driver without machine types (libvirt's test driver)
 */
public record GuestSupport(DomainType type, String arch, boolean offered, Optional<String> emulator,
        List<Machine> machines) {

    /**
     * One machine type: {@code <machine canonical='pc-q35-7.2'>q35</machine>} is an alias; a versioned name
     * such as {@code pc-q35-7.2} has no canonical one.
     *
     * @param name      the name to give in {@code <os><type machine>}, e.g. {@code q35}
     * @param canonical the versioned machine it stands for, when it is an alias
     */
    public record Machine(String name, Optional<String> canonical) {
        /** Checks the name. */
        public Machine {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(canonical, "canonical");
        }

        /** A versioned machine (no alias). */
        public static Machine of(String name) {
            return new Machine(name, Optional.empty());
        }

        /** An alias for {@code canonical}. */
        public static Machine alias(String name, String canonical) {
            return new Machine(name, Optional.of(canonical));
        }

        /** {@code q35 (pc-q35-7.2)} for an alias, the name otherwise. */
        @Override
        public String toString() {
            return canonical.map(c -> name + " (" + c + ")").orElse(name);
        }
    }

    /** Checks the fields and copies the list. */
    public GuestSupport {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(emulator, "emulator");
        machines = List.copyOf(machines);
        if (!offered && (emulator.isPresent() || !machines.isEmpty())) {
            throw new IllegalArgumentException("an emulator or machines for guests that are not offered");
        }
    }

    /** The answer for a pair the host does not offer. */
    public static GuestSupport notOffered(DomainType type, String arch) {
        return new GuestSupport(type, arch, false, Optional.empty(), List.of());
    }

    /** What the host offers: an emulator and its machine types for guests of this type and architecture. */
    public static GuestSupport of(DomainType type, String arch, String emulator, List<Machine> machines) {
        return new GuestSupport(type, arch, true, Optional.of(emulator), machines);
    }

    /**
     * Whether {@code machine} is one of the machine types, by name or canonical name ({@code q35} and
     * {@code pc-q35-7.2} both match an alias {@code q35 -> pc-q35-7.2}); true for any machine when the host
     * lists none (a driver without machine types).
     */
    public boolean supportsMachine(String machine) {
        Objects.requireNonNull(machine, "machine");
        if (!offered()) {
            return false;
        }
        if (machines.isEmpty()) {
            return true;
        }
        return machines.stream().anyMatch(m -> m.name().equals(machine) || m.canonical().filter(machine::equals).isPresent());
    }

    /**
     * Reads the answer from libvirt's host capabilities ({@code virConnectGetCapabilities}): the first
     * {@code <guest>} of OS type {@code hvm} whose {@code <arch name>} is {@code arch} and that has a
     * {@code <domain type>} for {@code type}. A {@code <domain>} may carry its own {@code <emulator>} and
     * {@code <machine>}s (older Xen and KVM hosts), which then replace the arch's.
     *
     * @param capabilities the root {@code <capabilities>} element
     */
    public static GuestSupport fromCapabilities(XmlElement capabilities, DomainType type, String arch) {
        Objects.requireNonNull(capabilities, "capabilities");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(arch, "arch");
        for (XmlElement guest : capabilities.elements("guest")) {
            boolean hvm = guest.element("os_type").map(XmlElement::text).map(String::strip).filter("hvm"::equals).isPresent();
            if (!hvm) {
                continue;
            }
            for (XmlElement a : guest.elements("arch")) {
                if (!a.attribute("name").filter(arch::equals).isPresent()) {
                    continue;
                }
                for (XmlElement d : a.elements("domain")) {
                    Optional<DomainType> t = XmlEnum.lookup(DomainType.class, d.attribute("type").orElse(null));
                    if (t.filter(type::equals).isEmpty()) {
                        continue;
                    }
                    Optional<String> emulator = text(d.element("emulator")).or(() -> text(a.element("emulator")));
                    List<Machine> machines = machines(d);
                    if (machines.isEmpty()) {
                        machines = machines(a);
                    }
                    return new GuestSupport(type, arch, true, emulator, machines);
                }
            }
        }
        return notOffered(type, arch);
    }

    private static Optional<String> text(Optional<XmlElement> e) {
        return e.map(XmlElement::text).map(String::strip).filter(s -> !s.isEmpty());
    }

    private static List<Machine> machines(XmlElement parent) {
        List<Machine> list = new ArrayList<>();
        for (XmlElement m : parent.elements("machine")) {
            String name = m.text().strip();
            if (!name.isEmpty()) {
                list.add(new Machine(name, m.attribute("canonical").filter(c -> !c.isBlank())));
            }
        }
        return list;
    }
}
