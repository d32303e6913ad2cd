package io.virtforge.fake.libvirt;

import io.virtforge.connect.GuestSupport;
import io.virtforge.model.Domain;
import java.util.List;
import java.util.Optional;

/**
 * What the QEMU driver checks of a definition against the host's emulators when it parses it (its post-parse
 * step, before any device is looked at), in its order: the emulator binary exists (one the host's guests name;
 * by default the one for the guest's architecture), it runs guests of the domain's virtualization type, and it
 * knows the machine type (a default one when none is given), and runs guests of the domain's architecture. The
 * answers are libvirt 9.0's, as the
 * differential test against {@code qemu:///system} over libvirt's corpus found them
 * ({@code FakeDefineDifferentialIT} in sdk-libvirt).
 */
final class QemuDriverChecks {
    private QemuDriverChecks() {
    }

    static void check(Domain d, List<GuestSupport> guests, String hostArch) {
        String emulator = emulator(d, guests, hostArch);
        List<GuestSupport> byEmulator = guests.stream().filter(GuestSupport::offered)
                .filter(g -> g.emulator().map(emulator::equals).orElse(false)).toList();
        if (byEmulator.isEmpty()) {
            throw FakeErrors.noEmulator(emulator);
        }
        String type = d.typeAsString().orElse("");
        Optional<GuestSupport> guest = byEmulator.stream().filter(g -> g.type().xmlValue().equals(type)).findFirst();
        Optional<String> machine = d.os().flatMap(o -> o.machine());
        if (guest.isEmpty()) {
            throw machine.isPresent() ? FakeErrors.virtTypeUnsupported(emulator, type)
                    : FakeErrors.noPreferredMachine(emulator, type);
        }
        if (machine.isPresent() && !guest.get().supportsMachine(machine.get())) {
            if (MachineFamily.of(machine.get()) == MachineFamily.OTHER && !hasPciController(d)) {
                // a machine libvirt cannot tell is a PC gets no implicit PCI root; device addresses fail first
                throw FakeErrors.xmlError(d.name(), "No PCI buses available");
            }
            throw FakeErrors.machineUnsupported(emulator, machine.get());
        }
        d.os().flatMap(o -> o.arch()).filter(arch -> !runs(byEmulator, arch)).ifPresent(arch -> {
            throw FakeErrors.qemuUnsupported(d.name(), "Emulator '" + emulator + "' does not support arch '" + arch + "'");
        });
    }

    /**
     * Whether an emulator (the guests that name it) runs guests of an architecture: its own, and the 32-bit one a
     * 64-bit binary also runs ({@code virQEMUCapsIsArchSupported}).
     */
    private static boolean runs(List<GuestSupport> byEmulator, String arch) {
        return byEmulator.stream().map(GuestSupport::arch).anyMatch(own -> own.equals(arch)
                || (own.equals("x86_64") && arch.equals("i686")) || (own.equals("aarch64") && arch.equals("armv7l"))
                || (own.equals("armv7l") && arch.equals("armv6l")) || (own.equals("ppc64") && arch.equals("ppc64le")));
    }

    /** The emulator of a definition: the one it names, or the host's for the guest's architecture. */
    static String emulator(Domain d, List<GuestSupport> guests, String hostArch) {
        String arch = d.os().flatMap(o -> o.arch()).orElse(hostArch);
        return d.devices().emulator().or(() -> defaultEmulator(guests, arch)).orElse("/usr/bin/qemu-system-" + qemuArch(arch));
    }

    private static boolean hasPciController(Domain d) {
        return d.devices().controllers().stream().anyMatch(c -> "pci".equals(c.type()));
    }

    private static Optional<String> defaultEmulator(List<GuestSupport> guests, String arch) {
        return guests.stream().filter(GuestSupport::offered).filter(g -> g.arch().equals(arch))
                .flatMap(g -> g.emulator().stream()).findFirst();
    }

    /** QEMU's name for an architecture in its binaries' names. */
    private static String qemuArch(String arch) {
        return switch (arch) {
            case "i686" -> "i386";
            case "ppc64le" -> "ppc64";
            case "armv6l", "armv7l" -> "arm";
            default -> arch;
        };
    }
}
