package io.virtforge.cli;

import io.virtforge.connect.GuestSupport;
import io.virtforge.connect.NetworkStatus;
import io.virtforge.connect.VirtConnection;
import java.nio.file.Files;
import io.virtforge.model.DomainType;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks of what a command needs from the host that libvirt would only refuse late: a NIC's network is
 * looked at only when the domain starts, after the disk image was made and the domain defined. Asking
 * first lets a dry run say what the real run would hit, and a real run fail before it changes anything.
 */
final class Preflight {
    private Preflight() {
    }

    /**
     * Refuses (exit 1) a network the connection says is missing or not started; {@code none} and a
     * connection that cannot tell pass.
     */
    static void network(VirtConnection c, String network) {
        if (network.equals("none")) {
            return;
        }
        NetworkStatus status = c.network(network);
        if (status == NetworkStatus.MISSING) {
            throw CliException.problem("network '" + network + "' does not exist on " + c.uri() + "; nothing was "
                    + "changed (give an existing one with --network NAME, see virsh net-list --all, or --network none)");
        }
        if (status == NetworkStatus.INACTIVE) {
            throw CliException.problem("network '" + network + "' is not active on " + c.uri() + "; nothing was "
                    + "changed (start it: virsh net-start " + network + ", and virsh net-autostart " + network
                    + " to keep it started; or --network none)");
        }
    }

    /**
     * Refuses (exit 1) a domain type the host offers no emulator for on {@code arch} (kvm without a usable
     * {@code /dev/kvm}), and a machine type that is not among the host's (by name or canonical name); a
     * connection that cannot tell passes.
     */
    static void guest(VirtConnection c, DomainType type, String arch, String machine) {
        Optional<GuestSupport> answer = c.guestSupport(type, arch);
        if (answer.isEmpty()) {
            return;
        }
        GuestSupport guests = answer.get();
        String t = type.xmlValue();
        if (!guests.offered()) {
            String hint = type == DomainType.KVM ? " (no usable /dev/kvm?): use --type qemu"
                    : ": see virsh capabilities";
            throw CliException.problem(c.uri() + " offers no " + t + " guests for " + arch + hint
                    + "; nothing was changed");
        }
        if (!guests.supportsMachine(machine)) {
            // a QEMU host lists dozens: the aliases (q35, pc...) first, as the ones a user means
            String some = guests.machines().stream()
                    .sorted(Comparator.comparing((GuestSupport.Machine m) -> m.canonical().isEmpty()))
                    .limit(6).map(GuestSupport.Machine::toString).collect(Collectors.joining(", "));
            String more = guests.machines().size() > 6 ? ", ..." : "";
            throw CliException.problem("machine type '" + machine + "' is not offered for " + t + " " + arch
                    + " guests on " + c.uri() + "; nothing was changed (offered: " + some + more
                    + "; give one with --machine TYPE, see virsh capabilities)");
        }
    }

    /** Refuses (exit 1) an existing images folder this process cannot write to. */
    static void writableFolder(Path dir) {
        if (Files.isDirectory(dir) && !Files.isWritable(dir)) {
            throw CliException.problem("cannot write to the images folder " + dir + "; nothing was changed "
                    + "(run as a user who may, or choose another with --images DIR)");
        }
    }
}
