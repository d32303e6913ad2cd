package io.virtforge.monitor;

import io.virtforge.host.sysfs.Sysfs;
import io.virtforge.host.sysfs.SysfsReadException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Finds the QEMU process of a running domain by its UUID: libvirt always starts QEMU with {@code -uuid <uuid>}, and
 * the UUID (unlike the name, which {@code guest=NAME} also gives) never changes while the domain runs and is unique
 * on the host. The answer comes from {@code /proc/PID/cmdline} alone, so it works for any libvirtd (the system one,
 * a private one with its own run directory) without reading libvirt's pid files, and the fake kernel serves it.
 *
 * <p>Found processes are remembered: a later lookup re-reads only the remembered process's command line, and scans
 * {@code /proc} again only for a domain not found yet or whose process went away. Not thread-safe (the collector
 * holds one per scrape loop).
 */
final class QemuProcessFinder {
    private final Sysfs sysfs;
    private final Map<UUID, Integer> known = new HashMap<>();

    QemuProcessFinder(Sysfs sysfs) {
        this.sysfs = sysfs;
    }

    /** The process of each wanted domain that has one now; domains without a process are left out. */
    Map<UUID, Integer> find(Set<UUID> wanted) {
        known.keySet().retainAll(wanted);
        known.entrySet().removeIf(e -> !e.getKey().equals(uuidOf(e.getValue()).orElse(null)));
        if (!known.keySet().containsAll(wanted)) {
            scan(wanted);
        }
        return Map.copyOf(known);
    }

    private void scan(Set<UUID> wanted) {
        for (String name : sysfs.list(ProcFiles.PROC)) {
            int pid = ProcFiles.number(name);
            if (pid <= 0) {
                continue;
            }
            uuidOf(pid).filter(wanted::contains).ifPresent(uuid -> known.put(uuid, pid));
        }
    }

    /** The {@code -uuid} argument of a process, empty when it has none or is gone. */
    Optional<UUID> uuidOf(int pid) {
        String cmdline;
        try {
            cmdline = sysfs.read(ProcFiles.cmdline(pid));
        } catch (SysfsReadException e) {
            // exited between the listing and the read (ENOENT, or ESRCH from a dying process), or not ours to read
            return Optional.empty();
        }
        String[] args = cmdline.split("\0");
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("-uuid")) {
                try {
                    return Optional.of(UUID.fromString(args[i + 1]));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
